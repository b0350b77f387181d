"""The labelled sets of ../shared/data, as (name, texts, labels) for the benchmarks: the French
sets every clustering choice was measured on, and held-out sets left out of those choices."""

from __future__ import annotations

import csv
import os
import random
from collections.abc import Iterator
from pathlib import Path

# ../shared/data beside the checkout; $COCREATE_DATA_DIR for a checkout elsewhere (a worktree)
DATA_DIR = Path(
    os.environ.get("COCREATE_DATA_DIR")
    or Path(__file__).resolve().parent.parent.parent / "shared" / "data"
)
# Grand Débat questions with fewer answers than this make NMI noise
MIN_ITEMS = 40
# Polis comments in English and German, a seeded sample of this many (labels: conversation)
POLIS_SAMPLE = 4000
# each held-out set is also scored on seeded random samples of these sizes (workshop scale)
SAMPLE_SIZES = (60, 150, 400)


def _rows(relative: str, delimiter: str = ",") -> list[dict[str, str]]:
    with (DATA_DIR / relative).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


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


def held_out_sets() -> Iterator[tuple[str, list[str], list[str]]]:
    """Sets no clustering setting was chosen on (``bench/quality.py --held-out``): Paris BP
    winning-project titles (two exports, theme labels), Polis comments in English and German
    (the conversation as label), Polis Austria climate comments in German (5 topics); each
    whole and as seeded random samples of ``SAMPLE_SIZES`` ideas."""
    rng = random.Random(0)
    for name, texts, labels in _held_out_wholes():
        yield name, texts, labels
        for size in SAMPLE_SIZES:
            if size < len(texts):
                picked = sorted(rng.sample(range(len(texts)), size))
                yield f"{name}-{size}", [texts[i] for i in picked], [labels[i] for i in picked]


def _held_out_wholes() -> Iterator[tuple[str, list[str], list[str]]]:
    rows = _rows("paris-bp-laureats/bp_projets_gagnants_from_sqlite.csv")
    yield (
        "paris-titles-sqlite",
        *_labelled(rows, lambda r: r["titre_projet_gagnant"], lambda r: r["thematique"]),
    )
    rows = _rows("paris-bp-laureats/bp_projets_gagnants_opendata_2024.csv", delimiter=";")
    yield (
        "paris-titles-2024",
        *_labelled(rows, lambda r: r["Titre du projet lauréat"], lambda r: r["Thématique"]),
    )
    rows = _rows("polis-opendata/derived/polis_all_comments_pooled.csv")
    rows = [r for r in rows if r["language"] in ("en", "de") and r["text"].strip()]
    random.Random(0).shuffle(rows)
    yield (
        f"polis-en-de-{POLIS_SAMPLE}",
        *_labelled(rows[:POLIS_SAMPLE], lambda r: r["text"], lambda r: r["conversation"]),
    )
    rows = _rows("polis-opendata/derived/polis_austria_climate_5topics_de.csv")
    yield "polis-austria-de", *_labelled(rows, lambda r: r["text"], lambda r: r["topic"])
