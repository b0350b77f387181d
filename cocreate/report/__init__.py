"""The workshop report: one self-contained HTML file a city can circulate and print.

``build_report(store, workshop_id, lang)`` renders ``templates/report/report.html.j2`` with
Jinja2 (autoescaped: whatever people typed prints as text, never as HTML or markdown): the
challenge, participation figures, themes and groups with their representative ideas, the
scoring rounds' results and charts (inline SVG, :mod:`cocreate.report.charts`), the
stakeholder map and power/interest grid (:mod:`cocreate.report.drawings`) and the decisions.
Idea texts are redacted by default (:class:`cocreate.privacy.PrivacyOptions`). The page loads
nothing: no script, font, image or style from anywhere, and says so in its Content Security
Policy.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from cocreate.i18n import LANGUAGES, t
from cocreate.privacy import PrivacyOptions
from cocreate.report.content import SECTIONS, report_context
from cocreate.scoring import SWEET_SPOT_THRESHOLD
from cocreate.templates import templates_dir

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = ["build_report", "write_report", "report_context", "SECTIONS", "TEMPLATE"]

TEMPLATE = "report.html.j2"


@lru_cache(maxsize=4)
def _environment(folder: Path) -> Environment:
    return Environment(
        loader=FileSystemLoader(folder),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )


def build_report(
    store: Store, workshop_id: int, lang: str = "fr", privacy: PrivacyOptions | None = None
) -> str:
    """The workshop's report as one HTML page in ``lang`` (fr or en)."""
    if lang not in LANGUAGES:
        raise ValueError(t("report.unknown_language", "en", lang=lang, known=", ".join(LANGUAGES)))
    context = report_context(store, workshop_id, lang, privacy or PrivacyOptions())
    template = _environment(templates_dir() / "report").get_template(TEMPLATE)
    return template.render(
        **context,
        sweet_threshold=SWEET_SPOT_THRESHOLD,
        _=lambda key, **values: t(key, lang, **values),
    )


def write_report(
    store: Store,
    workshop_id: int,
    path: Path,
    lang: str = "fr",
    privacy: PrivacyOptions | None = None,
    *,
    actor: str | None = None,
) -> int:
    """Write the report to ``path`` (UTF-8) and record it in the audit log (``actor``: who,
    default the account at the machine); returns its size in bytes."""
    privacy = privacy or PrivacyOptions()
    data = build_report(store, workshop_id, lang, privacy).encode("utf-8")
    Path(path).write_bytes(data)
    store.record_export(
        workshop_id,
        actor=actor,
        action="report",
        target=str(path),
        details={"lang": lang, "bytes": len(data)},
        privacy=privacy.describe(),
    )
    return len(data)
