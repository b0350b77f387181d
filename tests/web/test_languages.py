"""Every string of the participant pages in French or English: the workshop's language, or
``?lang=``, kept across the redirects, forms and links; no untranslated word in a template."""

import re
from pathlib import Path

import pytest

from cocreate.store import Store
from cocreate.web.pages import TEMPLATES

from .conftest import field, joined


@pytest.fixture
def english(db_path):
    with Store(db_path) as store:
        return store.create_workshop(
            "Market square", challenge="How might we cool the square?", language="en"
        )


def test_the_workshop_language_is_the_default(phone, workshop, english):
    french = phone().get(f"/room/{workshop['join_code']}").text
    assert '<html lang="fr">' in french and "Envoyer mon idée" in french
    page = phone().get(f"/room/{english['join_code']}").text
    assert '<html lang="en">' in page
    assert "Phase of the room: Collect ideas" in page
    assert "Your idea for: How might we cool the square?" in page
    assert "Send my idea" in page and "Envoyer" not in page


def test_a_chosen_language_is_kept_through_join_forms_and_links(phone, workshop):
    code = workshop["join_code"]
    client = phone()
    assert "Join a workshop" in client.get("/room", params={"lang": "en"}).text
    wrong = client.get("/room", params={"lang": "en", "code": "nope"})
    assert "No workshop has the code “nope”." in wrong.text
    url, token = joined(client, code, lang="en")
    assert url.endswith(f"/room/{code}?r={token}&lang=en")
    page = client.get(url).text
    assert "Send my idea" in page and field(page, "lang") == "en"
    sent = client.post(
        f"/room/{code}/idea",
        data={"r": token, "client": "a" * 32, "text": "Shade", "lang": "en"},
    )
    assert "Idea received, thank you!" in sent.text and "Your ideas (1)" in sent.text
    refused = client.post(
        f"/room/{code}/idea", data={"r": token, "client": "b" * 32, "text": " ", "lang": "en"}
    )
    assert "Your idea was not stored: empty idea text." in refused.text
    # the language links keep the participant
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"', page))
    assert {lang: href for href, lang in links.items()} == {
        "fr": f"/room/{code}?r={token}&amp;lang=fr",
        "en": f"/room/{code}?r={token}&amp;lang=en",
    }
    assert "Phase of the room" in client.get(f"/room/{code}?r={token}&lang=en").text
    assert "Étape de la salle" in client.get(f"/room/{code}?r={token}&lang=fr").text


def visible_literals(template: Path) -> list[str]:
    """Words a person would read that do not come from the translation table."""
    text = template.read_text(encoding="utf-8")
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)
    return [word for word in text.split() if re.search(r"[A-Za-zÀ-ÿ]", word)]


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_templates_hold_no_untranslated_word(template):
    assert visible_literals(template) == []
    # attributes a person reads (placeholder, aria-label, title) come from the table too
    attributes = re.findall(
        r'(?:aria-label|title|alt)="([^"{]*[A-Za-z][^"{]*)"', template.read_text()
    )
    assert attributes == []
