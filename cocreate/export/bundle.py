"""The research export bundle: a folder (or a ZIP of it) with a workshop's tables in CSV,
Parquet and JSONL, the stakeholder map as GraphML and GEXF, Polis-compatible CSVs, the
embeddings if asked, and a data card (``datapackage.json`` and ``README.md``).

Privacy defaults apply (:class:`cocreate.privacy.PrivacyOptions`); every export writes one
audit entry. :func:`read_bundle` reads a bundle back (Parquet first, else JSONL, else CSV);
:func:`import_bundle` stores it into a database as a new workshop.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pandas as pd

from cocreate.export.datacard import FIELDS, datapackage, readme
from cocreate.export.scrub import Scrubber
from cocreate.export.tables import LEVELS, BundleTables, bundle_tables
from cocreate.privacy import PrivacyOptions
from cocreate.records import slugify
from cocreate.spreadsheet import neutralise_frame, restore_formula

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = [
    "BUNDLE_FORMATS",
    "BundleError",
    "BundleOptions",
    "BundleResult",
    "write_bundle",
    "read_bundle",
]

BUNDLE_FORMATS = ("csv", "parquet", "jsonl")
# Polis's own files are CSV whatever formats are asked
POLIS_TABLES = ("comments", "participants-votes")
LIST_COLUMNS = {"ideas": ("cluster_keywords",), "clusters": ("keywords",)}
OBJECT_COLUMNS = {"ideas": ("original",), "rounds": ("rubric",)}
GRAPH_FILES = {
    "stakeholders.graphml": "The stakeholder map (GraphML): actors, relations, links to groups "
    "and ideas.",
    "stakeholders.gexf": "The same map as GEXF 1.2 (Gephi).",
}
EMBEDDINGS_FILE = "embeddings.npy"


class BundleError(ValueError):
    """A bundle that cannot be written or read; the message says what and where."""


@dataclass(frozen=True)
class BundleOptions:
    """What goes into a bundle and how."""

    formats: tuple[str, ...] = BUNDLE_FORMATS
    # a byte-order mark so that Excel opens the UTF-8 CSVs with their accents
    excel_bom: bool = False
    embeddings: bool = False
    # the level the ideas' cluster columns refer to: "group" or "theme"
    level: str = "group"
    privacy: PrivacyOptions = field(default_factory=PrivacyOptions)
    # who exports, for the audit log (None: the account running the process)
    actor: str | None = None

    def check(self) -> None:
        unknown = [f for f in self.formats if f not in BUNDLE_FORMATS]
        if unknown or not self.formats:
            raise BundleError(
                f"Unknown bundle format {', '.join(unknown) or '(none)'}: use "
                f"{', '.join(BUNDLE_FORMATS)}."
            )
        if self.level not in LEVELS:
            raise BundleError(f"Unknown level {self.level!r}: use {' or '.join(LEVELS)}.")


@dataclass(frozen=True)
class BundleResult:
    """What was written: the folder or ZIP, its files, counts and the audit entry."""

    path: Path
    files: tuple[str, ...]
    counts: dict[str, int]
    privacy: dict[str, Any]
    audit_id: int


def write_bundle(
    store: Store, workshop_id: int, target: Path | str, options: BundleOptions | None = None
) -> BundleResult:
    """Write the bundle of a workshop to the folder ``target`` (created; must be empty if it
    exists) or to a ZIP when ``target`` ends in ``.zip``."""
    options = options or BundleOptions()
    options.check()
    target = Path(target)
    as_zip = target.suffix.lower() == ".zip"
    if not as_zip and target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BundleError(f"{target} exists and is not an empty folder: choose a new one.")
    workshop = store.get_workshop(workshop_id)
    scrubber = Scrubber(options.privacy)
    tables = bundle_tables(
        store, workshop["id"], scrubber, level=options.level, embeddings=options.embeddings
    )
    created = datetime.now(UTC).replace(microsecond=0).isoformat()
    with tempfile.TemporaryDirectory(prefix="cocreate-bundle-") as scratch:
        folder = Path(scratch) if as_zip else target
        folder.mkdir(parents=True, exist_ok=True)
        files = _write_tables(tables, folder, options)
        extra = _write_graph_and_vectors(tables, folder)
        privacy = scrubber.describe()
        descriptor = datapackage(
            tables,
            files,
            name=slugify(workshop["title"]) or "cocreate-bundle",
            created=created,
            privacy=privacy,
            bom=options.excel_bom,
            extra_files={**extra, "README.md": "The data card, for people."},
        )
        (folder / "datapackage.json").write_text(
            json.dumps(descriptor, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
        )
        (folder / "README.md").write_text(readme(descriptor, tables), encoding="utf-8")
        written = sorted(p.name for p in folder.iterdir())
        if as_zip:
            target.parent.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
                for name in written:
                    archive.write(folder / name, name)
    counts = {
        "ideas": len(tables.ideas),
        "clusters": len(tables.clusters),
        "scores": len(tables.scores),
        "actors": sum(1 for _, d in tables.graph.nodes(data=True) if d.get("kind") == "actor"),
        "relations": sum(
            1 for *_, d in tables.graph.edges(data=True) if d.get("kind") == "relation"
        ),
    }
    entry = store.record_export(
        workshop["id"],
        actor=options.actor,
        action="bundle",
        target=str(target),
        details={
            "formats": list(options.formats),
            "files": written,
            "counts": counts,
            "level": options.level,
            "embeddings": options.embeddings,
            "excel_bom": options.excel_bom,
        },
        privacy=privacy,
    )
    return BundleResult(target, tuple(written), counts, privacy, entry["id"])


def _for_csv(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    flat = frame.copy()
    for column in LIST_COLUMNS.get(table, ()):
        flat[column] = flat[column].map(lambda v: "; ".join(v) if isinstance(v, list) else v)
    for column in OBJECT_COLUMNS.get(table, ()):
        flat[column] = flat[column].map(_as_json)
    return neutralise_frame(flat)


def _as_json(value: Any) -> Any:
    return (
        value if isinstance(value, str) or value is None else json.dumps(value, ensure_ascii=False)
    )


def _write_tables(tables: BundleTables, folder: Path, options: BundleOptions) -> dict:
    files: dict[str, list[str]] = {}
    for table, frame in tables.frames().items():
        formats = ("csv",) if table in POLIS_TABLES else options.formats
        for fmt in formats:
            name = f"{table}.{fmt}"
            path = folder / name
            if fmt == "csv":
                bom = options.excel_bom and table not in POLIS_TABLES
                _for_csv(table, frame).to_csv(
                    path, index=False, encoding="utf-8-sig" if bom else "utf-8", lineterminator="\n"
                )
            elif fmt == "parquet":
                typed = frame.copy()
                for column in OBJECT_COLUMNS.get(table, ()):
                    typed[column] = typed[column].map(_as_json)
                typed.to_parquet(path, index=False, engine="pyarrow")
            else:
                frame.to_json(path, orient="records", lines=True, force_ascii=False)
            files.setdefault(table, []).append(name)
    return files


def _write_graph_and_vectors(tables: BundleTables, folder: Path) -> dict[str, str]:
    extra = {}
    nx.write_graphml(tables.graph, folder / "stakeholders.graphml")
    nx.write_gexf(tables.graph, folder / "stakeholders.gexf")
    extra.update(GRAPH_FILES)
    if tables.embeddings is not None:
        np.save(folder / EMBEDDINGS_FILE, tables.embeddings, allow_pickle=False)
        extra[EMBEDDINGS_FILE] = (
            f"Embedding vectors ({tables.embeddings.shape[1]} dimensions, float32), one row per "
            "idea in ideas.idea_id order (row i is idea i+1); NaN where an idea has none."
        )
    return extra


# reading -----------------------------------------------------------------------------------


def read_bundle(path: Path | str) -> BundleTables:
    """A bundle's tables, map, embeddings and descriptor (``context["datapackage"]``), from a
    folder or a ZIP. Each table is read from Parquet if present, else JSONL, else CSV (whose
    neutralised cells are restored)."""
    path = Path(path)
    if not path.exists():
        raise BundleError(f"No bundle at {path}.")
    if path.is_dir():
        names = {p.name for p in path.iterdir()}

        def read(name: str) -> bytes:
            return (path / name).read_bytes()

    else:
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise BundleError(f"{path.name} is neither a bundle folder nor a ZIP.") from None
        names = set(archive.namelist())

        def read(name: str) -> bytes:
            return archive.read(name)

    if "datapackage.json" not in names:
        raise BundleError(f"{path.name} holds no datapackage.json: not a cocreate bundle.")
    descriptor = json.loads(read("datapackage.json"))
    frames = {}
    for table in ("ideas", "clusters", "rounds", "scores", *POLIS_TABLES):
        frames[table] = _read_table(table, names, read)
    if frames["ideas"] is None or frames["clusters"] is None:
        raise BundleError(f"{path.name} lacks its ideas or clusters table.")
    graph = nx.MultiDiGraph()
    if "stakeholders.graphml" in names:
        graph = nx.read_graphml(io.BytesIO(read("stakeholders.graphml")), force_multigraph=True)
    vectors = None
    if EMBEDDINGS_FILE in names:
        vectors = np.load(io.BytesIO(read(EMBEDDINGS_FILE)), allow_pickle=False)
    return BundleTables(
        ideas=frames["ideas"],
        clusters=frames["clusters"],
        rounds=frames["rounds"] if frames["rounds"] is not None else pd.DataFrame(),
        scores=frames["scores"] if frames["scores"] is not None else pd.DataFrame(),
        comments=frames["comments"] if frames["comments"] is not None else pd.DataFrame(),
        participants_votes=frames["participants-votes"],
        graph=graph,
        embeddings=vectors,
        context={"datapackage": descriptor},
    )


def _read_table(table: str, names: set[str], read) -> pd.DataFrame | None:
    if f"{table}.parquet" in names:
        frame = pd.read_parquet(io.BytesIO(read(f"{table}.parquet")))
        for column in LIST_COLUMNS.get(table, ()):
            frame[column] = frame[column].map(lambda v: [] if v is None else list(v))
    elif f"{table}.jsonl" in names:
        frame = pd.read_json(io.BytesIO(read(f"{table}.jsonl")), lines=True, dtype=False)
    elif f"{table}.csv" in names:
        frame = pd.read_csv(
            io.BytesIO(read(f"{table}.csv")), encoding="utf-8-sig", dtype=str, keep_default_na=False
        )
        frame = frame.map(restore_formula).replace({"": None})
        frame.columns = [restore_formula(c) for c in frame.columns]
        for column in LIST_COLUMNS.get(table, ()):
            frame[column] = frame[column].map(lambda v: v.split("; ") if v else [])
        frame = _typed(table, frame)
    else:
        return None
    for column in OBJECT_COLUMNS.get(table, ()):
        if column in frame:
            frame[column] = frame[column].map(
                lambda v: json.loads(v) if isinstance(v, str) else (v if v is not None else {})
            )
    return frame


def _typed(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """CSV columns back to the types the data card gives them."""
    for column in frame.columns:
        kind = FIELDS.get(table, {}).get(
            column, ("integer" if table in POLIS_TABLES else "string",)
        )[0]
        if kind == "integer":
            frame[column] = pd.to_numeric(frame[column]).astype("Int64")
        elif kind == "number":
            frame[column] = pd.to_numeric(frame[column]).astype("float64")
        elif kind == "boolean":
            frame[column] = frame[column].map({"True": True, "False": False, None: None})
    return frame
