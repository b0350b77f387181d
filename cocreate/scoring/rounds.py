"""Scoring rounds against the store: a workshop's rubric snapshot, opening a round, recording a
checked answer, what a rater may see, a round's results and citizen support, and the board the
projected Results page reads (:func:`round_board`, which applies the blind rule to the
per-rater scores it shows).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from cocreate.scoring.rubrics import Rubric, ScoringError, get_rubric, rubric_from_dict
from cocreate.scoring.statistics import ScoreEntry, entries_from_rows
from cocreate.scoring.tally import (
    CitizenSupport,
    RoundResults,
    citizen_support,
    results,
    visible_scores,
)

if TYPE_CHECKING:
    from cocreate.store import Store

# with a store ------------------------------------------------------------------------------


def copy_rubric_to_workshop(store: Store, workshop_id: int, rubric: Rubric | str) -> dict[str, Any]:
    """Snapshot a rubric (or a bundled rubric id) into a workshop; it becomes the workshop's
    current rubric. Returns the stored row (``rubric_id``, ``version``, ``edited``)."""
    if isinstance(rubric, str):
        rubric = get_rubric(rubric)
    return store.add_workshop_rubric(
        workshop_id,
        rubric_id=rubric.id,
        version=rubric.version,
        definition=rubric.to_dict(),
        edited=rubric.edited,
    )


def workshop_rubric(store: Store, workshop_id: int) -> Rubric | None:
    """The rubric a workshop scores with now (its newest copy), or ``None``."""
    rows = store.workshop_rubrics(workshop_id)
    if not rows:
        return None
    return rubric_from_dict(rows[0]["definition"], source=f"workshop rubric {rows[0]['id']}")


def open_round(
    store: Store,
    workshop_id: int,
    targets: Iterable[tuple[str, int]],
    *,
    title: str = "",
    blind: bool = True,
) -> dict[str, Any]:
    """A new scoring round on the facilitator's shortlist (``("cluster", id)`` or
    ``("idea", id)``) with the workshop's current rubric."""
    rows = store.workshop_rubrics(workshop_id)
    if not rows:
        raise ScoringError("Copy a rubric into the workshop before opening a scoring round.")
    return store.create_round(
        workshop_id, workshop_rubric_id=rows[0]["id"], targets=targets, title=title, blind=blind
    )


def round_rubric(store: Store, round_id: int) -> Rubric:
    """The rubric snapshot a round was opened with."""
    return rubric_from_dict(store.get_round(round_id)["rubric"], source=f"round {round_id}")


def submit_score(
    store: Store, round_id: int, target_id: int, rater_id: int, criterion: str, value: float | None
) -> None:
    """Record or change one answer (``None`` = don't know) after checking it against the
    round's rubric; the store refuses it once the round is closed."""
    store.put_score(
        round_id,
        target_id,
        rater_id,
        criterion,
        round_rubric(store, round_id).criterion(criterion).check(value),
    )


def rater_view(store: Store, round_id: int, rater_id: int) -> list[ScoreEntry]:
    """The answers a rater may see in a round (their own until a blind round is revealed)."""
    scoring_round = store.get_round(round_id)
    return visible_scores(
        entries_from_rows(store.round_scores(round_id)),
        viewer=rater_id,
        blind=scoring_round["blind"],
        revealed=scoring_round["revealed"],
    )


def round_results(store: Store, round_id: int, **options: Any) -> RoundResults:
    """:func:`results` of a stored round; targets are round target ids
    (``Store.round_targets`` gives their kind, cluster or idea, and label)."""
    scoring_round = store.get_round(round_id)
    return results(
        rubric_from_dict(scoring_round["rubric"], source=f"round {round_id}"),
        [t["id"] for t in store.round_targets(round_id)],
        entries_from_rows(store.round_scores(round_id)),
        blind=scoring_round["blind"],
        revealed=scoring_round["revealed"],
        **options,
    )


def round_citizen_support(store: Store, round_id: int) -> dict[int, CitizenSupport]:
    """Citizen support of each target of a round, from the votes imported with its ideas."""
    members: dict[int, list[int | None]] = {t["id"]: [] for t in store.round_targets(round_id)}
    for row in store.round_target_votes(round_id):
        members[row["target_id"]].append(row["votes"])
    return citizen_support(members)


def round_board(store: Store, workshop_id: int, round_id: int) -> tuple:
    """What the Results board reads of a round: the round, its rubric, targets, results,
    the per-rater scores it may show, and the citizens' support of each target. A blind
    round not revealed gives counts of who answered and no score at all."""
    scoring_round = store.get_round(round_id)
    if scoring_round["workshop_id"] != workshop_id:
        raise ValueError(f"Round {round_id} is not a round of workshop {workshop_id}.")
    scores = visible_scores(
        entries_from_rows(store.round_scores(round_id)),
        viewer=None,
        blind=scoring_round["blind"],
        revealed=scoring_round["revealed"],
    )
    return (
        scoring_round,
        round_rubric(store, round_id),
        store.round_targets(round_id),
        round_results(store, round_id),
        scores,
        round_citizen_support(store, round_id),
    )
