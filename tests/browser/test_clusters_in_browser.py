"""A facilitator opens the Clusters page of the clustered demo: the wall of cards, the
export download and the map."""

import csv
import io
from pathlib import Path

from playwright.sync_api import expect

from cocreate.clustering import cluster_workshop
from cocreate.store import Store
from cocreate.templates import load_demo

TIMEOUT_MS = 30_000
VIEWPORT = {"width": 1600, "height": 1000}


def whole_page_screenshot(page, path):
    """Streamlit scrolls inside its main block: grow the window to the content, then shoot."""
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden()
    page.set_viewport_size(VIEWPORT)
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": max(height, VIEWPORT["height"])})
    page.screenshot(path=path, full_page=True)


def test_clustered_demo_shows_its_wall_of_cards_and_map(serve, browser, db_path, output_dir):
    with Store(db_path) as store:
        workshop, _ = load_demo(store)
        # the model a French workshop gets by default (multilingual USE, numpy, fast)
        cluster_workshop(store, workshop["id"], seed=0)
        clusters = store.active_clusters(workshop["id"])
    url = serve(db_path)
    page = browser.new_page(viewport=VIEWPORT)
    page.set_default_timeout(TIMEOUT_MS)

    page.goto(f"{url}/clusters?w=demo")
    expect(page.get_by_role("heading", name="Regroupements · Démo")).to_be_visible()
    wall = page.get_by_role("tabpanel", name="Mur")
    cards = wall.locator('[class*="st-key-clusters_card_"]')
    expect(cards).to_have_count(len(clusters))
    for cluster in clusters[:3]:
        card = cards.filter(has=page.get_by_role("heading", name=cluster["label"], exact=True))
        expect(card).to_be_visible()
        expect(card.get_by_text(f"{cluster['size']} idées", exact=False).first).to_be_visible()
    expect(page.get_by_test_id("stMetric")).to_have_count(5)
    # the line under the figures names the model and seed (a blank bar until it renders)
    expect(page.get_by_text("modèle use-multilingual-v3 · graine 0", exact=False)).to_be_visible()
    whole_page_screenshot(page, output_dir / "clusters-page.png")

    # the export is made when the button is clicked, on its own connection
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger (CSV)").click()
    assert download.value.suggested_filename == "demo-clusters.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    assert len(rows) == 122
    assert {r["cluster_label"] for r in rows} == {c["label"] for c in clusters}

    page.get_by_role("tab", name="Carte").click()
    chart = page.locator('[data-testid="stVegaLiteChart"]')
    expect(chart).to_be_visible()
    expect(chart.locator("canvas, svg").first).to_be_visible()
    whole_page_screenshot(page, output_dir / "clusters-map.png")
