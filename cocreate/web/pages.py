"""Rendering the participant pages: the Jinja templates beside this module, every string
through the translation table."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from starlette.responses import HTMLResponse

from cocreate.i18n import LANGUAGES, language_name, t

TEMPLATES = Path(__file__).resolve().parent / "templates"
# a phone must never show a page the browser kept from before a phase change
NO_STORE = {"Cache-Control": "no-store"}


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def render(
    template: str,
    lang: str,
    *,
    language_href: Callable[[str], str],
    status: int = 200,
    **context: Any,
) -> HTMLResponse:
    """The page ``template`` in ``lang``: ``_`` in a template is :func:`cocreate.i18n.t`;
    ``language_href(code)`` is the same page in another language."""
    html = (
        environment()
        .get_template(template)
        .render(
            lang=lang,
            _=lambda key, **values: t(key, lang, **values),
            languages=[
                (code, language_name(code, code), language_href(code)) for code in LANGUAGES
            ],
            **context,
        )
    )
    return HTMLResponse(html, status_code=status, headers=NO_STORE)
