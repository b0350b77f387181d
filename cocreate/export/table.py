"""The clustered dataset, one row per idea, for researchers and spreadsheets (CSV or JSONL).

Each row holds the idea as stored (text, title, author, category, votes, created, language,
source and source id), its cluster (id, label, keywords), its similarity to the cluster, the
loose flag, its near-duplicate group, the idea it was merged into (if any), its map
coordinates, and the model id, seed and clustering id that produced them, so a result can be
reproduced. The imported row is kept: nested under ``original`` in JSONL, as
``original.<column>`` columns in CSV. Ideas not clustered yet have empty cluster fields.

The privacy default of every export applies (:class:`cocreate.privacy.PrivacyOptions`): text,
title and the imported row's texts redacted, authors as pseudonyms salted per export, personal
columns dropped (an age becomes its band), unless the options say otherwise. CSV cells are
neutralised against formula injection (:mod:`cocreate.spreadsheet`); JSONL keeps the values.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cocreate.export.scrub import Scrubber
from cocreate.privacy import PrivacyOptions
from cocreate.spreadsheet import neutralise_formula

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = [
    "EXPORT_FORMATS",
    "export_rows",
    "export_bytes",
    "export_file",
    "format_for_path",
    "scrub_rows",
    "stored_rows",
]

EXPORT_FORMATS = ("csv", "jsonl")
IDEA_FIELDS = (
    "idea_id",
    "source",
    "source_id",
    "title",
    "text",
    "author",
    "category",
    "votes",
    "created",
    "language",
)
CLUSTER_FIELDS = (
    "cluster_id",
    "cluster_label",
    "cluster_keywords",
    "theme_id",
    "theme_label",
    "secondary_theme_id",
    "secondary_theme_label",
    "secondary_similarity",
    "similarity",
    "loose",
    "duplicate_group",
    "merged_into",
    "x",
    "y",
    "model_id",
    "seed",
    "clustering_id",
)
ORIGINAL_PREFIX = "original."


def export_rows(
    store: Store,
    workshop: int | str,
    privacy: PrivacyOptions | None = None,
    *,
    scrubber: Scrubber | None = None,
) -> list[dict[str, Any]]:
    """One dict per idea of the workshop, in import order (see the module docstring), with
    ``privacy`` (default: :class:`PrivacyOptions`, redaction on) applied."""
    rows = stored_rows(store, workshop)
    scrubber = scrubber or Scrubber(privacy or PrivacyOptions())
    return scrub_rows(rows, scrubber)


def scrub_rows(rows: list[dict[str, Any]], scrubber: Scrubber) -> list[dict[str, Any]]:
    """``rows`` of :func:`stored_rows` with the scrubber's treatment applied (in place)."""
    languages = [row["language"] for row in rows]
    for field_name in ("text", "title"):
        cleaned = scrubber.texts([row[field_name] for row in rows], languages)
        for row, value in zip(rows, cleaned, strict=True):
            row[field_name] = value
    originals = scrubber.originals([row["original"] for row in rows], languages)
    for row, original in zip(rows, originals, strict=True):
        row["author"] = scrubber.author(row["author"])
        row["original"] = original
    return rows


