"""Workshop templates and the demo workshop, read from the ``templates/`` folder (data, not code).

The folder is ``$COCREATE_TEMPLATES`` if set, else ``templates/`` beside the ``cocreate``
package (the source checkout that ``make run`` installs in editable mode).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cocreate.ingest import import_file
from cocreate.records import ImportReport

if TYPE_CHECKING:
    from cocreate.store import Store


__all__ = [
    "WorkshopTemplate",
    "templates_dir",
    "list_templates",
    "get_template",
    "create_workshop_from_template",
    "load_demo",
    "DEMO_SLUG",
]

DEMO_SLUG = "demo"


def templates_dir() -> Path:
    env = os.environ.get("COCREATE_TEMPLATES")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class WorkshopTemplate:
    """A workshop to start from: bilingual title, challenge, description and phases."""

    slug: str
    title: dict[str, str]
    challenge: dict[str, str]
    description: dict[str, str] = field(default_factory=dict)
    phases: dict[str, list[str]] = field(default_factory=dict)
    suggested_categories: tuple[str, ...] = ()
    language: str | None = None

    @classmethod
    def from_file(cls, path: Path) -> WorkshopTemplate:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
        return cls(
            slug=data.get("slug", path.stem),
            title=data.get("title", {}),
            challenge=data.get("challenge", {}),
            description=data.get("description", {}),
            phases=data.get("phases", {}),
            suggested_categories=tuple(data.get("suggested_categories", ())),
            language=data.get("language"),
        )

    def text(self, part: str, lang: str) -> str:
        values = getattr(self, part)
        return values.get(lang) or values.get("en") or next(iter(values.values()), "")


def list_templates() -> list[WorkshopTemplate]:
    """Workshop templates, the blank one last."""
    folder = templates_dir() / "workshops"
    found = [WorkshopTemplate.from_file(p) for p in sorted(folder.glob("*.toml"))]
    return sorted(found, key=lambda tpl: (tpl.slug == "blank", tpl.slug))


def get_template(slug: str) -> WorkshopTemplate:
    for template in list_templates():
        if template.slug == slug:
            return template
    raise KeyError(f"No workshop template {slug!r} in {templates_dir() / 'workshops'}.")


def create_workshop_from_template(
    store: Store,
    template_slug: str,
    *,
    language: str = "fr",
    title: str | None = None,
    challenge: str | None = None,
) -> dict[str, Any]:
    """A new workshop with the template's texts in ``language``; given texts win."""
    template = get_template(template_slug)
    return store.create_workshop(
        title or template.text("title", language),
        challenge=challenge if challenge is not None else template.text("challenge", language),
        description=template.text("description", language),
        language=language,
        template=template.slug,
    )


def load_demo(store: Store) -> tuple[dict[str, Any], ImportReport]:
    """Create the demo workshop if it is missing and import its ideas (idempotent)."""
    folder = templates_dir() / "demo"
    template = WorkshopTemplate.from_file(folder / "workshop.toml")
    workshop = store.find_workshop(DEMO_SLUG)
    if workshop is None:
        language = template.language or "fr"
        workshop = store.create_workshop(
            template.text("title", language),
            challenge=template.text("challenge", language),
            description=template.text("description", language),
            language=language,
            template=DEMO_SLUG,
            slug=DEMO_SLUG,
        )
    report = import_file(store, workshop["id"], folder / "ideas.csv", source="demo")
    return workshop, report
