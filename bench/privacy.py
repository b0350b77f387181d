"""The redactor on a real dataset: what it finds per type, and how fast, against embedding the
same texts with the bundled model in the same run (the machine is shared: compare ratios).

Make.org "Le monde d'après" (../shared/data/makeorg-mondedapres): 18,690 French proposals
with their authors' first names and ages. The texts themselves rarely hold personal data;
the author columns do, and the bench also counts how many texts hold their own author's
first name and whether the redactor masks it.

    python bench/privacy.py              # 4,000 texts (about 2 min)
    python bench/privacy.py --all        # every text
    python bench/privacy.py --examples 8 # masked examples per type

Printed examples show the redacted text around the span, never the span itself.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cocreate.privacy import KINDS, is_personal_column, redactor  # noqa: E402
from cocreate.privacy.redactor import mask  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "makeorg-mondedapres" / "mondedapres_2020_05_28.csv"


def read_rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), [row for row in reader if row["proposition"]]


def context(text: str, spans, span, width: int = 50) -> str:
    """The redacted text around ``span``, cut to about 2 x ``width`` characters."""
    masked = mask(text, spans)
    shift = sum(len(f"[{s.kind}]") - (s.end - s.start) for s in spans if s.start < span.start)
    at = span.start + shift
    return masked[max(0, at - width) : at + width].replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="every text, not a sample")
    parser.add_argument("--size", type=int, default=4000, help="texts in the sample")
    parser.add_argument("--examples", type=int, default=5, help="masked examples per type")
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args()
    if not DATA.is_file():
        sys.exit(f"dataset not found: {DATA} (../shared/data beside the checkout)")

    columns, rows = read_rows(DATA)
    if not args.all and len(rows) > args.size:
        rows = random.Random(args.seed).sample(rows, args.size)
    texts = [row["proposition"] for row in rows]
    print(f"dataset: {DATA.parent.name}, {len(texts)} texts, columns {columns}")
    print(f"personal columns (dropped by default): {[c for c in columns if is_personal_column(c)]}")

    started = time.perf_counter()
    redact = redactor()
    redact.find_many(["Chargement du modèle, M. Dupont."], ["fr"])
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    found = redact.find_many(texts, ["fr"] * len(texts))
    redact_seconds = time.perf_counter() - started

    from cocreate.clustering import resolve_embedder

    started = time.perf_counter()
    embedder = resolve_embedder("use")
    embedder.encode(["Chargement du modèle."])
    embed_load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    embedder.encode(texts)
    embed_seconds = time.perf_counter() - started

    per_kind = Counter(span.kind for spans in found for span in spans)
    texts_with = Counter(kind for spans in found for kind in {s.kind for s in spans})
    print(f"\n{'kind':8} {'spans':>6} {'texts':>6}")
    for kind in KINDS:
        print(f"{kind:8} {per_kind[kind]:6d} {texts_with[kind]:6d}")
    print(f"{'any':8} {sum(per_kind.values()):6d} {sum(1 for spans in found if spans):6d}")

    # the author's own first name inside the text: the personal data this dataset really holds
    own_name, own_masked = 0, 0
    for row, spans in zip(rows, found, strict=True):
        author = (row.get("auteur") or "").strip()
        if len(author) < 3:
            continue
        for match in re.finditer(rf"\b{re.escape(author)}\b", row["proposition"]):
            own_name += 1
            own_masked += any(s.start <= match.start() < s.end for s in spans)
    print(f"\ntexts holding their author's first name: {own_name}, masked: {own_masked}")

    rng = random.Random(args.seed)
    print("\nmasked examples (redacted text around the span):")
    for kind in KINDS:
        hits = [
            (text, spans, s)
            for text, spans in zip(texts, found, strict=True)
            for s in spans
            if s.kind == kind
        ]
        for text, spans, span in rng.sample(hits, min(args.examples, len(hits))):
            print(f"  {kind:8} …{context(text, spans, span)}…")

    # the projected map's tooltips (160 characters, language detected): one text at a time,
    # as screens redacted them before, against one batch (hide_personal_data_many)
    from cocreate.privacy import hide_personal_data_many
    from cocreate.privacy.names import models_ready

    tips = [text[:160] + "." for text in texts]
    started = time.perf_counter()
    one_by_one = [redact.redact(text) for text in tips]
    single_seconds = time.perf_counter() - started
    started = time.perf_counter()
    batched = hide_personal_data_many(tips)
    batch_seconds = time.perf_counter() - started
    same = sum(a == b for a, b in zip(one_by_one, batched, strict=True))
    ready = models_ready()
    print(f"\nscreen tooltips, {len(tips)} texts of 160 characters (name model ready: {ready}):")
    print(
        f"  one at a time {single_seconds:6.2f} s, one batch {batch_seconds:6.2f} s:"
        f" {single_seconds / batch_seconds:.1f}x faster; same text on {same} of {len(tips)}"
    )

    redact_rate = len(texts) / redact_seconds
    embed_rate = len(texts) / embed_seconds
    print(f"\nspeed on {len(texts)} texts (models loaded before timing):")
    print(f"  redactor        {redact_rate:8.0f} texts/s  (model load {load_seconds:.1f} s)")
    print(f"  embedding (USE) {embed_rate:8.0f} texts/s  (model load {embed_load_seconds:.1f} s)")
    print(f"  redactor / embedding: {redact_rate / embed_rate:.2f}x the throughput")


if __name__ == "__main__":
    main()
