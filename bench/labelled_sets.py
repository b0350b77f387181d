"""The labelled French sets of ../shared/data, as (name, texts, labels) for the benchmarks."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
# Grand Débat questions with fewer answers than this make NMI noise
MIN_ITEMS = 40


def _rows(relative: str) -> list[dict[str, str]]:
    with (DATA_DIR / relative).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _labelled(rows, text_of, label_of):
    pairs = [(text_of(r).strip(), label_of(r)) for r in rows]
    pairs = [(t, label) for t, label in pairs if t and label not in ("", None)]
    return [t for t, _ in pairs], [label for _, label in pairs]


def french_sets() -> Iterator[tuple[str, list[str], list[str]]]:
    """Paris BP descriptions, Actons, NNV per question, Grand Débat per question."""
    rows = _rows("paris-bp-laureats/bp_laureats_with_descriptions.csv")
    texts, labels = _labelled(
        rows,
        lambda r: f"{r['Titre du projet lauréat']}. {r['description'][:1000]}",
        lambda r: r["Thématique"],
    )
    yield "paris-bp-descriptions", texts, labels
    rows = _rows("actons-postcovid/actons_items.csv")
    yield (
        "actons",
        *_labelled(rows, lambda r: f"{r['title']}. {r['text']}", lambda r: r["category"]),
    )
    rows = _rows("nnv-nos-nouvelles-vies/nnv_open_questions_semantic_groups.csv")
    for question in sorted({r["question_id"] for r in rows}, key=int):
        subset = [r for r in rows if r["question_id"] == question]
        texts, labels = _labelled(subset, lambda r: r["answer"], lambda r: r["semantic_group_id"])
        yield f"nnv-q{question}", texts, labels
    rows = _rows("granddebat-tamis/derived_granddebat_tamis_flat.csv")
    questions = sorted({r["question"] for r in rows})
    for number, question in enumerate(questions, start=1):
        subset = [r for r in rows if r["question"] == question]
        texts, labels = _labelled(subset, lambda r: r["reponse"], lambda r: r["majority_tag"])
        if len(texts) >= MIN_ITEMS:
            yield f"granddebat-q{number:02d}", texts, labels
