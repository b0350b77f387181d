"""A facilitator loads the typical city-project map on the Stakeholders page and projects
the network and the power/interest grid (screenshots at a projector's 1600x900)."""

from playwright.sync_api import expect

from cocreate.store import Store

TIMEOUT_MS = 30_000
VIEWPORT = {"width": 1600, "height": 900}


def chart_screenshot(page, tab_name, path):
    page.get_by_role("tab", name=tab_name).click()
    chart = page.get_by_role("tabpanel", name=tab_name).get_by_test_id("stVegaLiteChart")
    expect(chart).to_be_visible()
    expect(chart.locator("canvas, svg").first).to_be_visible()
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden()
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(500)  # vega draws after the element appears
    chart.screenshot(path=path)


def test_city_project_map_and_grid_on_a_projector(serve, browser, db_path, output_dir):
    with Store(db_path) as store:
        store.create_workshop("Rue apaisée", language="fr")
    url = serve(db_path)
    page = browser.new_page(viewport=VIEWPORT)
    page.set_default_timeout(TIMEOUT_MS)

    page.goto(f"{url}/stakeholders")
    expect(page.get_by_role("heading", name="Acteurs · Rue apaisée")).to_be_visible()
    page.get_by_text("Un projet urbain type").click()
    page.get_by_role("button", name="Charger cette carte").click()
    expect(page.get_by_text("12 acteurs, 15 relations et 0 liens ajoutés.")).to_be_visible()

    chart_screenshot(page, "Carte", output_dir / "stakeholders-map.png")
    chart_screenshot(page, "Pouvoir / intérêt", output_dir / "stakeholders-grid.png")
    page.screenshot(path=output_dir / "stakeholders-page.png")
    with Store(db_path) as store:
        assert len(store.list_actors(store.list_workshops()[0]["id"])) == 12
