"""The workshop report on the staged demo, in French and English: every section there, no
request to anywhere, personal data redacted by default, whatever people typed escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.i18n import t
from cocreate.privacy import PrivacyOptions
from cocreate.report import SECTIONS, build_report
from cocreate.store import Store
from tests.report.conftest import ANSWER_EN, ANSWER_FR, HOSTILE_LABEL, PHONE

# attributes that make a browser fetch something
FETCHING = {"src", "href", "srcset", "poster", "data", "action", "formaction", "xlink:href"}


class Page(HTMLParser):
    """Every tag, its attributes, and the text, as a browser would read them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parsed(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def reports(staged_report):
    with Store(staged_report.path) as store:
        return {lang: build_report(store, staged_report.workshop_id, lang) for lang in ("fr", "en")}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_section_is_there_with_its_title_in_the_language(reports, lang):
    page = parsed(reports[lang])
    ids = [attrs.get("id") for tag, attrs in page.tags if tag == "section" and attrs.get("id")]
    assert ids == list(SECTIONS)
    text = " ".join(page.text)
    for section in SECTIONS:
        assert t(f"report.section.{section}", lang) in text
    assert t("report.title", lang) in text
    assert f'<html lang="{lang}">' in reports[lang]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_demo_s_content_is_in_the_report(reports, staged_report, lang):
    html = reports[lang]
    with Store(staged_report.path) as store:
        workshop = store.get_workshop(staged_report.workshop_id)
        ideas = store.count_ideas(staged_report.workshop_id)
        actors = [a["name"] for a in store.list_actors(staged_report.workshop_id)]
        [scoring_round] = store.list_rounds(staged_report.workshop_id)
    text = " ".join(parsed(html).text)
    assert workshop["challenge"] in text
    assert str(ideas) in text
    assert scoring_round["title"] in text
    # two matplotlib charts, the map and the grid: four drawings inline
    assert html.count("<svg") == 4
    assert all(name in text for name in actors)
    # the decision on the group, with the answer in the report's language
    assert (ANSWER_FR if lang == "fr" else ANSWER_EN) in text
    assert (ANSWER_EN if lang == "fr" else ANSWER_FR) not in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_report_fetches_nothing(reports, lang):
    html = reports[lang]
    page = parsed(html)
    remote = [
        (tag, name, value)
        for tag, attrs in page.tags
        for name, value in attrs.items()
        if name in FETCHING and value and not value.startswith("#")
    ]
    assert remote == []
    assert not [tag for tag, _ in page.tags if tag in {"script", "link", "img", "iframe"}]
    # clip paths point inside the page (url(#id)); nothing else is fetched by CSS
    assert not re.search(r"url\((?!#)|@import", html)
    # an address appears only where someone typed it, as text (the hostile idea and name)
    addresses = re.compile(r"https?://")
    assert len(addresses.findall(html)) == len(addresses.findall("".join(page.text)))
    assert "default-src 'none'" in html


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_markup_people_typed_is_printed_as_text(reports, lang):
    html = reports[lang]
    page = parsed(html)
    text = " ".join(page.text)
    # the group's new name and the edited idea read as typed, as characters
    assert HOSTILE_LABEL in text
    assert "<script>alert('idea')</script>" in text
    assert "&lt;script&gt;" in html and "<script" not in html
    assert not [tag for tag, _ in page.tags if tag in {"script", "img"}]
    # a markdown image stays its characters: no image made of it
    assert "![pic](" in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_phone_number_in_an_idea_is_redacted_by_default(reports, lang):
    html = reports[lang]
    assert PHONE not in html
    assert PHONE.replace(" ", "") not in html
    assert "[PHONE]" in " ".join(parsed(html).text).split(t("report.privacy_on", lang))[1]
    assert t("report.privacy_on", lang) in html


def test_without_redaction_the_idea_is_printed_as_written_and_the_report_says_so(
    staged_report,
):
    with Store(staged_report.path) as store:
        html = build_report(
            store, staged_report.workshop_id, "en", privacy=PrivacyOptions(redact=False)
        )
    assert PHONE in html
    assert t("report.privacy_off", "en") in html


def test_an_unknown_language_is_refused(staged_report):
    with Store(staged_report.path) as store, pytest.raises(ValueError, match="de"):
        build_report(store, staged_report.workshop_id, "de")


def test_the_command_writes_the_report(staged_report, tmp_path):
    out = tmp_path / "rapport.html"
    result = CliRunner().invoke(
        cli,
        ["--db", str(staged_report.path), "report", "-w", "demo", "--lang", "fr", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and PHONE not in html
    assert t("report.cli_redacted", "fr") in result.output
    plain = tmp_path / "plain.html"
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            str(staged_report.path),
            "report",
            "-w",
            "demo",
            "--lang",
            "en",
            "-o",
            str(plain),
            "--no-redact",
        ],
    )
    assert result.exit_code == 0, result.output
    assert PHONE in plain.read_text(encoding="utf-8")
    assert t("report.cli_not_redacted", "en") in result.output
    with Store(staged_report.path) as store:
        logged = [
            e for e in store.audit_entries(staged_report.workshop_id) if e["action"] == "report"
        ]
    # newest first: each written report left its entry, with the privacy it applied
    assert [e["target"] for e in logged[:2]] == [str(plain), str(out)]
    assert [e["privacy"]["redact"] for e in logged[:2]] == [False, True]
    assert [e["details"]["lang"] for e in logged[:2]] == ["en", "fr"]


def test_the_command_names_an_unknown_workshop(staged_report, tmp_path):
    result = CliRunner().invoke(
        cli,
        ["--db", str(staged_report.path), "report", "-w", "nope", "-o", str(tmp_path / "r.html")],
    )
    assert result.exit_code != 0
    assert "nope" in result.output
