"""Readable names for groups of ideas: keywords by class-based TF-IDF, a short label, and the
most representative ideas.

Words are compared without case or accents and reduced to their Snowball stem, so "piste",
"pistes" and "Pistes" count as one keyword, shown in the form people wrote most often. French
and English stop words (the ``stop-words`` package, plus the idea-writing filler words in
``templates/stopwords/``) never become keywords. Two-word keywords ("pistes cyclables") come
from words written next to each other.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["stop_words", "cluster_keywords", "label_from_keywords", "representative_members"]

WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’-](?=[^\W\d_]))*", re.UNICODE)
ELISION = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
STOPWORDS_DIR = Path(__file__).resolve().parent.parent / "templates" / "stopwords"
MIN_WORD_LENGTH = 2
# a label needs two keywords; terms said once fill in when fewer repeat
MIN_KEYWORDS = 2


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case without accents: the form words are compared in."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """French and English stop words, folded."""
    from stop_words import get_stop_words

    words = set(get_stop_words("fr")) | set(get_stop_words("en"))
    for path in sorted(STOPWORDS_DIR.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                words.add(line.strip())
    return frozenset(fold(w) for w in words)


_THREAD_STEMMERS = threading.local()


def _stemmer(language: str):
    """One stemmer per thread and language: a Snowball stemmer keeps state while it works,
    and Streamlit runs sessions on several threads."""
    import snowballstemmer

    stemmers = _THREAD_STEMMERS.__dict__
    if language not in stemmers:
        name = {"fr": "french", "en": "english"}.get(language, "french")
        stemmers[language] = snowballstemmer.stemmer(name)
    return stemmers[language]


@lru_cache(maxsize=200_000)
def _key(language: str, surface: str) -> str:
    """Stem of the accented word, then folded; a plural -s/-x Snowball leaves ("vélos") goes.
    Cached: the pure-Python stemmer was most of the keyword time on large imports."""
    key = fold(_stemmer(language).stemWord(surface.casefold()))
    return key[:-1] if len(key) > 3 and key[-1] in "sx" else key


def _tokens(text: str, language: str) -> list[tuple[str, str, int, int] | None]:
    """(stem key, surface, start, end) per content word; ``None`` where a stop word breaks
    the sequence (so bigrams only join neighbours)."""
    stops = stop_words()
    found: list[tuple[str, str, int, int] | None] = []
    for match in WORD.finditer(text):
        surface = match.group()
        start = match.start()
        elided = ELISION.match(surface)
        if elided:
            surface = surface[elided.end() :]
            start += elided.end()
        folded = fold(surface)
        if len(folded) < MIN_WORD_LENGTH or folded in stops:
            found.append(None)
            continue
        found.append((_key(language, surface), surface, start, start + len(surface)))
    return found


def _terms(text: str, language: str) -> list[tuple[str, str]]:
    tokens = _tokens(text, language)
    terms = [(t[0], t[1]) for t in tokens if t]
    for left, right in zip(tokens, tokens[1:], strict=False):
        if left and right and left[0] != right[0]:
            terms.append((f"{left[0]} {right[0]}", text[left[2] : right[3]]))
    return terms


def cluster_keywords(
    texts: Sequence[str],
    labels: Sequence[int],
    *,
    languages: Sequence[str | None] | None = None,
    top_n: int = 6,
) -> dict[int, list[str]]:
    """The ``top_n`` keywords of each group by class-based TF-IDF (BERTopic's c-TF-IDF:
    a term's frequency in the group, weighted by log(1 + average group size / its frequency
    in all groups)); a single word already inside a chosen two-word keyword is skipped.
    When ``languages`` are given, the keywords written in the group's main language come
    first, so a label made of the first ones does not mix French and English words."""
    counts: dict[int, Counter] = defaultdict(Counter)
    surfaces: dict[str, Counter] = defaultdict(Counter)
    # (group, term) -> languages of the ideas that use it; group -> languages of its ideas
    term_languages: dict[tuple[int, str], Counter] = defaultdict(Counter)
    group_languages: dict[int, Counter] = defaultdict(Counter)
    for i, (text, group) in enumerate(zip(texts, labels, strict=True)):
        language = (languages[i] if languages else None) or "fr"
        group_languages[int(group)][language] += 1
        for key, surface in _terms(text, language):
            counts[int(group)][key] += 1
            surfaces[key][surface.lower() if not surface.isupper() else surface] += 1
            term_languages[int(group), key][language] += 1
    totals: Counter = Counter()
    for group_counts in counts.values():
        totals.update(group_counts)
    average = sum(sum(c.values()) for c in counts.values()) / max(1, len(counts))
    keywords: dict[int, list[str]] = {}
    for group in sorted({int(g) for g in labels}):
        group_counts = counts.get(group, Counter())
        size = sum(group_counts.values()) or 1
        scored = sorted(
            group_counts,
            key=lambda key: (
                -(group_counts[key] / size) * math.log(1 + average / totals[key])
                # between equals, a two-word keyword reads better
                - (1e-9 if " " in key else 0),
                key,
            ),
        )
        chosen: list[str] = []
        # terms said at least twice first; a small group where no term repeats still gets
        # its best-scored terms rather than no name at all
        few_terms = len(group_counts) <= top_n
        repeated = [key for key in scored if few_terms or group_counts[key] >= 2]
        once = [key for key in scored if not (few_terms or group_counts[key] >= 2)]
        for n, key in enumerate(repeated + once):
            if n >= len(repeated) and len(chosen) >= MIN_KEYWORDS:
                break
            words = key.split()
            if any(set(words) <= set(other.split()) for other in chosen):
                continue
            if len(words) == 2 and all(w in chosen for w in words):
                chosen = [c for c in chosen if c not in words]
            chosen.append(key)
            if len(chosen) == top_n:
                break
        if languages and len(group_languages[group]) > 1:
            main = group_languages[group].most_common(1)[0][0]
            chosen.sort(key=lambda key: term_languages[group, key].most_common(1)[0][0] != main)
        keywords[group] = [surfaces[key].most_common(1)[0][0] for key in chosen]
    return keywords


def label_from_keywords(keywords: Sequence[str], max_words: int = 2) -> str:
    """A short label: the first keywords, joined, first letter capitalised."""
    if not keywords:
        return ""
    label = " · ".join(keywords[:max_words])
    return label[0].upper() + label[1:]


def representative_members(
    X: np.ndarray, labels: np.ndarray, centers: np.ndarray, *, top: int = 3
) -> dict[int, list[int]]:
    """Row indices of the ``top`` ideas closest to each group's centre."""
    from cocreate.cluster import normalise_rows

    unit = normalise_rows(X)
    found: dict[int, list[int]] = {}
    for group in np.unique(labels):
        members = np.flatnonzero(labels == group)
        scores = unit[members] @ centers[group]
        found[int(group)] = members[np.argsort(-scores, kind="stable")[:top]].tolist()
    return found
