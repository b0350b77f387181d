"""No request leaves the machine: the pages a room opens load their icons, fonts and favicon
from this server (the room may have no internet, and the product promises nothing leaves)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from cocreate.i18n import t
from cocreate.ingest import submit_idea
from cocreate.store import Store

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# the address of each page, and a text it draws once it is there
PAGES = {
    "workshop": ("", t("workshop.header", "fr")),
    "ideas": ("ideas", t("ideas.header", "fr")),
    "clusters": ("clusters", t("clusters.header", "fr")),
    "join": ("join", t("join.header", "fr")),
    "present": ("present", "Place du marché"),
    "participate": ("participate", "Comment rafraîchir la place ?"),
}


def outside_requests(page) -> list[str]:
    """Collects every request the page makes to another host (a data: URL is no request)."""
    outside: list[str] = []

    def record(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
            outside.append(f"{page.url} -> {request.url}")

    page.on("request", record)
    return outside


def test_no_page_makes_a_request_to_another_host(serve, browser, db_path):
    with Store(db_path) as store:
        workshop = store.create_workshop(
            "Place du marché", challenge="Comment rafraîchir la place ?", language="fr"
        )
        for text in ("Des arbres sur la place", "Une fontaine"):
            submit_idea(store, workshop["id"], text)
    url = serve(db_path)
    page = browser.new_page()
    outside = outside_requests(page)
    for name, (path, shown) in PAGES.items():
        page.goto(f"{url}/{path}")
        expect(page.get_by_test_id("stMain").get_by_text(shown).first).to_be_visible()
        expect(page.get_by_test_id("stStatusWidget")).to_be_hidden()
        # the favicon is drawn inline, not fetched from a font server
        favicon = page.locator("link[rel='shortcut icon']").get_attribute("href")
        assert favicon.startswith("data:image/svg+xml"), (name, favicon)
    # requests started while the last page settled are seen too
    page.wait_for_timeout(1_000)
    assert outside == []
