"""Property-based tests of every text a person wrote that the app shows (issue 22): idea
text, title and author, workshop title and challenge, round title, cluster labels.

- On the room pages (Jinja): whatever the texts, the page renders, holds exactly the
  elements and attributes it holds for plain words (no markup injected), and shows each
  text as it was typed.
- Through the helpers the Streamlit pages render text with (``escape_markdown``, ``shorten``,
  the chart labels): never raising, and Markdown shows the words, never markup.
"""

from __future__ import annotations

import dataclasses
import html
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from starlette.applications import Starlette
from starlette.testclient import TestClient

from cocreate.ingest import submit_idea
from cocreate.scoring import copy_rubric_to_workshop, open_round
from cocreate.store import Store
from cocreate.ui.scoreboard import target_name, unique_names
from cocreate.ui.stakeholder_view import wrap
from cocreate.ui.wall import escape_markdown, shorten
from cocreate.web import pages, routes, web_routes

SETTINGS = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}
# texts the pages are rendered with first: words no template or escaping changes
MARKERS = {
    "title": "⟦title⟧",
    "challenge": "⟦challenge⟧",
    "idea": "⟦idea⟧",
    "author": "⟦author⟧",
    "target": "⟦target⟧",
    "target_title": "⟦targettitle⟧",
    "round": "⟦round⟧",
    "typed": "⟦typed⟧",
}
ATTACKS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</textarea><b>bold</b>",
    "</title><h1>x</h1>",
    "![tracker](http://192.0.2.1/pixel.png)",
    "[lien](javascript:alert(1))",
    "{{ 7*7 }} {% raw %}",
    "&amp; &lt;b&gt; &#60;",
    "<!-- x --> <![CDATA[ y ]]>",
    "\u202e\u200b\ufeff",
    "- liste\n1. numéro\n---",
]
# what a person can type (no surrogate halves: the readers already replace them)
WORDS = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200),
    st.sampled_from(ATTACKS),
    st.lists(st.sampled_from(ATTACKS), min_size=2, max_size=4).map(" ".join),
)


