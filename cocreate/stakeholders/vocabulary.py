"""The vocabulary of stakeholder maps: groups, stances, directions, relation types, roles
and quadrants, each an id with French and English labels, read from
``templates/stakeholders/relation-types.toml`` (cached per file and modification time), plus
the relation types a workshop adds (:func:`workshop_vocabulary`)."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cocreate.records import slugify
from cocreate.templates import templates_dir

if TYPE_CHECKING:
    from cocreate.store import Store


@dataclass(frozen=True)
class Term:
    """An id stored in the data and its French and English labels."""

    id: str
    label: Mapping[str, str]
    description: Mapping[str, str] = field(default_factory=dict)

    def text(self, lang: str = "fr") -> str:
        return self.label.get(lang) or self.label.get("en") or self.id


@dataclass(frozen=True)
class RelationType(Term):
    """A relation type; ``approval`` and ``conflict`` drive :func:`cluster_view`."""

    approval: bool = False
    conflict: bool = False
    direction: str = "directed"


@dataclass(frozen=True)
class Role(Term):
    """A role of an actor towards a cluster or idea (see the docstring of
    :mod:`cocreate.stakeholders`)."""

    approves: bool = False
    carries: bool = False


def _fold(value: str) -> str:
    return slugify(str(value)).replace("-", "_")


@dataclass(frozen=True)
class Vocabulary:
    groups: tuple[Term, ...]
    stances: tuple[Term, ...]
    directions: tuple[Term, ...]
    relation_types: tuple[RelationType, ...]
    roles: tuple[Role, ...]
    quadrants: tuple[Term, ...]

    def ids(self, kind: str) -> tuple[str, ...]:
        """Ids of ``groups``, ``stances``, ``directions``, ``relation_types``, ``roles`` or
        ``quadrants``, in the vocabulary's order."""
        return tuple(term.id for term in getattr(self, kind))

    def term(self, kind: str, term_id: str) -> Term | None:
        return next((term for term in getattr(self, kind) if term.id == term_id), None)

    def label(self, kind: str, term_id: str, lang: str = "fr") -> str:
        term = self.term(kind, term_id)
        return term.text(lang) if term else term_id

    def resolve(self, kind: str, value: Any) -> str | None:
        """The id ``value`` names: the id itself or a French or English label, ignoring case,
        accents and punctuation ("Must approve" -> "must_approve"); None if none matches."""
        if value is None:
            return None
        wanted = _fold(value)
        if not wanted:
            return None
        for term in getattr(self, kind):
            if wanted == _fold(term.id) or any(wanted == _fold(v) for v in term.label.values()):
                return term.id
        return None

    def with_relation_types(self, extra: Iterable[RelationType]) -> Vocabulary:
        """This vocabulary plus relation types of a workshop (an id already known is kept)."""
        known = set(self.ids("relation_types"))
        added = tuple(t for t in extra if t.id not in known)
        return replace(self, relation_types=self.relation_types + added)


def _vocabulary_path() -> Path:
    return templates_dir() / "stakeholders" / "relation-types.toml"


def load_vocabulary(path: str | Path | None = None) -> Vocabulary:
    """The vocabulary of ``templates/stakeholders/relation-types.toml`` (or ``path``)."""
    path = Path(path) if path is not None else _vocabulary_path()
    return _read_vocabulary(str(path), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _read_vocabulary(path: str, mtime_ns: int) -> Vocabulary:
    with open(path, "rb") as handle:
        data = tomllib.load(handle)

    def terms(name: str) -> tuple[Term, ...]:
        return tuple(
            Term(t["id"], dict(t["label"]), dict(t.get("description", {})))
            for t in data.get(name, [])
        )

    return Vocabulary(
        groups=terms("groups"),
        stances=terms("stances"),
        directions=terms("directions"),
        relation_types=tuple(
            RelationType(
                t["id"],
                dict(t["label"]),
                dict(t.get("description", {})),
                approval=bool(t.get("approval", False)),
                conflict=bool(t.get("conflict", False)),
                direction=t.get("direction", "directed"),
            )
            for t in data.get("relation_types", [])
        ),
        roles=tuple(
            Role(
                t["id"],
                dict(t["label"]),
                dict(t.get("description", {})),
                approves=bool(t.get("approves", False)),
                carries=bool(t.get("carries", False)),
            )
            for t in data.get("roles", [])
        ),
        quadrants=terms("quadrants"),
    )


def workshop_vocabulary(store: Store, workshop_id: int) -> Vocabulary:
    """The template vocabulary plus the relation types the workshop added."""
    return load_vocabulary().with_relation_types(
        RelationType(
            row["type"],
            {"fr": row["label_fr"], "en": row["label_en"]},
            approval=row["approval"],
            conflict=row["conflict"],
            direction=row["direction"],
        )
        for row in store.list_relation_types(workshop_id)
    )