def stored_rows(store: Store, workshop: int | str) -> list[dict[str, Any]]:
    """The rows of :func:`export_rows` as stored: no privacy treatment. Never write these
    out as they are."""
    target = store.get_workshop(workshop)
    clustering = store.latest_clustering(target["id"]) or {}
    clusters = {c["id"]: c for c in store.active_clusters(target["id"])}
    themes = {t["id"]: t for t in store.active_themes(target["id"])}
    placed = {a["idea_id"]: a for a in store.assignments(target["id"])}
    merged_into = {
        m["merged_idea_id"]: m["primary_idea_id"] for m in store.active_merges(target["id"])
    }
    rows = []
    for idea in store.list_ideas(target["id"]):
        where = placed.get(idea["id"], {})
        cluster = clusters.get(where.get("cluster_id"))
        theme = themes.get(cluster["parent_id"]) if cluster else None
        secondary = themes.get(where.get("secondary_theme_id"))
        row: dict[str, Any] = {"idea_id": idea["id"]}
        row.update({name: idea[name] for name in IDEA_FIELDS[1:]})
        row.update(
            {
                "cluster_id": cluster["id"] if cluster else None,
                "cluster_label": cluster["label"] if cluster else None,
                "cluster_keywords": list(cluster["keywords"]) if cluster else [],
                "theme_id": theme["id"] if theme else None,
                "theme_label": theme["label"] if theme else None,
                "secondary_theme_id": secondary["id"] if secondary else None,
                "secondary_theme_label": secondary["label"] if secondary else None,
                "secondary_similarity": _rounded(where.get("secondary_similarity"))
                if secondary
                else None,
                "similarity": _rounded(where.get("similarity")),
                "loose": bool(where.get("loose")) if cluster else None,
                "duplicate_group": where.get("duplicate_group"),
                "merged_into": merged_into.get(idea["id"]),
                "x": _rounded(where.get("x")),
                "y": _rounded(where.get("y")),
                "model_id": clustering.get("model_id"),
                "seed": clustering.get("seed"),
                "clustering_id": clustering.get("id"),
                "original": json.loads(idea["original"] or "{}"),
            }
        )
        rows.append(row)
    return rows


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 6)


def _csv_bytes(rows: list[dict[str, Any]]) -> bytes:
    original_columns = list(dict.fromkeys(k for row in rows for k in row["original"]))
    header = [*IDEA_FIELDS, *CLUSTER_FIELDS, *(ORIGINAL_PREFIX + c for c in original_columns)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([neutralise_formula(name) for name in header])
    for row in rows:
        flat = {name: row[name] for name in (*IDEA_FIELDS, *CLUSTER_FIELDS)}
        flat["cluster_keywords"] = "; ".join(row["cluster_keywords"])
        for column, value in row["original"].items():
            is_nested = isinstance(value, dict | list)
            flat[ORIGINAL_PREFIX + column] = (
                json.dumps(value, ensure_ascii=False) if is_nested else value
            )
        writer.writerow([neutralise_formula(flat.get(name)) for name in header])
    # a BOM so that Excel opens accented French text as UTF-8
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _jsonl_bytes(rows: list[dict[str, Any]]) -> bytes:
    lines = (json.dumps(row, ensure_ascii=False, default=str) for row in rows)
    return "".join(line + "\n" for line in lines).encode("utf-8")


def export_bytes(
    store: Store, workshop: int | str, fmt: str = "csv", privacy: PrivacyOptions | None = None
) -> bytes:
    """The export as bytes, ready for a file or a download button."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}.")
    return _serialise(export_rows(store, workshop, privacy), fmt)


def _serialise(rows: list[dict[str, Any]], fmt: str) -> bytes:
    return _csv_bytes(rows) if fmt == "csv" else _jsonl_bytes(rows)


def format_for_path(path: Path) -> str:
    """``csv`` or ``jsonl`` from the file name (``.json``/``.ndjson`` count as JSONL)."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("jsonl", "ndjson", "json"):
        return "jsonl"
    if suffix in ("csv", "txt", ""):
        return "csv"
    raise ValueError(f"Cannot tell the export format of {path.name!r}: name it .csv or .jsonl.")


def export_file(
    store: Store,
    workshop: int | str,
    path: Path,
    fmt: str | None = None,
    privacy: PrivacyOptions | None = None,
    *,
    actor: str | None = None,
) -> int:
    """Write the export to ``path`` and record it in the audit log (``actor``: who exports,
    default the account at the machine); returns the number of ideas written."""
    fmt = fmt or format_for_path(path)
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}.")
    workshop_id = store.get_workshop(workshop)["id"]
    scrubber = Scrubber(privacy or PrivacyOptions())
    rows = export_rows(store, workshop_id, scrubber=scrubber)
    path.write_bytes(_serialise(rows, fmt))
    store.record_export(
        workshop_id,
        actor=actor,
        action="export",
        target=str(path),
        details={"format": fmt, "ideas": len(rows)},
        privacy=scrubber.describe(),
    )
    return len(rows)
