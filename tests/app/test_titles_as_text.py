"""User-written titles are shown as text: a workshop whose title, challenge and ideas hold
an image link in Markdown shows the link's characters on every page and no image (the
browser would fetch its address on every facilitator's screen)."""

import pytest
from streamlit.testing.v1 import AppTest

from cocreate.records import IdeaRecord
from cocreate.store import Store

from .conftest import APP

IMAGE = "![x](http://example.com/x.png)"
SHOWN = r"!\[x\](http://example.com/x.png)"
PAGES = (
    "workshop",
    "ideas",
    "clusters",
    "stakeholders",
    "scoring",
    "results",
    "indicators",
    "triage",
    "followup",
    "present",
    "participate",
    "join",
)
MARKDOWN_ELEMENTS = (
    "markdown",
    "caption",
    "title",
    "header",
    "subheader",
    "error",
    "warning",
    "info",
    "success",
)
LABELLED = (
    "text_input",
    "text_area",
    "selectbox",
    "multiselect",
    "radio",
    "checkbox",
    "toggle",
    "button",
    "number_input",
    "metric",
    "expander",
    "tabs",
)


def markdown_read(at: AppTest) -> list[str]:
    """Every text of the page that Streamlit reads as Markdown: bodies and labels."""
    texts = [e.value for kind in MARKDOWN_ELEMENTS for e in getattr(at, kind)]
    texts += [e.label for kind in LABELLED for e in getattr(at, kind) if e.label]
    return [str(text) for text in texts]


@pytest.fixture
def hostile_workshop(db_path):
    with Store(db_path) as store:
        workshop = store.create_workshop(f"Atelier {IMAGE}", challenge=f"Comment {IMAGE} ?")
        store.add_ideas(
            workshop["id"],
            [IdeaRecord(text=f"Une idée {IMAGE}", source_key="1", title=IMAGE, original={})],
            source="form",
        )
    return workshop


@pytest.mark.parametrize("name", PAGES)
def test_no_page_reads_a_title_as_markdown(hostile_workshop, name):
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    at.switch_page(f"cocreate/ui/pages/{name}.py").run()
    assert not at.exception, at.exception
    read = markdown_read(at)
    assert [text for text in read if IMAGE in text] == []
    if name in ("workshop", "ideas", "clusters", "participate"):
        assert any(SHOWN in text for text in read), read
    if name == "present":
        # inside the projected screen's HTML, as character references
        assert any("&#33;&#91;x&#93;&#40;http&#58;//example.com/x.png&#41;" in t for t in read)
