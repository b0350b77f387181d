"""A whole live workshop with roles on (``COCREATE_ACCESS=secret``), in three browsers: the
facilitator creates the workshop, two participants join by code on their phones and send
ideas, the facilitator groups them, the participants score two groups in a blind round, the
facilitator reveals, the projected screen shows the ranking and the groups are exported.
A participant reaches no facilitator page. Screenshots of the presenter view and of the
participant's phone, in French and in English."""

import csv
import io
import re
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from cocreate.access import reset_facilitator_secret
from cocreate.ingest import submit_idea
from cocreate.scoring import copy_rubric_to_workshop, open_round, submit_score
from cocreate.store import Store

from .conftest import open_expander

TIMEOUT_MS = 30_000
# the first clustering loads the multilingual model in the server
CLUSTERING_TIMEOUT_MS = 90_000
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PROJECTOR = {"width": 1600, "height": 900}
PUBLIC_URL = "http://192.168.1.20:8501"
ROLES_ON = {"COCREATE_ACCESS": "secret", "COCREATE_PUBLIC_URL": PUBLIC_URL}

CYCLING = [
    "Des pistes cyclables protégées pour aller au travail à vélo",
    "Des arceaux pour garer les vélos devant les commerces",
    "Un atelier de réparation de vélos gratuit le samedi",
]
SHADE = [
    "Planter des arbres pour faire de l'ombre sur les trottoirs",
    "Des arbres et des haies pour rafraîchir la rue en été",
    "Un îlot de fraîcheur avec des arbres et une fontaine sur la place",
]
# each participant sends three ideas, both themes mixed
SENT = ([CYCLING[0], SHADE[0], CYCLING[1]], [SHADE[1], CYCLING[2], SHADE[2]])
# D, F, V of each participant: the cycling group high, the shade group low
ANSWERS = (
    {"cycling": (5, 4, 4), "shade": (2, 2, 1)},
    {"cycling": (4, 5, 4), "shade": (1, 2, 2)},
)


def settled(page) -> None:
    """Wait until Streamlit has finished running the script."""
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=TIMEOUT_MS)


