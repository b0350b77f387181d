"""The served app survives the spreadsheets that took it down: the file is refused with its
name and why, the server answers on, the phones connected meanwhile keep following the room
and storing ideas, and the next upload imports."""

import urllib.request

import hostile_files
import pytest
from playwright.sync_api import expect

from cocreate.store import Store
from cocreate.templates import load_demo

from .test_room_pages import new_phone

pytestmark = pytest.mark.browser
TIMEOUT_MS = 30_000


def test_hostile_spreadsheets_are_refused_and_the_server_answers_on(
    serve, browser, db_path, tmp_path
):
    with Store(db_path) as store:
        load_demo(store)
    url = serve(db_path)
    with Store(db_path) as store:
        code = store.get_workshop("demo")["join_code"]
    phones = [new_phone(browser, url, code) for _ in range(3)]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{url}/ideas?w=demo")
    page.get_by_role("tab", name="Importer un fichier").click()
    upload = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    hostile = [
        # the reader asks for 512 GiB: before the worker, this aborted the server
        hostile_files.far_cell_xlsx(tmp_path / "far.xlsx", with_a1=True, dimension=False),
        hostile_files.giant_shared_string_xlsx(tmp_path / "strings.xlsx"),
    ]
    for path in hostile:
        upload.set_input_files(str(path))
        expect(
            page.get_by_text(f"Fichier refusé : {path.name}: sa lecture demande")
        ).to_be_visible()
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as health:
            assert health.status == 200
        for number, phone in enumerate(phones):
            idea = f"{path.stem} : idée du téléphone {number}"
            phone.locator("#cc-text").fill(idea)
            phone.get_by_role("button", name="Envoyer mon idée").tap()
            expect(phone.get_by_text("Idée reçue, merci !")).to_be_visible()
            expect(phone.get_by_text(idea)).to_be_visible()
    good = tmp_path / "good.csv"
    good.write_text("Proposition\nUn jardin partagé derrière la mairie\n", encoding="utf-8")
    upload.set_input_files(str(good))
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.get_by_text("Import terminé.")).to_be_visible()
    with Store(db_path) as store:
        texts = [i["text"] for i in store.list_ideas(store.get_workshop("demo")["id"])]
    assert "Un jardin partagé derrière la mairie" in texts
    for path in hostile:
        sent = [f"{path.stem} : idée du téléphone {number}" for number in range(len(phones))]
        assert [text for text in texts if text in sent] == sent  # each stored once
    # the phones still follow the room after all that
    with Store(db_path) as store:
        store.set_phase(store.get_workshop("demo")["id"], "cluster")
    for phone in phones:
        expect(phone.locator("#cc-phase")).to_have_attribute("data-phase", "cluster")
