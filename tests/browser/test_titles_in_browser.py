"""A workshop title holding a Markdown image link makes no request in a real browser: the
facilitator's pages show the characters (chromium on the served app)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cocreate.ingest import submit_idea
from cocreate.store import Store

from .test_offline import outside_requests

pytestmark = pytest.mark.browser

IMAGE = "![x](http://example.com/x.png)"


def test_an_image_link_in_a_title_is_not_fetched(serve, browser, db_path):
    with Store(db_path) as store:
        workshop = store.create_workshop(f"Atelier {IMAGE}", challenge=f"Comment {IMAGE} ?")
        submit_idea(store, workshop["id"], f"Une idée {IMAGE}")
    url = serve(db_path)
    page = browser.new_page()
    outside = outside_requests(page)
    for path in ("", "ideas", "present", "participate"):
        page.goto(f"{url}/{path}")
        main = page.get_by_test_id("stMain")
        expect(main.get_by_text(IMAGE, exact=False).first).to_be_visible()
        expect(page.get_by_test_id("stStatusWidget")).to_be_hidden()
        assert main.locator("img[src*='example.com']").count() == 0
    page.wait_for_timeout(1_000)
    assert outside == []
