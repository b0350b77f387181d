"""The editable tables of a stakeholder map (actors, relations, links to current
clusters) and how an edited table is saved: every row checked first (nothing stored on any
problem, each one named by row and column as the table shows it), then new rows added,
changed rows updated and the rows taken out deleted from the store."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from cocreate.stakeholders.graph import check_map, free_actor_key
from cocreate.stakeholders.problems import MapProblem, StakeholderMapError
from cocreate.stakeholders.records import Actor, Link, Relation, StakeholderMap
from cocreate.stakeholders.stored import import_map
from cocreate.stakeholders.vocabulary import RelationType, Vocabulary

if TYPE_CHECKING:
    from cocreate.store import Store

# what _scale gives for an empty power or interest cell
MISSING = object()


def _blank(value: Any) -> bool:
    """None, NaN, pandas' NA or blank text: an empty cell of an edited table."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _text(value: Any) -> str:
    return "" if _blank(value) else str(value).strip()


ACTOR_COLUMNS = ["key", "name", "group", "power", "interest", "stance", "notes"]
RELATION_COLUMNS = ["source", "target", "type", "weight", "direction", "notes"]
LINK_COLUMNS = ["actor", "cluster", "role"]


def actors_table(actors: Iterable[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{c: a[c] for c in ACTOR_COLUMNS} for a in actors], columns=ACTOR_COLUMNS
    ).astype({"power": "Int64", "interest": "Int64"})


def relations_table(relations: Iterable[dict[str, Any]]) -> pd.DataFrame:
    rows = [
        {
            "source": r["source_key"],
            "target": r["target_key"],
            "type": r["type"],
            "weight": float(r["weight"]),
            "direction": r["direction"],
            "notes": r["notes"],
        }
        for r in relations
    ]
    return pd.DataFrame(rows, columns=RELATION_COLUMNS)


def links_table(links: Iterable[dict[str, Any]], cluster_ids: Iterable[int]) -> pd.DataFrame:
    """The links to current clusters (links to single ideas are kept but not listed)."""
    active = set(cluster_ids)
    rows = [
        {"actor": link["actor_key"], "cluster": link["cluster_id"], "role": link["role"]}
        for link in links
        if link["target_kind"] == "cluster" and link["cluster_id"] in active
    ]
    return pd.DataFrame(rows, columns=LINK_COLUMNS).astype({"cluster": "Int64"})


def _row_problems(problems: Iterable[MapProblem], row: int, headers: dict[str, str]):
    """Library problems placed on a table row, the column named as the table shows it."""
    for problem in problems:
        problem.line, problem.unit, problem.element = row, "row", None
        problem.column = headers.get(problem.column or "", problem.column)
        yield problem


def _missing(row: int, column: str, headers: dict[str, str]) -> MapProblem:
    header = headers.get(column, column)
    return MapProblem(
        "", "missing_value", line=row, column=header, unit="row", params={"field": header}
    )


def _scale(value: Any) -> Any:
    if _blank(value):
        return MISSING
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value  # check_map names it
    return int(number) if number.is_integer() else number


def save_actors(
    store: Store, workshop_id: int, table: pd.DataFrame, vocab: Vocabulary, headers: dict[str, str]
) -> dict[str, dict[str, int]]:
    """Store the actors table as edited: new rows are added (with a key made from the name),
    changed rows updated, rows taken out deleted with their relations and links. Every row
    is checked first; on any problem nothing changes and :class:`StakeholderMapError` says
    which row and column."""
    stored = store.list_actors(workshop_id)
    taken = {a["key"] for a in stored}
    actors, problems = [], []
    for row, record in enumerate(table.to_dict("records"), start=1):
        name, group = _text(record.get("name")), _text(record.get("group"))
        stance = _text(record.get("stance")) or "unknown"
        power, interest = _scale(record.get("power")), _scale(record.get("interest"))
        found = [
            _missing(row, column, headers)
            for column, value in (("name", name), ("group", group), ("power", power))
            + (("interest", interest),)
            if value in ("", MISSING)
        ]
        if found:
            problems += found
            continue
        key = _text(record.get("key"))
        if not key:
            key = free_actor_key(name, taken)
            taken.add(key)
        actor = Actor(key, name, group, power, interest, stance, _text(record.get("notes")))
        problems += _row_problems(check_map(StakeholderMap((actor,)), vocab), row, headers)
        actors.append(actor)
    if problems:
        raise StakeholderMapError(problems)
    counts = import_map(store, workshop_id, StakeholderMap(tuple(actors)), update=True)
    kept = {a.key for a in actors}
    removed = [a for a in stored if a["key"] not in kept]
    for actor in removed:
        store.delete_actor(actor["id"])
    counts["actors"]["removed"] = len(removed)
    return counts


