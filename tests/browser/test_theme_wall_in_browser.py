"""The Clusters page's theme level in a browser, in French and English (issue 20): themes
holding their groups; screenshots in tests' output folder (and $COCREATE_SHOTS if set)."""

import os
import shutil
from pathlib import Path

from playwright.sync_api import expect

from cocreate.clustering import cluster_workshop
from cocreate.store import Store
from cocreate.templates import load_demo

from .test_clusters_in_browser import TIMEOUT_MS, VIEWPORT, whole_page_screenshot


def test_the_wall_shows_themes_holding_groups_in_french_and_english(
    serve, browser, db_path, output_dir
):
    with Store(db_path) as store:
        workshop, _ = load_demo(store)
        cluster_workshop(store, workshop["id"], seed=0)
        themes = store.active_themes(workshop["id"])
    url = serve(db_path)
    page = browser.new_page(viewport=VIEWPORT)
    page.set_default_timeout(TIMEOUT_MS)
    shots = []
    for lang, tab, level, header in (
        ("fr", "Mur", "Thèmes et leurs groupes", "Regroupements · Démo"),
        ("en", "Wall", "Themes and their groups", "Clusters · Démo"),
    ):
        page.goto(f"{url}/clusters?w=demo&lang={lang}")
        expect(page.get_by_role("heading", name=header)).to_be_visible()
        wall = page.get_by_role("tabpanel", name=tab)
        wall.get_by_text(level).click()
        boxes = wall.locator('[class*="st-key-clusters_theme_"]')
        expect(boxes).to_have_count(len(themes))
        for theme in themes[:2]:
            expect(wall.get_by_role("heading", name=theme["label"], exact=True)).to_be_visible()
        path = output_dir / f"clusters-themes-{lang}.png"
        whole_page_screenshot(page, path)
        shots.append(path)
    if os.environ.get("COCREATE_SHOTS"):
        target = Path(os.environ["COCREATE_SHOTS"])
        target.mkdir(parents=True, exist_ok=True)
        for path in shots:
            shutil.copy(path, target / path.name)
