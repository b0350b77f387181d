"""Starter maps: typical actors and relations to begin a workshop's map with
(``templates/stakeholders/<slug>.toml``, names and notes in French and English), listed and
read as checked :class:`~cocreate.stakeholders.StakeholderMap` records."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cocreate.stakeholders.graph import check_map
from cocreate.stakeholders.problems import StakeholderMapError
from cocreate.stakeholders.records import Actor, Relation, StakeholderMap
from cocreate.stakeholders.vocabulary import RelationType, _vocabulary_path, load_vocabulary
from cocreate.templates import templates_dir


@dataclass(frozen=True)
class StarterMap:
    """A map to start from (``templates/stakeholders/<slug>.toml``), names in FR and EN."""

    slug: str
    title: Mapping[str, str]
    description: Mapping[str, str]
    path: Path

    def text(self, part: str, lang: str = "fr") -> str:
        values = getattr(self, part)
        return values.get(lang) or values.get("en") or ""


def _starter_folder() -> Path:
    return templates_dir() / "stakeholders"


def list_starter_maps() -> list[StarterMap]:
    """The starter maps of ``templates/stakeholders``, by slug."""
    found = []
    for path in sorted(_starter_folder().glob("*.toml")):
        if path == _vocabulary_path():
            continue
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        found.append(
            StarterMap(
                data.get("slug", path.stem),
                data.get("title", {}),
                data.get("description", {}),
                path,
            )
        )
    return found


def _localised(value: Any, lang: str) -> str:
    if isinstance(value, Mapping):
        return value.get(lang) or value.get("en") or next(iter(value.values()), "")
    return "" if value is None else str(value)


def starter_map(slug: str, language: str = "fr") -> StakeholderMap:
    """The actors and relations of a starter map, names and notes in ``language``."""
    starter = next((s for s in list_starter_maps() if s.slug == slug), None)
    if starter is None:
        raise KeyError(f"No starter map {slug!r} in {_starter_folder()}.")
    vocab = load_vocabulary()
    with starter.path.open("rb") as handle:
        data = tomllib.load(handle)
    actors = tuple(
        Actor(
            key=a["key"],
            name=_localised(a["name"], language),
            group=a["group"],
            power=a.get("power", 3),
            interest=a.get("interest", 3),
            stance=a.get("stance", "unknown"),
            notes=_localised(a.get("notes"), language),
        )
        for a in data.get("actors", [])
    )
    relations = []
    for r in data.get("relations", []):
        kind = vocab.term("relation_types", r["type"])
        default = kind.direction if isinstance(kind, RelationType) else "directed"
        relations.append(
            Relation(
                r["source"],
                r["target"],
                r["type"],
                weight=r.get("weight", 1.0),
                direction=r.get("direction", default),
                notes=_localised(r.get("notes"), language),
            )
        )
    smap = StakeholderMap(actors, tuple(relations))
    problems = check_map(smap, vocab)
    if problems:
        for problem in problems:
            problem.file = starter.path.name
        raise StakeholderMapError(problems)
    return smap
