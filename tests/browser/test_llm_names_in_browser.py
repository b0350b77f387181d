"""The Clusters page served with COCREATE_NAMING_URL, in chromium: the wall named by the local
model (a real OpenAI-compatible server on 127.0.0.1) and the caption that says so."""

from playwright.sync_api import expect

from cocreate.clustering import NamingEndpoint, cluster_workshop
from cocreate.store import Store
from cocreate.templates import load_demo
from tests.browser.test_clusters_in_browser import VIEWPORT, whole_page_screenshot


def test_wall_named_by_the_local_model(serve, browser, db_path, output_dir, minilm, naming_server):
    with Store(db_path) as store:
        workshop, _ = load_demo(store)
        endpoint = NamingEndpoint(naming_server.url)
        cluster_workshop(store, workshop["id"], model=minilm, seed=0, naming_endpoint=endpoint)
        clusters = store.active_clusters(workshop["id"])
    url = serve(db_path, env={"COCREATE_NAMING_URL": naming_server.url})
    host = endpoint.host
    page = browser.new_page(viewport=VIEWPORT)
    page.set_default_timeout(30_000)
    page.goto(f"{url}/clusters?w=demo")
    expect(page.get_by_role("heading", name="Regroupements · Démo")).to_be_visible()
    wall = page.get_by_role("tabpanel", name="Mur")
    first = clusters[0]["label"]
    assert first.endswith(" partagé")
    expect(wall.get_by_role("heading", name=first, exact=True)).to_be_visible()
    caption = f"Noms proposés par le modèle local à l'adresse {host}"
    expect(page.get_by_text(caption, exact=False).first).to_be_visible()
    whole_page_screenshot(page, output_dir / "llm-names-clusters-page.png")