def pick_option(page, box, typed: str, option: str, attempts: int = 3) -> None:
    """Type into a multiselect and click the option. A rerun of the script (the field left
    just before) can close the list under the pointer: then wait for it and type again."""
    for attempt in range(attempts):
        box.fill(typed)  # typing opens the list of choices, whether it was open or not
        try:
            page.get_by_role("option", name=option).click(timeout=TIMEOUT_MS // attempts)
            return
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
            settled(page)


def pick_until(page, box, typed: str, option: str, expected, attempts: int = 3) -> None:
    """Pick an option and wait for ``expected``. Once in CI a click on the option was taken
    by the list but never reached the server (a rerun racing it; the page then showed no
    pick): pick again, as a person would, once the page has settled and still shows none."""
    for attempt in range(attempts):
        pick_option(page, box, typed, option)
        try:
            expect(expected).to_be_visible(timeout=15_000)
            return
        except AssertionError:
            page.keyboard.press("Escape")  # the list of choices closes before a new try
            settled(page)
            if attempt == attempts - 1 or expected.is_visible():
                break
    expect(expected).to_be_visible()


def go(page, name: str) -> None:
    """Open a page from the sidebar navigation: the same session, so the same role."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True).click()
    settled(page)


def fill_and_keep(page, field, value: str, attempts: int = 3) -> None:
    """Type into a text field and leave it, until the page keeps the value: once in a full
    local suite run the field was empty at a later check, most likely redrawn by a rerun
    still on its way while typing. A redraw can show the field twice for a moment (a full
    run failed once on "strict mode violation"): every copy must hold the value."""
    for _ in range(attempts):
        try:
            field.fill(value)
            field.press("Tab")
        except PlaywrightError:
            settled(page)
            continue
        settled(page)
        page.wait_for_timeout(500)  # a rerun that started late
        settled(page)
        values = field.evaluate_all("fields => fields.map(f => f.value)")
        if values and all(v == value for v in values):
            return
    expect(field.first).to_have_value(value)


def nav_links(page) -> list[str]:
    """The page titles of the sidebar navigation (each link also holds its icon's name)."""
    links = page.get_by_test_id("stSidebarNav").get_by_role("link").all_inner_texts()
    return [link.split("\n")[-1] for link in links]


def phone(browser):
    page = browser.new_context(**PHONE, device_scale_factor=2).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return page


def fits_the_phone(page) -> None:
    """Nothing wider than the phone's screen on the room page: no sideways scrolling."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["viewport"]["width"]


def send_ideas(page, ideas: list[str]) -> None:
    """Send ideas on the light room page: each is confirmed and listed as mine."""
    for n, idea in enumerate(ideas, start=1):
        page.locator("#cc-text").fill(idea)
        page.get_by_role("button", name="Envoyer mon idée").tap()
        expect(page.get_by_text("Idée reçue, merci !")).to_be_visible()
        expect(page.get_by_text(f"Vos idées ({n})")).to_be_visible()
        expect(page.locator("#cc-mine").get_by_text(idea, exact=True)).to_be_visible()


def press_until(page, button, expected, *, tap: bool = False) -> None:
    """Press ``button`` once the page has settled and wait for ``expected``. On a loaded
    machine a press made while the page reruns is sometimes dropped: if nothing happened
    and the button is still there, press again, as a person would (answers are never lost
    that way: the ballot stores the choices it shows)."""
    for _ in range(3):
        settled(page)
        button.tap() if tap else button.click()
        try:
            expect(expected).to_be_visible(timeout=15_000)
            return
        except AssertionError:
            if not button.is_visible():
                raise
    expect(expected).to_be_visible()


def score_both(page, answers: dict[str, tuple[int, int, int]], themes: dict[str, str]) -> None:
    """Tap the answers on each of the two targets of the room page's ballot; every tap is
    stored at once, so a reload shows them all ticked."""
    forms = page.locator("form.cc-target")
    expect(forms).to_have_count(2)
    for form in forms.all():
        label = form.locator("h2").inner_text().strip()
        for criterion, value in zip(
            ("wanted", "doable", "lasting"), answers[themes[label]], strict=True
        ):
            choice = form.locator(f'input[name="c_{criterion}"][value="{value}"]')
            choice.tap()
            expect(choice).to_be_checked()
        expect(form.locator(".cc-status")).to_have_text("Réponses enregistrées.")
    page.reload()
    expect(page.get_by_text("Les 2 sont notés, merci !", exact=False)).to_be_visible()


def shows_the_participant_view(page, title: str) -> None:
    """What a participant sees, and nothing of the facilitator's pages."""
    settled(page)
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.get_by_text("Étape de la salle : Évaluation")).to_be_visible()
    expect(page.get_by_role("link", name="Noter la sélection")).to_be_visible()
    for facilitator_only in (
        page.get_by_role("heading", name=re.compile("^Regroupements")),
        page.locator('[class*="st-key-clusters_card_"]'),
        page.locator('[class*="st-key-workshop_phase_"]'),
        page.get_by_test_id("stMetric"),
        page.get_by_test_id("stDownloadButton"),
        page.locator(".cc-code"),
        page.get_by_test_id("stException"),
    ):
        expect(facilitator_only).to_have_count(0)


def test_a_whole_live_workshop_in_three_browsers(serve, browser, db_path, output_dir):
    # open to the room, the Join page offers a new workshop only where the facilitator allows it
    url = serve(db_path, env={**ROLES_ON, "COCREATE_ALLOW_NEW_WORKSHOPS": "1"})

    # the facilitator creates the workshop from the Join page ------------------------------
    facilitator = browser.new_context(viewport=PROJECTOR).new_page()
    facilitator.set_default_timeout(TIMEOUT_MS)
    facilitator.goto(url)
    expect(facilitator.get_by_role("heading", name="Rejoindre un atelier")).to_be_visible()
    # a visitor has the Join page and the public follow-up (the staff sign-in is a link)
    assert nav_links(facilitator) == ["Rejoindre", "Que sont devenues nos idées"]
    create = facilitator.get_by_test_id("stExpander").filter(has_text="Créer un nouvel atelier")
    title = create.locator(".st-key-join_new_title input")
    open_expander(facilitator, create, "Créer un nouvel atelier", title)
    title.fill("Rue de la République")
    create.locator(".st-key-join_new_challenge textarea").fill(
        "Comment rendre la rue plus agréable à vivre ?"
    )
    press_until(
        facilitator,
        create.get_by_role("button", name="Créer"),
        facilitator.get_by_role("heading", name="Atelier", exact=True),
    )
    expect(facilitator.get_by_text("Secret d'animation :")).to_be_visible()
    code_metric = facilitator.get_by_test_id("stMetric").filter(has_text="Code pour rejoindre")
    code = code_metric.get_by_test_id("stMetricValue").inner_text().strip()
    with Store(db_path) as store:
        workshop = store.find_workshop("rue-de-la-republique")
    assert workshop["join_code"] == code and workshop["language"] == "fr"
    assert "Regroupements" in nav_links(facilitator)
    settled(facilitator)

    # two participants join on their phones: the QR code's link, and the typed code ---------
    first = phone(browser)
    first.goto(f"{url}/room/{code}")  # the link of the QR code
    expect(first.get_by_role("heading", name="Rue de la République")).to_be_visible()
    second = phone(browser)
    second.goto(url)
    expect(second.get_by_role("heading", name="Rejoindre un atelier")).to_be_visible()
    second.locator(".st-key-join_code input").fill(code.lower())
    second.get_by_role("button", name="Rejoindre", exact=True).tap()
    # the Streamlit join sends the phone on to the light room page
    expect(second).to_have_url(re.compile(rf"/room/{code}\?r="))
    expect(second.get_by_role("heading", name="Rue de la République")).to_be_visible()
    for participant, ideas in zip((first, second), SENT, strict=True):
        expect(participant.get_by_text("Étape de la salle : Collecte des idées")).to_be_visible()
        send_ideas(participant, ideas)
    fits_the_phone(first)
    first.screenshot(path=output_dir / "participant-phone-fr.png")
    with Store(db_path) as store:
        stored = store.list_ideas(workshop["id"], limit=50)
        raters = [r for r in store.db["raters"].rows if r["workshop_id"] == workshop["id"]]
    assert sorted(i["text"] for i in stored) == sorted(CYCLING + SHADE)
    assert [r["kind"] for r in raters] == ["participant", "participant"]

    # the facilitator groups the ideas in two, with the French default model ---------------
    go(facilitator, "Regroupements")
    expect(facilitator.get_by_text("6 idées", exact=False).first).to_be_visible()
    facilitator.locator(".st-key-clusters_first_n input").fill("2")
    facilitator.locator(".st-key-clusters_first_n input").press("Tab")
    facilitator.get_by_role("button", name="Regrouper les idées").click()
    cards = facilitator.locator('[class*="st-key-clusters_card_"]')
    expect(cards).to_have_count(2, timeout=CLUSTERING_TIMEOUT_MS)
    settled(facilitator)
    with Store(db_path) as store:
        clusters = store.active_clusters(workshop["id"])
        texts = {i["id"]: i["text"] for i in store.list_ideas(workshop["id"], limit=50)}
        members = {}
        for assignment in store.assignments(workshop["id"]):
            members.setdefault(assignment["cluster_id"], set()).add(texts[assignment["idea_id"]])
    assert sorted(map(sorted, members.values())) == sorted([sorted(CYCLING), sorted(SHADE)])
    labels = {c["id"]: c["label"] for c in clusters}
    themes = {
        labels[cluster_id]: "cycling" if CYCLING[0] in ideas else "shade"
        for cluster_id, ideas in members.items()
    }
    cycling_label = next(label for label, theme in themes.items() if theme == "cycling")
    for label in themes:
        expect(cards.filter(has=facilitator.get_by_role("heading", name=label))).to_be_visible()

    # the room moves to scoring: the phones follow by themselves --------------------------
    go(facilitator, "Atelier")
    expect(facilitator.get_by_text("Secret d'animation :")).to_have_count(0)  # shown once
    phase = facilitator.locator(f".st-key-workshop_phase_{workshop['id']}")
    phase.get_by_role("radio", name="Évaluation").click()
    expect(phase.get_by_role("radio", name="Évaluation")).to_have_attribute("aria-checked", "true")
    expect(facilitator.get_by_text("La salle passe à : Évaluation.")).to_be_visible()
    for participant in (first, second):
        expect(participant.get_by_text("Étape de la salle : Évaluation")).to_be_visible()
        expect(participant.get_by_text("Aucun tour d'évaluation n'est ouvert")).to_be_visible()
        expect(participant.locator("#cc-text")).to_have_count(0)

    # a blind round on both groups with the quick D-F-V rubric -----------------------------
    go(facilitator, "Évaluation")
    facilitator.locator(".st-key-scoring_rubric_pick").click()
    facilitator.get_by_role(
        "option", name="Désirabilité, faisabilité, viabilité : en trois questions"
    ).click()
    settled(facilitator)
    facilitator.get_by_role("button", name="Copier cette grille dans l'atelier").click()
    expect(facilitator.get_by_text("Grille dvf-quick (version 1) copiée")).to_be_visible()
    settled(facilitator)
    title = facilitator.locator(".st-key-scoring_round_title input")
    fill_and_keep(facilitator, title, "Premier tri")
    groups = facilitator.locator(".st-key-scoring_pick_clusters").get_by_role("combobox")
    for count, label in enumerate(themes, start=1):
        # the server has the choice when it counts it
        pick_until(
            facilitator,
            groups,
            label,
            f"{label} (3 idées)",
            facilitator.get_by_text(f"{count} éléments retenus."),
        )
    # close the list of choices, which hides the rest of the page from the screen reader
    facilitator.keyboard.press("Escape")
    # the title typed before the picks survives their reruns
    expect(title).to_have_value("Premier tri")
    expect(facilitator.locator(".st-key-scoring_blind input")).to_be_checked()
    facilitator.get_by_role("button", name="Ouvrir le tour").click()
    expect(facilitator.get_by_text("Tour « Premier tri » ouvert sur 2 éléments.")).to_be_visible()

    # each participant scores both groups on the phone -------------------------------------
    for participant, answers in zip((first, second), ANSWERS, strict=True):
        # the phones follow the round that opened by themselves
        expect(participant.get_by_role("heading", name="Premier tri")).to_be_visible()
        score_both(participant, answers, themes)
    # every tap is stored on the target it was made for
    with Store(db_path) as store:
        scoring_round = store.list_rounds(workshop["id"])[0]
        theme_of = {t["id"]: themes[t["label"]] for t in store.round_targets(scoring_round["id"])}
        stored = {}
        for row in store.round_scores(scoring_round["id"]):
            per_target = stored.setdefault(row["rater_id"], {})
            per_target.setdefault(theme_of[row["target_id"]], {})[row["criterion"]] = row["value"]
    criteria = ("wanted", "doable", "lasting")
    expected = [
        {theme: dict(zip(criteria, v, strict=True)) for theme, v in a.items()} for a in ANSWERS
    ]
    assert [stored[rater] for rater in sorted(stored)] == expected

    # blind: the results page shows who answered, not what ---------------------------------
    go(facilitator, "Résultats")
    expect(facilitator.get_by_text("Tour à l'aveugle : les notes restent cachées")).to_be_visible()
    raters_metric = facilitator.get_by_test_id("stMetric").filter(has_text="Votants ayant répondu")
    expect(raters_metric.get_by_test_id("stMetricValue")).to_have_text("2")
    expect(facilitator.get_by_test_id("stTable")).to_have_count(0)
    expect(facilitator.get_by_role("heading", name="Classement")).to_have_count(0)

    # the facilitator reveals; the projected screen shows the ranking ----------------------
    go(facilitator, "Évaluation")
    facilitator.get_by_role("button", name="Révéler les notes").click()
    expect(facilitator.get_by_text("Tour « Premier tri » révélé (et fermé).")).to_be_visible()
    go(facilitator, "Atelier")
    facilitator.get_by_test_id("stMain").get_by_role("link", name="Écran projeté").click()
    rows = facilitator.locator('[data-testid="stTable"] tbody tr')
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text(cycling_label)
    expect(facilitator.locator(".cc-code")).to_have_text(code)
    expect(facilitator.get_by_text(f"Rejoignez sur {PUBLIC_URL}/room/{code}")).to_be_visible()
    main = facilitator.get_by_test_id("stMain")
    expect(main.get_by_text("Évaluation", exact=True)).to_be_visible()
    expect(facilitator.get_by_test_id("stSidebar")).to_be_hidden()
    # the whole ranking on the screen, in large type, nothing to scroll
    expect(facilitator.get_by_test_id("stTable")).to_be_in_viewport(ratio=1)
    assert rows.first.evaluate("row => parseFloat(getComputedStyle(row).fontSize)") >= 22
    settled(facilitator)
    facilitator.screenshot(path=output_dir / "presenter-fr.png")

    # the export of the groups downloads ---------------------------------------------------
    facilitator.get_by_role("link", name="Retour à l'application").click()
    expect(facilitator.get_by_role("heading", name="Atelier", exact=True)).to_be_visible()
    go(facilitator, "Regroupements")
    with facilitator.expect_download() as download:
        facilitator.get_by_role("button", name="Télécharger (CSV)").click()
    assert download.value.suggested_filename == "rue-de-la-republique-clusters.csv"
    exported = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    assert sorted(r["text"] for r in exported) == sorted(CYCLING + SHADE)
    assert {r["text"]: themes[r["cluster_label"]] for r in exported} == {
        **dict.fromkeys(CYCLING, "cycling"),
        **dict.fromkeys(SHADE, "shade"),
    }

    # the round is closed: the phone says so and keeps the answers ------------------------
    # (the phone follows by itself, no reload)
    expect(first.get_by_text("Ce tour est fermé")).to_be_visible()
    expect(first.get_by_text("Vous avez tout noté pour 2 sur 2.")).to_be_visible()
    expect(first.locator('input[name="c_wanted"][value="5"]').first).to_be_disabled()
    # no way to the Results page from a participant's phone
    expect(first.get_by_role("link", name="Voir les résultats")).to_have_count(0)

    # a participant reaches no facilitator page, even with the page's address --------------
    query = second.url.split("?", 1)[1]
    for facilitator_page in ("clusters", "workshop", "present", "scoring", "results"):
        second.goto(f"{url}/{facilitator_page}?{query}")
        shows_the_participant_view(second, "Rue de la République")
        assert nav_links(second) == [
            "Participer",
            "Noter",
            "Rejoindre",
            "Que sont devenues nos idées",
        ]
    with Store(db_path) as store:
        assert store.get_workshop(workshop["id"])["phase"] == "score"
        assert len(store.list_rounds(workshop["id"])) == 1


EN_IDEAS = [
    "Misting fountains next to the market stalls",
    "Shade sails over the square in July and August",
    "A covered bike shelter by the bakery",
]
# D, F, V of two raters per idea: the shade sails come first, the bike shelter last
EN_SCORES = ([(4, 4, 3), (5, 5, 4), (2, 3, 2)], [(4, 3, 4), (5, 4, 5), (1, 2, 2)])


def test_the_presenter_view_and_the_phone_in_english(serve, browser, db_path, output_dir):
    """An English workshop made through the library; the facilitator unlocks it with the
    secret on the Join page, a participant's phone follows the phase."""
    with Store(db_path) as store:
        workshop = store.create_workshop(
            "Cooler market square",
            challenge="How might we make the market square cooler in summer?",
            language="en",
        )
        secret = reset_facilitator_secret(store, workshop["id"])
        ideas = [submit_idea(store, workshop["id"], text) for text in EN_IDEAS]
    code = workshop["join_code"]
    url = serve(db_path, env=ROLES_ON)

    participant = phone(browser)
    participant.goto(f"{url}/?join={code}")  # a link of the former QR code still works
    expect(participant).to_have_url(re.compile(rf"/room/{code}\?r="))
    expect(participant.get_by_role("heading", name="Cooler market square")).to_be_visible()
    expect(participant.get_by_text("Phase of the room: Collect ideas")).to_be_visible()
    participant.locator("#cc-text").fill("Drinking water taps")
    participant.get_by_role("button", name="Send my idea").tap()
    expect(participant.get_by_text("Idea received, thank you!")).to_be_visible()
    expect(participant.get_by_text("Your ideas (1)")).to_be_visible()
    fits_the_phone(participant)
    participant.screenshot(path=output_dir / "participant-phone-en.png")

    # a revealed round on the three ideas; the room moves to scoring
    with Store(db_path) as store:
        copy_rubric_to_workshop(store, workshop["id"], "dvf-quick")
        scoring_round = open_round(
            store, workshop["id"], [("idea", i["id"]) for i in ideas], title="First pass"
        )
        targets = store.round_targets(scoring_round["id"])
        for answers in EN_SCORES:
            rater = store.add_rater(workshop["id"])
            for target, values in zip(targets, answers, strict=True):
                for criterion, value in zip(("wanted", "doable", "lasting"), values, strict=True):
                    submit_score(
                        store, scoring_round["id"], target["id"], rater["id"], criterion, value
                    )
        store.reveal_round(scoring_round["id"])
        store.set_phase(workshop["id"], "score")
    # the phone follows: the revealed round, closed, with nothing to answer
    expect(participant.get_by_text("Phase of the room: Score")).to_be_visible()
    expect(participant.get_by_role("heading", name="First pass")).to_be_visible()
    expect(participant.get_by_text("This round is closed")).to_be_visible()

    facilitator = browser.new_context(viewport=PROJECTOR).new_page()
    facilitator.set_default_timeout(TIMEOUT_MS)
    facilitator.goto(f"{url}/?lang=en")
    expect(facilitator.get_by_role("heading", name="Join a workshop")).to_be_visible()
    unlock = facilitator.get_by_test_id("stExpander").filter(has_text="I facilitate this workshop")
    code_field = unlock.locator(".st-key-join_facilitator_code input")
    open_expander(facilitator, unlock, "I facilitate this workshop", code_field)
    code_field.fill(code)
    unlock.locator(".st-key-join_secret input").fill("not-the-secret")
    unlock.get_by_role("button", name="Open as facilitator").click()
    expect(facilitator.get_by_text("Wrong code or secret.")).to_be_visible()
    unlock.locator(".st-key-join_secret input").fill(secret.upper())
    unlock.get_by_role("button", name="Open as facilitator").click()
    expect(facilitator.get_by_role("heading", name="Workshop", exact=True)).to_be_visible()
    facilitator.get_by_test_id("stMain").get_by_role("link", name="Presenter view").click()
    rows = facilitator.locator('[data-testid="stTable"] tbody tr')
    expect(rows).to_have_count(3)
    for row, text in zip(rows.all(), (EN_IDEAS[1], EN_IDEAS[0], EN_IDEAS[2]), strict=True):
        expect(row).to_contain_text(text[:30])  # long names are shortened
    expect(facilitator.get_by_text(f"Join at {PUBLIC_URL}/room/{code}")).to_be_visible()
    main = facilitator.get_by_test_id("stMain")
    expect(main.get_by_text("Score", exact=True)).to_be_visible()
    expect(facilitator.get_by_test_id("stSidebar")).to_be_hidden()
    # the whole ranking on the screen, in large type, nothing to scroll
    expect(facilitator.get_by_test_id("stTable")).to_be_in_viewport(ratio=1)
    assert rows.first.evaluate("row => parseFloat(getComputedStyle(row).fontSize)") >= 22
    settled(facilitator)
    facilitator.screenshot(path=output_dir / "presenter-en.png")
