"""Readable names for groups of ideas: keywords by class-based TF-IDF, a short label, and the
most representative ideas.

Words are compared without case or accents and reduced to their Snowball stem, so "piste",
"pistes" and "Pistes" count as one keyword, shown in the form people wrote most often. The
stop words of each idea's own language (French, English, German, Spanish, Finnish, Italian,
Dutch, Portuguese: the ``stop-words`` package, its English list cut to function words), French
and English ones, and the words of ``templates/stopwords/`` (filler words, the never-in-names
list) never become keywords.
Two-word keywords ("pistes cyclables") come from words written next to each other.
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
STOPWORDS_DIR = Path(__file__).resolve().parents[2] / "templates" / "stopwords"
MIN_WORD_LENGTH = 2
# a label needs two keywords; terms said once fill in when fewer repeat
MIN_KEYWORDS = 2


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case without accents: the form words are compared in."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# the languages with stop-word lists and stemmers; a text in another language gets the
# French and English lists (detection falls back on them) and no stemming
SNOWBALL = {
    "fr": "french",
    "en": "english",
    "de": "german",
    "es": "spanish",
    "fi": "finnish",
    "it": "italian",
    "nl": "dutch",
    "pt": "portuguese",
}


@lru_cache(maxsize=32)
def stop_words(language: str | None = None) -> frozenset[str]:
    """Stop words of ``language`` (any of ``SNOWBALL``) with the French and English ones,
    and the words of ``templates/stopwords/*.txt`` (filler words, the never-in-names list),
    folded. Without a language: French and English."""
    from stop_words import get_stop_words

    # English: english-function-words.txt of STOPWORDS_DIR, written by english_function_words
    words = set(get_stop_words("fr"))
    if language in SNOWBALL and language not in ("fr", "en"):
        words |= set(get_stop_words(language))
    for path in sorted(STOPWORDS_DIR.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                words.add(line.strip())
    return frozenset(fold(w) for w in words)


ENGLISH_FUNCTION_WORDS_FILE = STOPWORDS_DIR / "english-function-words.txt"


def english_function_words() -> frozenset[str]:
    """The ``stop-words`` package's English list without its content words: it is a web
    search list of 1,333 words that holds "computer", "home", "website", "research", "state",
    "test", "free", "young". A word WordNet knows as a noun or an adjective (spacy-lookups-data)
    stays only when spaCy's English list, made of function words, has it too; a verb's
    inflected forms stay, and ``templates/stopwords`` holds the fillers ("thing", "want").
    Loading WordNet's index takes seconds: the list is written once to
    ``ENGLISH_FUNCTION_WORDS_FILE`` (``write_english_function_words``), which a test checks."""
    from spacy.lang.en.stop_words import STOP_WORDS
    from stop_words import get_stop_words

    words = set(get_stop_words("en"))
    try:
        from spacy.lookups import load_lookups
        from spacy.strings import get_string_id

        index = load_lookups("en", ["lemma_index"]).get_table("lemma_index")
        content = set(index.get(get_string_id("noun"), ())) | set(
            index.get(get_string_id("adj"), ())
        )
        verbs = set(index.get(get_string_id("verb"), ()))
    except (ImportError, ValueError, OSError):  # the tables missing: the list as it is
        return frozenset(words | set(STOP_WORDS))
    import simplemma

    # "isn", "cant", "ill" (I'll) are what is left of a contraction, not words
    contracted = {part for w in words if "'" in w for part in (w.replace("'", ""), w.split("'")[0])}

    def is_content(word: str) -> bool:
        lemma = simplemma.lemmatize(word, lang="en")
        if lemma != word and lemma in verbs:  # "going", "said", "wants": a verb's forms stay
            return False
        singular = {word, word[:-1] if word.endswith("s") else word}
        return len(word) >= 3 and word not in contracted and bool(singular & content)

    return frozenset({w for w in words if not is_content(w)} | set(STOP_WORDS))


def write_english_function_words() -> None:
    words = sorted(english_function_words())
    header = (
        "# English stop words: function words only (decision 0085). Written by\n"
        "# cocreate.clustering.labels.write_english_function_words(); do not edit by hand.\n"
    )
    ENGLISH_FUNCTION_WORDS_FILE.write_text(header + "\n".join(words) + "\n", encoding="utf-8")


_THREAD_STEMMERS = threading.local()


class _NoStemmer:
    @staticmethod
    def stemWord(word: str) -> str:  # noqa: N802 (snowballstemmer's name)
        return word


def _stemmer(language: str):
    """One stemmer per thread and language: a Snowball stemmer keeps state while it works,
    and Streamlit runs sessions on several threads."""
    import snowballstemmer

    stemmers = _THREAD_STEMMERS.__dict__
    if language not in stemmers:
        name = SNOWBALL.get(language)
        stemmers[language] = snowballstemmer.stemmer(name) if name else _NoStemmer()
    return stemmers[language]


@lru_cache(maxsize=200_000)
def _key(language: str, surface: str) -> str:
    """Stem of the accented word, then folded; a plural -s/-x Snowball leaves ("vélos") goes.
    Cached: the pure-Python stemmer was most of the keyword time on large imports."""
    return _singular(fold(_stemmer(language).stemWord(surface.casefold())))


@lru_cache(maxsize=200_000)
def _word(language: str, word: str) -> tuple[str, int] | None:
    """(stem key, length of an elided article to skip) of a word; ``None`` for a stop word.
    Cached: ideas repeat their words, and this was most of the keyword time."""
    elided = ELISION.match(word)
    skip = elided.end() if elided else 0
    surface = word[skip:]
    folded = fold(surface)
    if len(folded) < MIN_WORD_LENGTH or folded in stop_words(language):
        return None
    return _key(language, surface), skip


# markup and formulas: tags, entities, and words with a digit ("19ème") or a markup sign
# inside ("Alert(1)</script", "calc'!a0") once the punctuation around them is set aside
TAG = re.compile(r"<[^>]{0,200}>|&#?\w{1,8};")
JUNK_SIGN = re.compile(r"[\d<>{}\[\]=()!$\\|@#*^~/+%_]")
# an acronym with a number is a word, not a formula nor an ordinal ("CO2-Steuer", "PM10")
ACRONYM_WITH_NUMBER = re.compile(r"[A-Z]{2,5}\d{1,3}(?:-[^\W\d_]+)*")
EDGE_PUNCTUATION = "\"'«»“”‘’.,;:!?()[]"
# what breaks a phrase: sentence punctuation, brackets, and the markup blanked out
BREAK = re.compile(r"[.,;:!?()\[\]\n\x00«»\"“”]")


# a list's bullet at a line's start ("-Souhait", "•Arbres", "*Bancs"): no part of the word
LIST_BULLET = re.compile(r"(?m)^([ \t]*)([-–—•*·▪►‣◦✓✔→>+]+)")


@lru_cache(maxsize=50_000)
def _clean(text: str) -> str:
    """The text with markup and formula fragments blanked (same length, so offsets hold)."""
    text = TAG.sub(lambda m: "\x00" * len(m.group()), text)
    text = LIST_BULLET.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
    parts = re.split(r"(\s+)", text)
    for n, part in enumerate(parts):
        core = part.strip(EDGE_PUNCTUATION)
        if core and JUNK_SIGN.search(core) and not ACRONYM_WITH_NUMBER.fullmatch(core):
            parts[n] = "\x00" * len(part)
    return "".join(parts)


def _tokens(text: str, language: str) -> list[tuple[str, str, int, int] | None]:
    """(stem key, surface, start, end) per content word; ``None`` where a stop word,
    punctuation or blanked markup breaks the sequence (so bigrams only join neighbours)."""
    found: list[tuple[str, str, int, int] | None] = []
    text = _clean(text)
    last_end = 0
    for match in WORD.finditer(text):
        word = match.group()
        if BREAK.search(text, last_end, match.start()) and found and found[-1] is not None:
            found.append(None)
        last_end = match.end()
        known = _word(language, word)
        if known is None:
            found.append(None)
        else:
            key, skip = known
            found.append((key, word[skip:], match.start() + skip, match.end()))
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
    in all groups)); a single word already inside a chosen two-word keyword is skipped, and
    a two-word keyword replaces its words already chosen (both, or one it is most uses of).
    When ``languages`` are given, the keywords written in the group's main language come
    first, so a label made of the first ones does not mix French and English words."""
    language_of = [((languages[i] if languages else None) or "fr") for i in range(len(texts))]
    group_languages: dict[int, Counter] = defaultdict(Counter)
    for group, language in zip(labels, language_of, strict=True):
        group_languages[int(group)][language] += 1
    mixed = {group for group, seen in group_languages.items() if len(seen) > 1}
    # flat lists counted once by Counter (a C loop) rather than three updates per term
    group_keys: dict[int, list[str]] = defaultdict(list)
    written: list[tuple[str, str]] = []  # (term, as written)
    term_language_rows: list[tuple[int, str, str]] = []  # (group, term, language), mixed groups
    for text, group, language in zip(texts, labels, language_of, strict=True):
        terms = _terms(text, language)
        group_keys[int(group)].extend(key for key, _ in terms)
        written.extend(terms)
        if int(group) in mixed:
            term_language_rows.extend((int(group), key, language) for key, _ in terms)
    counts = {group: Counter(keys) for group, keys in group_keys.items() if keys}
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
            inside = [w for w in words if w in chosen] if len(words) == 2 else []
            # "school streets" takes the place of "school" and "street" when both are chosen,
            # "repair café" that of "repair" when it is most of its uses (a rarer phrase,
            # "vélo électrique" beside "vélo", is listed after it instead)
            if inside and (len(inside) == 2 or 2 * group_counts[key] >= group_counts[inside[0]]):
                at = min(chosen.index(w) for w in inside)
                chosen = [c for c in chosen if c not in inside]
                chosen.insert(at, key)
            else:
                chosen.append(key)
            if len(chosen) == top_n:
                break
        keywords[group] = chosen
    # in a group of several languages, its main language's keywords first
    wanted = {(group, key) for group in mixed for key in keywords[group]}
    term_languages: dict[tuple[int, str], Counter] = {pair: Counter() for pair in wanted}
    for (group, key, language), n in Counter(term_language_rows).items():
        if (group, key) in wanted:
            term_languages[group, key][language] += n
    for group in mixed:
        main = group_languages[group].most_common(1)[0][0]
        keywords[group].sort(
            key=lambda key: term_languages[group, key].most_common(1)[0][0] != main
        )
    # each keyword shown as most often written, among the keywords chosen only
    shown = {key for chosen in keywords.values() for key in chosen}
    surfaces: dict[str, Counter] = {key: Counter() for key in shown}
    for (key, surface), n in Counter(written).items():
        if key in shown:
            surfaces[key][surface.lower() if not surface.isupper() else surface] += n
    return {
        group: _distinct(surfaces[key].most_common(1)[0][0] for key in chosen)
        for group, chosen in keywords.items()
    }


def _distinct(words) -> list[str]:
    """Each written form once: French and English stems of one word ("café") can differ."""
    seen: dict[str, str] = {}
    for word in words:
        seen.setdefault(word.casefold(), word)
    return list(seen.values())


def _singular(folded: str) -> str:
    return folded[:-1] if len(folded) > 3 and folded[-1] in "sx" else folded


def label_from_keywords(keywords: Sequence[str], max_words: int = 2) -> str:
    """A short label: the first keywords, joined, first letter capitalised; a keyword that
    repeats a word already in the label is passed over ("Vélo · vélo électrique")."""
    parts: list[str] = []
    used: set[str] = set()
    for keyword in keywords:
        words = {_singular(fold(word)) for word in keyword.split()}
        if words & used:
            continue
        parts.append(keyword)
        used |= words
        if len(parts) == max_words:
            break
    if not parts:
        return ""
    label = " · ".join(parts)
    return label[0].upper() + label[1:]


def representative_members(
    X: np.ndarray, labels: np.ndarray, centers: np.ndarray, *, top: int = 3
) -> dict[int, list[int]]:
    """Row indices of the ``top`` ideas closest to each group's centre."""
    from cocreate.clustering.clusterer import normalise_rows

    unit = normalise_rows(X)
    found: dict[int, list[int]] = {}
    for group in np.unique(labels):
        members = np.flatnonzero(labels == group)
        scores = unit[members] @ centers[group]
        found[int(group)] = members[np.argsort(-scores, kind="stable")[:top]].tolist()
    return found
