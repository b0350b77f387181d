"""Accessibility of the room's two screens: a participant gets through joining and sending an
idea with the keyboard alone (Tab, typing, Enter), and the presenter view's text keeps a
contrast a washed-out projector does not erase (WCAG AAA, 7:1)."""

from playwright.sync_api import expect

from cocreate.access import reset_facilitator_secret
from cocreate.ingest import submit_idea
from cocreate.store import Store

from .conftest import open_expander

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}
PROJECTOR = {"width": 1600, "height": 900}
ROLES_ON = {"COCREATE_ACCESS": "secret"}
TAB_LIMIT = 40
# WCAG's enhanced contrast level; a projector loses contrast, so aim above the usual 4.5:1
PRESENTER_CONTRAST = 7.0

# the relative luminance contrast of WCAG 2, computed in the page on computed styles; a text
# on a transparent element is read against the nearest painted ancestor
CONTRAST_JS = """
element => {
  const rgb = value => value.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map(c => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  let background = null;
  for (let node = element; node; node = node.parentElement) {
    const colour = rgb(getComputedStyle(node).backgroundColor);
    if (colour.length < 4 || colour[3] > 0) { background = colour; break; }
  }
  const text = luminance(rgb(getComputedStyle(element).color));
  const back = luminance(background || [255, 255, 255]);
  return (Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05);
}
"""


def tab_to(page, target) -> None:
    """Press Tab until ``target`` has the keyboard focus (fails if it never gets it)."""
    for _ in range(TAB_LIMIT):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{target} never got the focus in {TAB_LIMIT} presses of Tab")


def rater_token(db_path) -> str:
    with Store(db_path) as store:
        [rater] = store.db["raters"].rows
    return rater["token"]


def test_a_participant_joins_and_sends_an_idea_with_the_keyboard_alone(serve, browser, db_path):
    with Store(db_path) as store:
        workshop = store.create_workshop("Place du marché", language="fr")
    url = serve(db_path, env=ROLES_ON)
    page = browser.new_context(**PHONE).new_page()
    page.goto(url)
    expect(page.get_by_role("heading", name="Rejoindre un atelier")).to_be_visible()

    tab_to(page, page.locator(".st-key-join_code input"))
    page.keyboard.type(workshop["join_code"].lower())
    tab_to(page, page.get_by_role("button", name="Rejoindre", exact=True))
    page.keyboard.press("Enter")
    # the phone goes on to the light room page, keeping the participant it joined as
    expect(page.get_by_role("heading", name="Place du marché")).to_be_visible()
    expect(page).to_have_url(f"{url}/room/{workshop['join_code']}?r={rater_token(db_path)}")

    idea = page.locator("#cc-text")
    expect(idea).to_be_visible()
    tab_to(page, idea)
    page.keyboard.type("Des fontaines à eau sur la place")
    tab_to(page, page.get_by_role("button", name="Envoyer mon idée"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Vos idées (1)")).to_be_visible()
    with Store(db_path) as store:
        texts = [i["text"] for i in store.list_ideas(workshop["id"])]
    assert texts == ["Des fontaines à eau sur la place"]


def test_the_presenter_text_keeps_a_high_contrast(serve, browser, db_path):
    with Store(db_path) as store:
        workshop = store.create_workshop(
            "Place du marché", challenge="Comment rafraîchir la place ?", language="fr"
        )
        secret = reset_facilitator_secret(store, workshop["id"])
        for text in ("Des arbres", "Une fontaine", "Des voiles d'ombrage"):
            submit_idea(store, workshop["id"], text, author="Léa")
    url = serve(db_path, env=ROLES_ON)
    page = browser.new_context(viewport=PROJECTOR).new_page()
    page.goto(url)
    unlock = page.get_by_test_id("stExpander").filter(has_text="J'anime cet atelier")
    code = unlock.locator(".st-key-join_facilitator_code input")
    open_expander(page, unlock, "J'anime cet atelier", code)
    code.fill(workshop["join_code"])
    unlock.locator(".st-key-join_secret input").fill(secret)
    unlock.get_by_role("button", name="Ouvrir en animateur").click()
    page.get_by_test_id("stMain").get_by_role("link", name="Écran projeté").click()
    expect(page.locator(".cc-idea")).to_have_count(3)
    texts = page.locator(".cc-present, .cc-present *, .cc-idea, .cc-idea *")
    contrasts = [element.evaluate(CONTRAST_JS) for element in texts.all()]
    assert len(contrasts) >= 8
    assert min(contrasts) >= PRESENTER_CONTRAST, sorted(contrasts)[:3]
