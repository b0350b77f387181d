"""Ballot page: a participant, on a phone, scores the targets of an open round one at a time
on each criterion of its rubric; answers can change until the round closes. Nobody else's
score is shown here."""

import streamlit as st

from cocreate.access import PARTICIPANT
from cocreate.clustering import (
    cluster_cards,
    distinct_representatives,
    theme_cards,
    theme_members,
)
from cocreate.i18n import t
from cocreate.scoring import AMOUNT, ScoringError, entries_from_rows, round_rubric, submit_score
from cocreate.store import StoreError
from cocreate.ui.common import PAGE_FILES, current_rater, open_store, require_workshop, ui_lang
from cocreate.ui.roles import session_access
from cocreate.ui.scoreboard import round_name
from cocreate.ui.wall import escape_markdown, shorten

DONT_KNOW = "dont-know"
REPRESENTATIVES = 3

# anchors wrap inside their choice instead of being cut, the chosen one is ticked (not only
# coloured); less empty space above on a phone
PHONE_CSS = """
<style>
.st-key-ballot_answers [data-testid="stButtonGroup"] button {
    height: auto; min-height: 3rem; padding: 0.5rem 1rem; justify-content: flex-start;
    text-align: left;
}
.st-key-ballot_answers [data-testid="stButtonGroup"] button > div {
    justify-content: flex-start; width: 100%;
}
.st-key-ballot_answers [data-testid="stButtonGroup"] button[aria-checked="true"] {
    border-width: 2px; font-weight: 700;
}
.st-key-ballot_answers [data-testid="stButtonGroup"] button[aria-checked="true"] p::before {
    content: "✓ ";
}
.st-key-ballot_answers [data-testid="stButtonGroup"] button * {
    white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
/* while the page is redrawn (after a tap), the choices on screen may still be those of the
   target before "Next": a tap there would score the wrong target */
.st-key-ballot_answers [data-stale="true"], .st-key-ballot_nav [data-stale="true"] {
    pointer-events: none;
}
@media (max-width: 640px) {
    [data-testid="stMainBlockContainer"] { padding-top: 3.5rem; }
}
</style>
"""

lang = ui_lang()
store = open_store()
workshop = require_workshop(store, lang, PARTICIPANT)


def chosen_round(rounds: list[dict]) -> dict | None:
    """The round of ``?round=`` when it belongs to this workshop, else the newest open one."""
    wanted = st.query_params.get("round")
    for scoring_round in rounds:
        if wanted and str(scoring_round["id"]) == wanted:
            return scoring_round
    return next((r for r in rounds if r["status"] == "open"), None)


scoring_round = chosen_round(store.list_rounds(workshop["id"]))
if scoring_round is None:
    st.info(t("ballot.no_round", lang))
    store.close()
    st.stop()
round_id = scoring_round["id"]
is_open = scoring_round["status"] == "open"
rater = current_rater(store, workshop)
st.query_params["round"] = str(round_id)
rubric = round_rubric(store, round_id)
targets = store.round_targets(round_id)
if not targets:
    st.info(t("ballot.no_targets", lang))
    store.close()
    st.stop()

st.html(PHONE_CSS)
st.subheader(escape_markdown(round_name(scoring_round, lang)), anchor=False)
who = (
    t("ballot.staff", lang, name=rater["name"])
    if rater["kind"] == "staff"
    else t("ballot.anonymous", lang)
)
st.caption(
    f"{who} · {t('ballot.blind_note' if scoring_round['blind'] else 'ballot.open_note', lang)}"
)
if st.session_state.pop("ballot_refused", False):
    st.error(t("ballot.refused", lang))
if not is_open:
    st.warning(t("ballot.closed", lang))
    # the Results page is a facilitator page: not in a participant's navigation
    visible = scoring_round["revealed"] or not scoring_round["blind"]
    if visible and session_access().is_facilitator(workshop["id"]):
        st.page_link(
            str(PAGE_FILES["results"]),
            label=t("ballot.see_results", lang),
            icon=":material/leaderboard:",
            query_params={"round": str(round_id)},
        )


def answer_key(target_id: int, criterion_id: str) -> str:
    return f"ballot_{round_id}_{target_id}_{criterion_id}"


def stored_answers() -> dict[tuple[int, str], float | None]:
    return {
        (entry.target, entry.criterion): entry.value
        for entry in entries_from_rows(store.round_scores(round_id, rater_id=rater["id"]))
    }


def store_missed_taps() -> None:
    """Store the choices the phone shows but the store misses: when taps come faster than
    the page reruns (a busy server), Streamlit can keep a choice without calling its
    on_change; the choice itself is kept, and stored here on the next run."""
    stored = stored_answers()
    for scored in targets:
        for criterion in rubric.criteria:
            value = st.session_state.get(answer_key(scored["id"], criterion.id))
            if criterion.kind == AMOUNT or value is None:
                continue
            chosen = None if value == DONT_KNOW else value
            if stored.get((scored["id"], criterion.id), "missing") != chosen:
                try:
                    submit_score(store, round_id, scored["id"], rater["id"], criterion.id, chosen)
                except (StoreError, ScoringError):
                    st.session_state["ballot_refused"] = True


if is_open:
    store_missed_taps()
mine = stored_answers()
criteria = rubric.criteria
answered = [all((target["id"], c.id) in mine for c in criteria) for target in targets]
position_key = f"ballot_position_{round_id}"
if position_key not in st.session_state:
    # a returning rater starts at the first target they have not finished
    st.session_state[position_key] = next((i for i, done in enumerate(answered) if not done), 0)
position = min(st.session_state[position_key], len(targets) - 1)
target = targets[position]

st.progress(
    (position + 1) / len(targets),
    text=t("ballot.progress", lang, index=position + 1, total=len(targets)),
)


