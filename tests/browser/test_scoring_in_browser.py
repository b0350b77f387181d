"""A participant scores on a phone-sized screen by tapping; the projected results screen shows
nothing of the scores until the reveal, then updates by itself to the ranking and charts."""

import pytest
from playwright.sync_api import expect

from cocreate.clustering import cluster_workshop
from cocreate.scoring import copy_rubric_to_workshop, open_round, round_results, submit_score
from cocreate.store import Store
from cocreate.templates import load_demo

TIMEOUT_MS = 30_000
PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1600, "height": 900}
CRITERIA = ("wanted", "doable", "lasting")
# answers of four raters scored through the library, per target position: D, F, V
OTHERS = [
    [(5, 4, 4), (4, 2, 3), (2, 2, 2), (5, 5, 3)],
    [(4, 5, 4), (5, 1, 3), (2, 3, 2), (4, 4, 3)],
    [(5, 4, 5), (1, 5, 2), (1, 2, 1), (5, 4, 4)],
    [(4, 4, 4), (2, 1, 3), (2, 2, 2), (4, 5, 3)],
]


@pytest.fixture
def blind_round(db_path, minilm):
    """The demo clustered with MiniLM, a blind dvf-quick round on three groups and one idea,
    and four raters who already answered everything."""
    with Store(db_path) as store:
        workshop, _ = load_demo(store)
        cluster_workshop(store, workshop["id"], model=minilm, seed=2)
        clusters = store.active_clusters(workshop["id"])[:3]
        idea = store.list_ideas(workshop["id"], search="marchent lentement", limit=1)[0]
        copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
        shortlist = [("cluster", c["id"]) for c in clusters] + [("idea", idea["id"])]
        scoring_round = open_round(store, workshop["id"], shortlist, title="Premier tri")
        targets = store.round_targets(scoring_round["id"])
        for answers in OTHERS:
            rater = store.add_rater(workshop["id"])
            for target, values in zip(targets, answers, strict=True):
                for criterion, value in zip(CRITERIA, values, strict=True):
                    submit_score(
                        store, scoring_round["id"], target["id"], rater["id"], criterion, value
                    )
    return scoring_round, targets


def grow_to_content(page, width):
    """Streamlit scrolls inside its main block: grow the window to the content."""
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=TIMEOUT_MS)
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": max(height, 800)})


