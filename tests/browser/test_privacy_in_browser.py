"""In real chromium: a phone number and an e-mail a participant sends from the room page are
not on the projected presenter view; the facilitator can show them."""

from __future__ import annotations

from playwright.sync_api import expect

from cocreate.store import Store

TIMEOUT_MS = 30_000
PHONE_VIEW = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PROJECTOR = {"width": 1600, "height": 900}
NUMBER = "06 12 34 56 78"
EMAIL = "lea.martin@example.org"
IDEA = f"Des fontaines à eau sur la place, appelez Léa Martin au {NUMBER} ou {EMAIL}"


def test_personal_data_typed_on_a_phone_is_not_projected(serve, browser, db_path, output_dir):
    with Store(db_path) as store:
        workshop = store.create_workshop("Place du marché", challenge="Plus de fraîcheur ?")
    code, slug = workshop["join_code"], workshop["slug"]
    url = serve(db_path)

    participant = browser.new_context(**PHONE_VIEW).new_page()
    participant.set_default_timeout(TIMEOUT_MS)
    participant.goto(f"{url}/room/{code}")
    participant.locator("#cc-text").fill(IDEA)
    participant.get_by_role("button", name="Envoyer mon idée").tap()
    expect(participant.get_by_text("Idée reçue, merci !")).to_be_visible()

    presenter = browser.new_context(viewport=PROJECTOR).new_page()
    presenter.set_default_timeout(TIMEOUT_MS)
    presenter.goto(f"{url}/present?w={slug}&lang=fr")
    card = presenter.locator(".cc-idea").first
    expect(card).to_contain_text("Des fontaines à eau sur la place")
    expect(card).to_contain_text("[PHONE]")
    expect(card).to_contain_text("[EMAIL]")
    expect(card).to_contain_text("[NAME]")
    main_text = presenter.get_by_test_id("stMain").inner_text()
    assert NUMBER not in main_text and EMAIL not in main_text and "Léa Martin" not in main_text
    presenter.screenshot(path=output_dir / "privacy-present-fr.png")

    presenter.get_by_text("Masquer les données personnelles").click()
    expect(presenter.locator(".cc-idea").first).to_contain_text(NUMBER)