def show_target(target: dict) -> None:
    """What is scored: a cluster's name, keywords and three of its ideas, or one idea."""
    with st.container(border=True, key="ballot_target"):
        if target["kind"] == "cluster":
            card = cards.get(target["cluster_id"])
            st.markdown(f"### {escape_markdown(target['label'] or '')}")
            if card and card["keywords"]:
                st.markdown(
                    " ".join(f":blue-badge[{escape_markdown(k)}]" for k in card["keywords"])
                )
            if card:
                st.caption(t("ballot.cluster_examples", lang, size=card["size"]))
                st.markdown(
                    "\n".join(
                        f"- {escape_markdown(shorten(idea['text'], 180))}"
                        for idea in distinct_representatives(card["members"], REPRESENTATIVES)
                    )
                )
        else:
            idea = store.get_idea(target["idea_id"])
            if idea["title"]:
                st.markdown(f"### {escape_markdown(idea['title'])}")
            st.markdown(escape_markdown(shorten(idea["text"], 600)))


def save(target_id: int, criterion_id: str, key: str) -> None:
    """Store one answer as soon as it is tapped; the store refuses it once the round closed."""
    value = st.session_state.get(key)
    if value is None:
        return
    with open_store() as own_store:
        try:
            submit_score(
                own_store,
                round_id,
                target_id,
                rater["id"],
                criterion_id,
                None if value == DONT_KNOW else value,
            )
        except (StoreError, ScoringError):
            st.session_state["ballot_refused"] = True


def save_dont_know(target_id: int, criterion_id: str, key: str) -> None:
    if st.session_state.get(key):
        with open_store() as own_store:
            try:
                submit_score(own_store, round_id, target_id, rater["id"], criterion_id, None)
            except (StoreError, ScoringError):
                st.session_state["ballot_refused"] = True


def rating(criterion, target_id: int) -> None:
    """Big choices showing each point's meaning, plus "don't know"; stored on tap."""
    key = answer_key(target_id, criterion.id)
    stored = mine.get((target_id, criterion.id), "missing")
    # the stored answer wins when the widget is new or the round no longer takes changes
    if key not in st.session_state or not is_open:
        if stored == "missing":
            st.session_state[key] = None
        else:
            st.session_state[key] = DONT_KNOW if stored is None else int(stored)
    question = criterion.question.get(lang) or criterion.question["en"]
    st.markdown(f"**{escape_markdown(question)}**")
    st.pills(
        question,
        [*criterion.points, DONT_KNOW],
        format_func=lambda v: (
            f"_{escape_markdown(rubric.text('dont_know', lang))}_"
            if v == DONT_KNOW
            else f"**{v}** · {escape_markdown(criterion.anchor(v, lang))}"
        ),
        required=True,
        key=key,
        on_change=save,
        args=(target_id, criterion.id, key),
        disabled=not is_open,
        label_visibility="collapsed",
        width="stretch",
        wrap=True,
    )


def amount(criterion, target_id: int) -> None:
    """An estimate in its unit (euros), or "don't know"."""
    key = answer_key(target_id, criterion.id)
    stored = mine.get((target_id, criterion.id), "missing")
    if key not in st.session_state or not is_open:
        st.session_state[key] = stored if isinstance(stored, float) else None
    st.number_input(
        t("ballot.amount", lang, question=criterion.question.get(lang), unit=criterion.unit),
        min_value=0.0,
        step=1000.0,
        format="%.0f",
        key=key,
        on_change=save,
        args=(target_id, criterion.id, key),
        disabled=not is_open,
    )
    st.checkbox(
        rubric.text("dont_know", lang),
        value=(target_id, criterion.id) in mine and mine[(target_id, criterion.id)] is None,
        key=f"{key}_dont_know",
        on_change=save_dont_know,
        args=(target_id, criterion.id, f"{key}_dont_know"),
        disabled=not is_open,
    )


cards = {}
if target["kind"] == "cluster":
    group_cards = cluster_cards(store, workshop["id"])
    cards = {card["id"]: card for card in group_cards}
    # a theme (a cluster of level 1) is scored as a whole: examples from its groups
    for theme in theme_cards(store.active_themes(workshop["id"]), group_cards, []):
        cards[theme["id"]] = {**theme, "members": theme_members(theme["groups"])}
show_target(target)
with st.container(key="ballot_answers"):
    for dimension in rubric.dimensions:
        st.caption(f"**{escape_markdown(dimension.label.get(lang) or dimension.label['en'])}**")
        for criterion in dimension.criteria:
            (amount if criterion.kind == AMOUNT else rating)(criterion, target["id"])


def move(step: int) -> None:
    st.session_state[position_key] = position + step


with st.container(horizontal=True, key="ballot_nav"):
    st.button(
        t("ballot.previous", lang),
        key="ballot_previous",
        icon=":material/arrow_back:",
        on_click=move,
        args=(-1,),
        disabled=position == 0,
        width="stretch",
    )
    st.button(
        t("ballot.next", lang),
        key="ballot_next",
        icon=":material/arrow_forward:",
        on_click=move,
        args=(1,),
        disabled=position == len(targets) - 1,
        type="primary",
        width="stretch",
    )
done = sum(answered)
if done == len(targets) and is_open:
    st.success(t("ballot.all_done", lang, total=len(targets)))
else:
    st.caption(t("ballot.answered", lang, done=done, total=len(targets)))
# a new target starts at the top of the screen, not where the last one was left
st.html(
    f"<script>/* target {position} */ document.querySelector('[data-testid=\"stMain\"]')"
    "?.scrollTo(0, 0);</script>",
    unsafe_allow_javascript=True,
)
store.close()
