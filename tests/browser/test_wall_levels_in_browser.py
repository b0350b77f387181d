"""The wall's two levels in a browser (issue 20): the groups, each saying its theme; the
themes holding their groups; a theme's groups opened from its box; in French and English on
the clustered demo, with the store's names. Screenshots in tests' output folder (and
$COCREATE_SHOTS if set)."""

import os
import shutil
from pathlib import Path

from playwright.sync_api import expect

from cocreate.clustering import cluster_workshop
from cocreate.i18n import t
from cocreate.store import Store
from cocreate.templates import load_demo

from .test_clusters_in_browser import TIMEOUT_MS, VIEWPORT, whole_page_screenshot

HEADERS = {"fr": "Regroupements · Démo", "en": "Clusters · Démo"}


def shown_names(rows: list[dict]) -> dict[int, str]:
    """The names the page shows: a label used twice gets its number (as the page does)."""
    names: dict[int, str] = {}
    for row in rows:
        name = row["label"]
        names[row["id"]] = name if name not in names.values() else f"{name} (#{row['id']})"
    return names


def theme_option(lang: str, theme: dict, under: list[dict]) -> str:
    size = sum(g["size"] for g in under)
    return t("clusters.theme_option", lang, label=theme["label"], groups=len(under), size=size)


def test_the_wall_shows_both_levels_with_their_names_in_french_and_english(
    serve, browser, db_path, output_dir
):
    with Store(db_path) as store:
        workshop, _ = load_demo(store)
        cluster_workshop(store, workshop["id"], seed=0)
        groups = store.active_clusters(workshop["id"])
        themes = store.active_themes(workshop["id"])
    group_names, theme_names = shown_names(groups), shown_names(themes)
    assert len(themes) >= 2 and all(theme_names.values()) and all(group_names.values())
    widest = max(themes, key=lambda th: sum(g["parent_id"] == th["id"] for g in groups))
    under = [g for g in groups if g["parent_id"] == widest["id"]]
    assert len(under) >= 2
    url = serve(db_path)
    page = browser.new_page(viewport=VIEWPORT)
    page.set_default_timeout(TIMEOUT_MS)
    shots = []
    for lang in ("fr", "en"):
        page.goto(f"{url}/clusters?w=demo&lang={lang}")
        expect(page.get_by_role("heading", name=HEADERS[lang])).to_be_visible()
        wall = page.get_by_role("tabpanel", name=t("clusters.tab_wall", lang))

        # groups: one card each, its name as heading and its theme as a badge
        cards = wall.locator('[class*="st-key-clusters_card_"]')
        expect(cards).to_have_count(len(groups))
        for group in groups:
            card = wall.locator(f".st-key-clusters_card_{group['id']}")
            expect(card.get_by_role("heading", name=group_names[group["id"]])).to_be_visible()
            theme_line = t("clusters.theme_of_card", lang, label=theme_names[group["parent_id"]])
            expect(card.get_by_text(theme_line, exact=False)).to_be_visible()

        # themes: one box each, its name as heading and each of its groups as a badge
        wall.get_by_text(t("clusters.level.themes", lang)).click()
        boxes = wall.locator('[class*="st-key-clusters_theme_"]')
        expect(boxes).to_have_count(len(themes))
        for theme in themes:
            box = wall.locator(f".st-key-clusters_theme_{theme['id']}")
            expect(box.get_by_role("heading", name=theme_names[theme["id"]])).to_be_visible()
            # its button drawn too: a shot taken before shows a grey placeholder
            expect(box.get_by_role("button").first).to_be_visible()
            for group in (g for g in groups if g["parent_id"] == theme["id"]):
                expect(box.get_by_text(f"{group_names[group['id']]} · ")).to_be_visible()
        # the group cards drawn before stay, faded, until the page has redrawn: not shot
        expect(cards).to_have_count(0)
        path = output_dir / f"wall-{lang}-themes.png"
        whole_page_screenshot(page, path)
        shots.append(path)

        # the groups under one theme, opened from the theme's box: back at the groups level
        box = wall.locator(f".st-key-clusters_theme_{widest['id']}")
        opener = t("clusters.theme_open_groups", lang, count=len(under))
        box.get_by_role("button", name=opener).click()
        expect(cards).to_have_count(len(under))
        chosen = page.locator(".st-key-clusters_wall_theme")
        expect(chosen.locator("input")).to_have_value(theme_option(lang, widest, under))
        for group in under:
            expect(wall.get_by_role("heading", name=group_names[group["id"]])).to_be_visible()
        # the theme boxes drawn before stay, faded, until the page has redrawn: not shot
        expect(boxes).to_have_count(0)
        path = output_dir / f"wall-{lang}-groups.png"
        whole_page_screenshot(page, path)
        shots.append(path)
    if os.environ.get("COCREATE_SHOTS"):
        target = Path(os.environ["COCREATE_SHOTS"])
        target.mkdir(parents=True, exist_ok=True)
        for path in shots:
            shutil.copy(path, target / path.name)