def test_ballot_on_a_phone_then_results_on_the_projector(
    serve, browser, db_path, output_dir, blind_round
):
    scoring_round, targets = blind_round
    url = serve(db_path)
    phone = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    phone.set_default_timeout(TIMEOUT_MS)
    phone.goto(f"{url}/ballot?w=demo&round={scoring_round['id']}")
    expect(phone.get_by_text("1 sur 4")).to_be_visible(timeout=TIMEOUT_MS)
    expect(phone.get_by_role("heading", name=targets[0]["label"])).to_be_visible(timeout=TIMEOUT_MS)
    questions = phone.locator('[data-testid="stButtonGroup"]')
    expect(questions).to_have_count(3, timeout=TIMEOUT_MS)
    expect(phone.get_by_role("button", name="Suivant")).to_be_visible(timeout=TIMEOUT_MS)
    # the choices fit the phone: none is wider than the screen
    widths = phone.locator('[data-testid="stButtonGroup"] button').evaluate_all(
        "buttons => buttons.map(b => b.getBoundingClientRect().right)"
    )
    assert widths and max(widths) <= PHONE["width"]

    for question, choice in zip(
        questions.all(),
        (
            "4 · Beaucoup de gens le demandent.",
            "3 · Faisable après des études et des autorisations.",
            "Je ne sais pas",
        ),
        strict=True,
    ):
        option = question.get_by_role("radio", name=choice)
        option.tap()
        expect(option).to_have_attribute("aria-checked", "true", timeout=TIMEOUT_MS)
    expect(phone.get_by_text("Vous avez tout noté pour 1 sur 4.")).to_be_visible(timeout=TIMEOUT_MS)
    phone.screenshot(path=output_dir / "ballot-phone-viewport.png")
    grow_to_content(phone, PHONE["width"])
    phone.screenshot(path=output_dir / "ballot-phone.png")
    phone.set_viewport_size(PHONE)

    with Store(db_path) as store:
        token = phone.url.split("r=")[1].split("&")[0]
        rater = store.get_rater(token)
        mine = {
            (row["criterion"], row["value"], row["dont_know"])
            for row in store.round_scores(scoring_round["id"], rater_id=rater["id"])
        }
    assert rater["kind"] == "participant"
    assert mine == {("wanted", 4.0, 0), ("doable", 3.0, 0), ("lasting", None, 1)}

    # the next target opens at the top of the screen, not scrolled down to the buttons
    phone.get_by_role("button", name="Suivant").tap()
    expect(phone.get_by_text("2 sur 4")).to_be_in_viewport(timeout=TIMEOUT_MS)
    expect(phone.get_by_role("heading", name=targets[1]["label"])).to_be_in_viewport()

    # a reload keeps the rater (token in the URL) and opens on the first unfinished target
    phone.reload()
    expect(phone.get_by_text("2 sur 4")).to_be_visible(timeout=TIMEOUT_MS)
    phone.get_by_role("button", name="Précédent").tap()
    expect(phone.get_by_role("radio", name="4 · Beaucoup de gens le demandent.")).to_have_attribute(
        "aria-checked", "true", timeout=TIMEOUT_MS
    )

    screen = browser.new_page(viewport=PROJECTOR)
    screen.set_default_timeout(TIMEOUT_MS)
    screen.goto(f"{url}/results?w=demo&round={scoring_round['id']}")
    expect(screen.get_by_text("Tour à l'aveugle : les notes restent cachées")).to_be_visible(
        timeout=TIMEOUT_MS
    )
    expect(screen.get_by_text("Votants ayant répondu")).to_be_visible(timeout=TIMEOUT_MS)
    expect(screen.locator('[data-testid="stTable"]')).to_have_count(0, timeout=TIMEOUT_MS)
    expect(screen.locator('[data-testid="stVegaLiteChart"]')).to_have_count(0, timeout=TIMEOUT_MS)
    screen.screenshot(path=output_dir / "results-hidden.png")

    # the facilitator reveals from another device: the screen updates by itself
    with Store(db_path) as store:
        store.reveal_round(scoring_round["id"])
        outcome = round_results(store, scoring_round["id"])
    expect(screen.get_by_role("heading", name="Classement")).to_be_visible(timeout=TIMEOUT_MS)
    rows = screen.locator('[data-testid="stTable"] tbody tr')
    expect(rows).to_have_count(len(targets), timeout=TIMEOUT_MS)
    names = {t["id"]: t["label"] for t in targets}
    for row, result in zip(rows.all(), outcome.targets, strict=True):
        expect(row).to_contain_text(names[result.target][:30], timeout=TIMEOUT_MS)
    sweet = sum(r.sweet_spot for r in outcome.targets)
    split = sum(r.controversial for r in outcome.targets)
    assert sweet and split  # the answers above make one of each
    expect(rows.filter(has_text="★")).to_have_count(sweet, timeout=TIMEOUT_MS)
    expect(rows.filter(has_text="⚠")).to_have_count(split, timeout=TIMEOUT_MS)
    expect(screen.locator('[data-testid="stVegaLiteChart"]')).to_have_count(2, timeout=TIMEOUT_MS)
    expect(
        screen.locator(
            '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg'
        ).first
    ).to_be_visible(timeout=TIMEOUT_MS)
    screen.screenshot(path=output_dir / "results.png")
    grow_to_content(screen, PROJECTOR["width"])
    screen.screenshot(path=output_dir / "results-full.png")

    # the phone now refuses changes
    phone.reload()
    expect(phone.get_by_text("Ce tour est fermé")).to_be_visible(timeout=TIMEOUT_MS)
    expect(phone.locator('[data-testid="stButtonGroup"] button').first).to_be_disabled(
        timeout=TIMEOUT_MS
    )
