"""The ballot of a phone: the targets of a scoring round, each with its rubric's questions,
the anchors of every point and "don't know", and the rater's stored answers; and reading
the answers a form posts."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from threading import Lock
from typing import TYPE_CHECKING, Any

from cocreate.clustering import cluster_cards, distinct_representatives
from cocreate.i18n import t
from cocreate.privacy import hide_personal_data
from cocreate.scoring import AMOUNT, Rubric, ScoringError, entries_from_rows, rubric_from_dict

if TYPE_CHECKING:
    from cocreate.store import Store

DONT_KNOW = "dk"
EXAMPLES = 3
EXAMPLE_CHARS = 180
IDEA_CHARS = 600


@dataclass
class Choice:
    value: str
    number: str
    text: str
    checked: bool


@dataclass
class Question:
    id: str
    kind: str
    text: str
    choices: list[Choice] = field(default_factory=list)
    amount: float | None = None
    unit: str | None = None
    dont_know: bool = False


@dataclass
class Target:
    id: int
    heading: str
    text: str
    examples: list[str]
    caption: str
    questions: list[Question]
    done: bool


@dataclass
class Ballot:
    round_id: int
    name: str
    open: bool
    blind: bool
    dont_know: str
    targets: list[Target]

    @property
    def done(self) -> int:
        return sum(target.done for target in self.targets)


def shorten(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def round_name(scoring_round: Mapping[str, Any], lang: str) -> str:
    return scoring_round["title"] or t("scoring.round_default_title", lang, id=scoring_round["id"])


class _RoundExamples:
    """The example ideas of each group of a round, read once per round and process: reading
    every card of the workshop for each phone's page would cost the room its CPU."""

    def __init__(self, rounds_kept: int = 8) -> None:
        self._kept: OrderedDict[int, dict[int, dict[str, Any]]] = OrderedDict()
        self._rounds_kept = rounds_kept
        self._lock = Lock()

    def cards(self, store: Store, workshop_id: int, round_id: int) -> dict[int, dict[str, Any]]:
        with self._lock:
            if round_id in self._kept:
                self._kept.move_to_end(round_id)
                return self._kept[round_id]
        cards = {card["id"]: card for card in cluster_cards(store, workshop_id)}
        with self._lock:
            self._kept[round_id] = cards
            while len(self._kept) > self._rounds_kept:
                self._kept.popitem(last=False)
        return cards


ROUND_EXAMPLES = _RoundExamples()


def shown_round(store: Store, workshop_id: int) -> dict[str, Any] | None:
    """The round a phone scores: the newest open one, else the newest (closed) one."""
    open_id = store.open_round_id(workshop_id)
    if open_id is not None:
        return store.get_round(open_id)
    rounds = store.list_rounds(workshop_id)
    return rounds[0] if rounds else None


def ballot_for(
    store: Store, scoring_round: dict[str, Any], rater: dict[str, Any], lang: str
) -> Ballot:
    """What the phone of ``rater`` shows of ``scoring_round``: every target and question,
    the rater's stored answers ticked."""
    rubric = rubric_from_dict(scoring_round["rubric"], source=f"round {scoring_round['id']}")
    stored = {
        (entry.target, entry.criterion): entry.value
        for entry in entries_from_rows(
            store.round_scores(scoring_round["id"], rater_id=rater["id"])
        )
    }
    rows = store.round_targets(scoring_round["id"])
    cards = (
        ROUND_EXAMPLES.cards(store, scoring_round["workshop_id"], scoring_round["id"])
        if any(row["kind"] == "cluster" for row in rows)
        else {}
    )
    targets = []
    for row in rows:
        heading, text, examples, caption = row["label"] or "", "", [], ""
        if row["kind"] == "cluster":
            card = cards.get(row["cluster_id"])
            if card:
                caption = t("ballot.cluster_examples", lang, size=card["size"])
                examples = [
                    shorten(hide_personal_data(idea["text"]), EXAMPLE_CHARS)
                    for idea in distinct_representatives(card["members"], EXAMPLES)
                ]
        else:
            # other people's ideas on a participant's phone: their personal data hidden
            idea = store.get_idea(row["idea_id"])
            heading = hide_personal_data(idea["title"] or "")
            text = shorten(hide_personal_data(idea["text"]), IDEA_CHARS)
        questions = [
            _question(rubric, criterion, row["id"], stored, lang) for criterion in rubric.criteria
        ]
        done = all((row["id"], c.id) in stored for c in rubric.criteria)
        targets.append(Target(row["id"], heading, text, examples, caption, questions, done))
    return Ballot(
        round_id=scoring_round["id"],
        name=round_name(scoring_round, lang),
        open=scoring_round["status"] == "open",
        blind=scoring_round["blind"],
        dont_know=rubric.text("dont_know", lang),
        targets=targets,
    )


def _question(rubric: Rubric, criterion, target_id: int, stored: dict, lang: str) -> Question:
    answer = stored.get((target_id, criterion.id), "missing")
    text = criterion.question.get(lang) or criterion.question["en"]
    if criterion.kind == AMOUNT:
        return Question(
            criterion.id,
            AMOUNT,
            text,
            amount=answer if isinstance(answer, float) else None,
            unit=criterion.unit,
            dont_know=answer is None,
        )
    choices = [
        Choice(str(point), str(point), criterion.anchor(point, lang), answer == point)
        for point in criterion.points
    ]
    choices.append(Choice(DONT_KNOW, "", rubric.text("dont_know", lang), answer is None))
    return Question(criterion.id, criterion.kind, text, choices=choices)


def posted_answers(rubric: Rubric, form: Mapping[str, str]) -> list[tuple[str, float | None]]:
    """The answers a ballot form holds, ``(criterion id, value)`` with ``None`` for "don't
    know"; questions left blank are skipped. :class:`ScoringError` for a value that is not
    a number; :func:`cocreate.scoring.submit_score` checks the scale."""
    answers: list[tuple[str, float | None]] = []
    for criterion in rubric.criteria:
        raw = (form.get(f"c_{criterion.id}") or "").strip()
        if criterion.kind == AMOUNT and form.get(f"dk_{criterion.id}"):
            answers.append((criterion.id, None))
            continue
        if not raw:
            continue
        if raw == DONT_KNOW:
            answers.append((criterion.id, None))
            continue
        try:
            value = float(raw.replace(",", ".").replace(" ", ""))
        except ValueError:
            raise ScoringError(f"{criterion.id!r} takes a number, not {raw!r}.") from None
        answers.append((criterion.id, value))
    return answers