def _stored_actors(store: Store, workshop_id: int) -> tuple[Actor, ...]:
    return tuple(
        Actor(a["key"], a["name"], a["group"], a["power"], a["interest"], a["stance"], a["notes"])
        for a in store.list_actors(workshop_id)
    )


def save_relations(
    store: Store, workshop_id: int, table: pd.DataFrame, vocab: Vocabulary, headers: dict[str, str]
) -> dict[str, dict[str, int]]:
    """Store the relations table as edited: a relation is its two actors and its type; new
    ones are added, changed weights, directions and notes updated, those taken out deleted.
    Checked row by row first, as :func:`save_actors`."""
    known = _stored_actors(store, workshop_id)
    relations, problems = [], []
    seen: set[tuple[str, str, str]] = set()
    for row, record in enumerate(table.to_dict("records"), start=1):
        source, target = _text(record.get("source")), _text(record.get("target"))
        kind = _text(record.get("type"))
        found = [
            _missing(row, column, headers)
            for column, value in (("source", source), ("target", target), ("type", kind))
            if not value
        ]
        if found:
            problems += found
            continue
        term = vocab.term("relation_types", kind)
        default = term.direction if isinstance(term, RelationType) else "directed"
        weight = record.get("weight")
        relation = Relation(
            source,
            target,
            kind,
            1.0 if _blank(weight) else float(weight),
            _text(record.get("direction")) or default,
            _text(record.get("notes")),
        )
        row_problems = check_map(StakeholderMap(known, (relation,)), vocab)
        if (source, target, kind) in seen:
            row_problems.append(MapProblem("", "duplicate_relation", params={"value": kind}))
        seen.add((source, target, kind))
        problems += _row_problems(row_problems, row, headers)
        relations.append(relation)
    if problems:
        raise StakeholderMapError(problems)
    counts = import_map(store, workshop_id, StakeholderMap(relations=tuple(relations)), update=True)
    removed = [
        r
        for r in store.list_relations(workshop_id)
        if (r["source_key"], r["target_key"], r["type"]) not in seen
    ]
    for relation in removed:
        store.delete_relation(relation["id"])
    counts["relations"]["removed"] = len(removed)
    return counts


def save_links(
    store: Store,
    workshop_id: int,
    table: pd.DataFrame,
    cluster_ids: Iterable[int],
    vocab: Vocabulary,
    headers: dict[str, str],
) -> dict[str, dict[str, int]]:
    """Store the links table (actor, current cluster, role) as edited, through
    :func:`cocreate.stakeholders.import_map` so that a linked cluster gets pinned; links
    taken out are deleted. Links to ideas and to retired clusters are left alone."""
    known = _stored_actors(store, workshop_id)
    links, problems = [], []
    for row, record in enumerate(table.to_dict("records"), start=1):
        actor, role = _text(record.get("actor")), _text(record.get("role"))
        cluster = record.get("cluster")
        found = [
            _missing(row, column, headers)
            for column, value in (("actor", actor), ("cluster", cluster), ("role", role))
            if _blank(value)
        ]
        if found:
            problems += found
            continue
        link = Link(actor, "cluster", int(cluster), role)
        problems += _row_problems(
            check_map(StakeholderMap(known, links=(link,)), vocab), row, headers
        )
        links.append(link)
    if problems:
        raise StakeholderMapError(problems)
    wanted = {(link.actor, link.ref, link.role) for link in links}
    unique = tuple(dict.fromkeys(links))  # a row repeated is one link
    counts = import_map(store, workshop_id, StakeholderMap(links=unique), update=True)
    active = set(cluster_ids)
    removed = [
        link
        for link in store.list_stakeholder_links(workshop_id)
        if link["target_kind"] == "cluster"
        and link["cluster_id"] in active
        and (link["actor_key"], link["cluster_id"], link["role"]) not in wanted
    ]
    for link in removed:
        store.delete_stakeholder_link(link["id"])
    counts["links"]["removed"] = len(removed)
    return counts