class Structure(HTMLParser):
    """The elements and attribute names of a page, in order (its markup, not its words)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.found.append(("<", tag, tuple(sorted(name for name, _ in attrs))))

    def handle_endtag(self, tag):
        self.found.append(("</", tag))

    def handle_comment(self, data):
        self.found.append(("comment",))

    def handle_decl(self, decl):
        self.found.append(("decl", decl))


def structure(page: str) -> list[tuple]:
    parser = Structure()
    parser.feed(page)
    parser.close()
    return parser.found


def replaced(value, old: str, new: str):
    """``value`` with ``old`` replaced by ``new`` in every string it holds."""
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, dict):
        return {key: replaced(item, old, new) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(replaced(item, old, new) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value,
            **{
                f.name: replaced(getattr(value, f.name), old, new)
                for f in dataclasses.fields(value)
                if f.init
            },
        )
    return value


@pytest.fixture(scope="module")
def rendered_pages(tmp_path_factory):
    """What the real routes rendered (template, language, context) for the join page with a
    wrong code, the room collecting ideas (an idea sent), the room scoring (a ballot), every
    written text a marker."""
    db_path = tmp_path_factory.mktemp("rendering") / "cocreate.db"
    with Store(db_path) as store:
        workshop = store.create_workshop(MARKERS["title"], challenge=MARKERS["challenge"])
    captured = []

    def capture(template, lang, **context):
        captured.append((template, lang, context))
        return pages.render(template, lang, **context)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(routes, "render", capture)
        client = TestClient(Starlette(routes=web_routes(db_path)))
        code = workshop["join_code"]
        client.get("/room", params={"code": MARKERS["typed"]})
        page = client.get(f"/room/{code}")
        token = page.text.split('name="r" value="', 1)[1].split('"', 1)[0]
        client.post(
            f"/room/{code}/idea",
            data={
                "r": token,
                "client": "property-test-1",
                "text": MARKERS["idea"],
                "author": MARKERS["author"],
            },
        )
        client.get(f"/room/{code}")
        with Store(db_path) as store:
            target = submit_idea(
                store, workshop["id"], MARKERS["target"], title=MARKERS["target_title"]
            )
            copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
            open_round(store, workshop["id"], [("idea", target["id"])], title=MARKERS["round"])
            store.set_phase(workshop["id"], "score")
        client.get(f"/room/{code}")
        client.close()
    kept = {}
    for template, lang, context in captured:
        if template == "join.html" and context.get("error"):
            kept["join"] = (template, lang, context)
        elif template == "room.html" and context["ballot"] is not None:
            kept["ballot"] = (template, lang, context)
        elif template == "room.html" and context["collect"] and context["collect"]["mine"]:
            kept["collect"] = (template, lang, context)
    assert set(kept) == {"join", "ballot", "collect"}
    return kept


def render_with(found, texts: dict[str, str]) -> str:
    template, lang, context = found
    for name, text in texts.items():
        context = replaced(context, MARKERS[name], text)
    return pages.render(template, lang, **context).body.decode("utf-8")


def shown_markers(found) -> list[str]:
    """The markers a page shows as words (not only inside its JSON)."""
    page = html.unescape(render_with(found, {}))
    return [name for name, marker in MARKERS.items() if marker in page]


def check_page(found, texts):
    plain = render_with(found, {name: "mot" for name in texts})
    page = render_with(found, texts)
    assert structure(page) == structure(plain)
    words = html.unescape(page)
    for name in shown_markers(found):
        assert texts[name] in words, name


TEXTS = st.fixed_dictionaries({name: WORDS for name in MARKERS})


def test_the_pages_show_the_written_texts(rendered_pages):
    assert set(shown_markers(rendered_pages["join"])) == {"typed"}
    assert {"title", "idea"} <= set(shown_markers(rendered_pages["collect"]))
    assert {"title", "round", "target"} <= set(shown_markers(rendered_pages["ballot"]))


@settings(max_examples=700, **SETTINGS)
@given(texts=TEXTS)
def test_the_room_collecting_ideas_shows_any_text_as_words(rendered_pages, texts):
    check_page(rendered_pages["collect"], texts)


@settings(max_examples=600, **SETTINGS)
@given(texts=TEXTS)
def test_the_ballot_shows_any_text_as_words(rendered_pages, texts):
    check_page(rendered_pages["ballot"], texts)


@settings(max_examples=400, **SETTINGS)
@given(texts=TEXTS)
def test_the_join_page_shows_any_typed_code_as_words(rendered_pages, texts):
    check_page(rendered_pages["join"], texts)


# the Streamlit pages' helpers -------------------------------------------------------------

MARKDOWN = MarkdownIt("commonmark")


@settings(max_examples=3000, **SETTINGS)
@given(text=WORDS)
def test_escaped_markdown_shows_the_words_and_no_markup(text):
    words = " ".join(text.split())
    shown = MARKDOWN.render(escape_markdown(text))
    # markdown-it writes a double quote as an entity (the same character on screen) and NUL
    # as U+FFFD, as CommonMark asks
    escaped = html.escape(words, quote=False).replace('"', "&quot;").replace("\x00", "\ufffd")
    assert shown == (f"<p>{escaped}</p>\n" if words else "")


@settings(max_examples=1000, **SETTINGS)
@given(
    labels=st.lists(st.one_of(st.none(), WORDS), min_size=1, max_size=5),
    limit=st.integers(2, 300),
)
def test_shortened_names_and_labels_never_raise_and_keep_their_limits(labels, limit):
    for label in labels:
        if label is not None:
            short = shorten(label, limit)
            assert len(short) <= limit and "\n" not in short
            assert all(len(line) <= 20 or " " not in line for line in wrap(label, 20).split("\n"))
    targets = [{"id": n, "label": label} for n, label in enumerate(labels)]
    names = unique_names(targets, "fr")
    assert len(set(names.values())) == len(targets)
    assert all(len(target_name(t, "en")) <= 42 for t in targets)
