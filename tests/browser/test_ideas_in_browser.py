"""A person opens the app in a browser, sees the demo workshop, adds an idea and finds it."""

from playwright.sync_api import expect

from cocreate.store import Store
from cocreate.templates import load_demo

TIMEOUT_MS = 30_000


def test_demo_workshop_add_an_idea_and_see_it_listed(serve, browser, db_path, output_dir):
    with Store(db_path) as store:
        load_demo(store)
    url = serve(db_path)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(TIMEOUT_MS)

    page.goto(f"{url}/?w=demo")
    expect(page.get_by_role("heading", name="Démo : notre quartier en 2030")).to_be_visible()
    expect(page.get_by_text("122", exact=True)).to_be_visible()
    page.screenshot(path=output_dir / "browser-workshop-demo.png", full_page=True)

    page.get_by_role("link", name="Voir les idées").click()
    page.get_by_role("tab", name="Ajouter une idée").click()
    idea = "Une boîte à livres dans le square Jean-Moulin"
    page.get_by_label("Votre idée").fill(idea)
    page.get_by_label("Nom ou pseudonyme (facultatif)").fill("Playwright")
    page.get_by_role("button", name="Ajouter l'idée").click()
    expect(page.get_by_text("Idée ajoutée.")).to_be_visible()

    page.get_by_role("tab", name="Toutes les idées").click()
    search = page.get_by_label("Rechercher (sans tenir compte des accents)")
    search.fill("boite a livres")
    search.press("Enter")
    expect(page.get_by_text("1 idées affichées sur 1")).to_be_visible()
    # the grid draws on a canvas; its accessible table holds the visible cells
    cells = page.locator('[data-testid="stDataFrame"] td')
    expect(cells.filter(has_text=idea)).to_have_count(1)
    page.screenshot(path=output_dir / "browser-ideas-added.png", full_page=True)

    with Store(db_path) as store:
        [stored] = store.list_ideas(store.get_workshop("demo")["id"], search="boîte à livres")
    assert (stored["text"], stored["author"], stored["source"]) == (idea, "Playwright", "form")
