"""Names a city would print for groups and themes: short noun phrases in the ideas' language.

Candidates are noun phrases of the texts nearest each group's centre: for French, spaCy's
``fr_core_news_md`` tags and lemmatises (a noun or proper noun, its adjectives and a "de"
complement: "pistes cyclables", "qualité de l'air", "Champ-de-Mars"); for other languages,
runs of content words between stop words and punctuation, compared by their ``simplemma``
lemma (German phrases must end on a capitalised noun, English ones on a word WordNet knows as
a noun or does not know: "peaceful", "exist" end none). The best candidates by class-based
TF-IDF over the groups (BERTopic's c-TF-IDF on document frequencies) are ranked, with an
embedder, KeyBERTInspired-style: the cosine of the phrase to the mean of the group's most
representative texts (a person's name loses, a place holding the group wins); a second phrase
is picked by maximal marginal relevance. A phrase seen only inside a longer one is a fragment.
Candidates and phrase vectors are kept per process (the themes reuse the groups' reading).
Words of ``templates/stopwords/never-in-names.txt`` never appear; markup, formulas and ordinals are
blanked before reading (``labels._clean``). Proper nouns keep their capitals; a group held by
a place is named for the place, a theme (``places=False``) for what its groups share.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import islice

import numpy as np

from cocreate.clustering.labels import (
    STOPWORDS_DIR,
    WORD,
    _clean,
    _tokens,
    fold,
    stop_words,
)

__all__ = [
    "GroupName",
    "name_groups",
    "never_in_names",
    "forbidden_in_names",
    "holds_forbidden",
    "french_pipeline",
    "reading_languages",
]

# texts nearest the centre read per group, and characters read of each (bound the tagger's
# time whatever the size of the set and of the texts)
NAME_SAMPLE = 24
READ_CHARS = 400
# best c-TF-IDF candidates (the filter) ranked by their embedding, per group
CANDIDATES = 15
# texts nearest the centre whose mean is the group's topic (BERTopic's KeyBERTInspired default)
REPRESENTATIVE = 5
# a proper noun that does not hold the group (a person's name, most often) loses this cosine;
# a place that holds it gains PLACE_BONUS (the name says the place)
PROPER_PENALTY = 0.1
PLACE_BONUS = 0.2
# weight of the likeness to the first pick when choosing the second (maximal marginal relevance)
MMR_DIVERSITY = 0.7
# two phrases this close (cosine) say the same thing, e.g. in two languages
SAME_MEANING = 0.8
# second phrases tried beside a one-word first; the whole name nearest its group's topic and
# farthest from the nearest other group's (a margin) is kept
SECOND_OPTIONS = 4
# a language detected in fewer texts than this share is read as the texts' main language
MIN_LANGUAGE_SHARE = 0.05
CANDIDATE_CACHE_SIZE = 50_000
PHRASE_CACHE_SIZE = 50_000
_CANDIDATE_CACHE: dict[tuple[str, str], list[tuple[str, str, bool]]] = {}
_PHRASE_VECTORS: dict[tuple, np.ndarray] = {}
MAX_PHRASE_WORDS = 3
# a word capitalised in at least this share of its uses is a proper noun (keeps capitals)
PROPER_SHARE = 0.7
# a word in capitals this long or shorter is an acronym ("SNCF"); longer, it is shouted
ACRONYM_LETTERS = 4
# the longest case ending a Finnish base form drops ("kirjastoissa": "kirjasto"); a lemma
# shorter still is a compound cut short by the lemmatiser
MAX_ENDING_LETTERS = 4
# a place named in this share of a group's texts holds the group: the name says the place
PLACE_SHARE = 0.4
NEVER_FILE = STOPWORDS_DIR / "never-in-names.txt"
# ordinal debris left by numbers written with their suffix ("19 ème", "3 rd")
ORDINALS = frozenset({"eme", "ème", "er", "ere", "ieme", "th", "st", "nd", "rd", "te", "ten"})
# closed-class words the stop lists miss (German adverbs and modal forms)
_GERMAN_ADVERBS = (
    "ganz mehr weniger darf dürfen bitte sehr immer wieder schon gerne endlich überall"
    " einfach wirklich genau eigentlich natürlich leider vielleicht unbedingt"
)
EXTRA_FUNCTION_WORDS = {"de": frozenset(_GERMAN_ADVERBS.split())}
# English verbs people open proposals with ("Identify ...", "continue to ..."): no tagger for
# English, so a closed list and the verb suffixes -ify / -ize; a phrase never starts on one
_ENGLISH_VERBS = (
    "identify continue ensure improve increase reduce allow provide create support keep stop"
    " ban give let help encourage promote require remove add build develop invest protect"
    " consider implement establish maintain raise lower limit prevent introduce replace put"
    " take bring become seem think believe feel know want need like agree disagree say see"
    " go come get include make use start end try focus address tackle find offer change"
)
ENGLISH_VERBS = frozenset(_ENGLISH_VERBS.split())
VERB_SUFFIXES = ("ify", "ize", "izes", "ifies")
# keyboard rows (QWERTY, QWERTZ, AZERTY): 4+ letters along one is mashing, not a word
KEYBOARD_ROWS = ("qwertyuiop", "qwertzuiop", "azertyuiop", "asdfghjkl", "qsdfghjklm", "zxcvbnm")
# the left edge of a keyboard row, where mashing starts; in no word of these languages
MASHING_STARTS = ("asdf", "qwer", "qsdf", "zxcv", "wxcv")
HOME_ROW, HOME_ROW_SHARE = frozenset("asdfghjkl"), 0.7
LEXICON_LANGUAGES = ("fr", "en", "de", "es", "fi")
VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüœæåø")
# a group's texts naming a phrase this often makes it common in the group; common in this
# share of the groups (of 4 or more), it names none of them ("Projet", "Paris" on Paris data)
COMMON_IN_GROUP = 0.1
COMMON_GROUP_SHARE = 0.5


@dataclass
class GroupName:
    label: str
    keywords: list[str]


@lru_cache(maxsize=1)
def never_in_names() -> frozenset[str]:
    """The user-editable list of words never to put in a name, folded."""
    if not NEVER_FILE.is_file():
        return frozenset()
    lines = NEVER_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines if line.strip() and line[0] != "#")


def forbidden_in_names(store) -> frozenset[str]:
    """The words staff forbade in names (``Store.words_never_in_names``), folded. The
    installed list needs no passing on: no phrase is read with one of its words."""
    return frozenset(row["word"] for row in store.words_never_in_names())


def holds_forbidden(phrase: str, never: Collection[str], key: str = "") -> bool:
    """A phrase holding a forbidden word (folded ``never``), as written or in its lemma
    ``key``; a hyphenated or elided word is read in its parts too."""
    words = set(key.split()) | {fold(w) for w in WORD.findall(phrase)}
    return any(w in never or any(p in never for p in re.split(r"['’-]", w)) for w in words)


@lru_cache(maxsize=1)
def french_pipeline():
    """spaCy's French tagger and lemmatiser, loaded once (None when not installed)."""
    try:
        import spacy

        nlp = spacy.load("fr_core_news_md", exclude=["parser", "ner", "senter"])
    except (ImportError, OSError):
        return None
    # the rule lemmatiser tests words against lists of up to 66k words: sets, 100x faster
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    for part_of_speech, words in list(index.items()):
        index[part_of_speech] = frozenset(words)
    return nlp


@lru_cache(maxsize=100_000)
def _lemma(language: str, word: str) -> str:
    import simplemma

    try:
        return fold(simplemma.lemmatize(word, lang=language))
    except ValueError:  # a language simplemma lacks
        return fold(word)


def gibberish(word: str) -> bool:
    """Keyboard mashing, in any letters-only part of ``word``: no vowel in 4+ letters or 6
    consonants in a row (acronyms aside), a letter 3 times running, 5 letters along a keyboard
    row ("qwerty"), a row's left edge ("asdf..."), one chunk repeated ("asdfasdf", "hahaha"),
    or mostly home-row letters in a word no lexicon knows ("aisjdfiojsdf")."""
    return any(_mashed(part) for part in re.findall(r"[^\W\d_]+", word))


@lru_cache(maxsize=100_000)
def _mashed(word: str) -> bool:
    letters = word.lower()
    run = longest = 0
    for ch in re.sub("sch|ch|ph|th|ck", "S", letters):
        run = 0 if ch in VOWELS else run + 1
        longest = max(longest, run)
    acronym = word.isupper()  # "SNCF", "BVG": capitals stand for words
    if (
        (not acronym and len(letters) >= 4 and not set(letters) & VOWELS)
        or (not acronym and longest >= 6)
        or any(ch * 3 in letters for ch in set(letters))
        or (len(letters) >= 5 and any(letters in row for row in KEYBOARD_ROWS))
        or any(start in letters for start in MASHING_STARTS)
        or re.fullmatch(r"(.{2,})\1+", letters) is not None
    ):
        return True
    home = sum(ch in HOME_ROW for ch in letters)
    return len(letters) >= 6 and home >= HOME_ROW_SHARE * len(letters) and not _known(letters)


def load_naming_resources() -> None:
    """Load the French tagger and every lexicon naming reads, as the first naming would (a
    benchmark times the naming apart from this one-off load)."""
    french_pipeline()
    for language in INDEXED_LANGUAGES:
        parts_of_speech(language)
    _known("warmup")


def _known(word: str) -> bool:
    import simplemma

    return any(simplemma.is_known(word, lang=lang) for lang in LEXICON_LANGUAGES)


# languages whose parts of speech come from spaCy's lemma index: French from the tagger's own
# table, WordNet's English and Spanish base forms from spacy-lookups-data
INDEXED_LANGUAGES = ("fr", "en", "es")
# French verbs of these endings are made from nouns and adjectives ("végétaliser")
FRENCH_VERB_SUFFIXES = ("iser", "ifier")


@lru_cache(maxsize=len(INDEXED_LANGUAGES))
def parts_of_speech(language: str) -> dict[str, frozenset[str]]:
    """Base forms per part of speech (noun, verb, adj, adv) from spaCy's lemma index; empty
    for another language or when the tables are missing."""
    if language not in INDEXED_LANGUAGES:
        return {}
    try:
        from spacy.lookups import load_lookups
        from spacy.strings import get_string_id

        nlp = french_pipeline() if language == "fr" else None
        if nlp is not None:
            index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        else:
            index = load_lookups(language, ["lemma_index"]).get_table("lemma_index")
    except (ImportError, ValueError, OSError):
        return {}
    return {
        pos: frozenset(index.get(get_string_id(pos), ())) for pos in ("noun", "verb", "adj", "adv")
    }


@lru_cache(maxsize=100_000)
def _parts_of(word: str, language: str) -> frozenset[str]:
    """The parts of speech the index gives the word, its folded form or its lemma."""
    forms = {word.lower(), fold(word), simplemma_lemma(word, language).lower()}
    index = parts_of_speech(language)
    return frozenset(pos for pos, words in index.items() if forms & words)


def verb_only(word: str, language: str) -> bool:
    """A word the index knows as a verb and neither as a noun nor an adjective ("restore",
    "plantar"); a gerund ("legalizing") names a thing and is none."""
    if language == "en" and word.lower().endswith("ing"):
        return False
    parts = _parts_of(word, language)
    return "verb" in parts and not parts & {"noun", "adj"}


def french_verb(word: str) -> bool:
    """A French word the tagger's lemma lists know as a verb and not as a noun ("rénover"), or
    an "-iser" / "-ifier" infinitive that is no noun ("végétaliser")."""
    parts = _parts_of(word, "fr")
    return "noun" not in parts and ("verb" in parts or word.lower().endswith(FRENCH_VERB_SUFFIXES))


def english_non_noun(word: str) -> bool:
    """A word WordNet knows, but never as a noun ("peaceful", "exist", "confusing")."""
    parts = _parts_of(word, "en")
    return bool(parts) and "noun" not in parts


def english_verb(word: str) -> bool:
    """A verb that opens a proposal ("Identify ...", "Restore ..."): the closed list, the
    suffixes, or a word WordNet knows as a verb and neither as a noun nor an adjective."""
    folded = fold(word)
    return folded in ENGLISH_VERBS or folded.endswith(VERB_SUFFIXES) or verb_only(word, "en")


@lru_cache(maxsize=100_000)
def _german_non_noun(word: str) -> bool:
    """A German word whose lemma is written in lower case is no noun (German nouns are
    capitalised): an adverb or a verb written at a sentence's start ("Ganz") or in capitals
    ("DARF")."""
    import simplemma

    lemma = simplemma.lemmatize(word, lang="de")
    return lemma[:1].islower()


@lru_cache(maxsize=100_000)
def simplemma_lemma(word: str, language: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang=language)


def _finnish_genitive(word: str) -> bool:
    """A Finnish word in the genitive (or the accusative, written alike): "-n" on a word that
    is not its own lemma ("urheilukentän" of "urheilukenttä")."""
    lowered = word.lower()
    return lowered.endswith("n") and simplemma_lemma(word, "fi").lower() != lowered


def _base_form(word: str, language: str) -> str:
    """The word's lemma, capitalised as written ("Keskuspuistoon": "Keskuspuisto"); the word
    itself when the lemma cut a compound short ("Pitäjänmäen" is not "pitäjä")."""
    lemma = simplemma_lemma(word, language)
    if len(lemma) < len(word) - MAX_ENDING_LETTERS:
        return word
    return lemma[:1].upper() + lemma[1:] if word[:1].isupper() else lemma


@lru_cache(maxsize=100_000)
def _german_adjective(word: str) -> bool:
    """A lower-case German word before a noun is kept when inflected like an adjective
    ("öffentlicher", "neue"), not a verb ("braucht", "fahren": lemma an infinitive)."""
    lemma = simplemma_lemma(word, "de")
    verb = lemma.endswith(("en", "ern", "eln")) and lemma[:1].islower()
    return word.endswith(("e", "er", "es", "en", "em")) and not verb


@lru_cache(maxsize=100_000)
def _genitive(word: str, language: str) -> bool:
    """A German noun in the genitive ("Verkehrs" of "Verkehr"): it hangs off a noun before it,
    so a phrase ending on it is debris of a longer one ("LKW Verkehrs")."""
    import simplemma

    lemma = simplemma.lemmatize(word, lang=language)
    return lemma != word and word in (lemma + "s", lemma + "es")


@lru_cache(maxsize=100_000)
def _usable(word: str, language: str) -> bool:
    # the stop lists write contractions with a straight apostrophe ("it's"), phones a curly one
    folded = fold(word).replace("’", "'")
    return (
        len(folded) >= 2
        and folded not in stop_words(language)
        and folded not in EXTRA_FUNCTION_WORDS.get(language, ())
        and not gibberish(word)
        and folded not in ORDINALS
        and folded not in never_in_names()
        and not any(part in never_in_names() for part in folded.split("-"))
    )


def _french_phrases(texts: list[str]) -> list[list[tuple[str, str, bool]]]:
    """(lemma key, surface, proper) candidates per text, from spaCy's parts of speech."""
    nlp = french_pipeline()
    found = []
    cleaned = [_clean(t).replace("\x00", " ; ") for t in texts]
    for doc in nlp.pipe(cleaned, batch_size=128):
        _join_hyphenated(doc)
        # Doc.text joins every token on each read: read it once per text
        text = doc.text
        candidates = []
        tokens = list(doc)
        for start, token in enumerate(tokens):
            if token.pos_ not in ("NOUN", "PROPN") or not _usable(token.text, "fr"):
                continue
            if french_verb(token.text):  # "Végétaliser les murs": an infinitive read as a noun
                continue
            # the head alone, then with each following adjective / noun / "de" complement
            words = [token]
            surface_end = token.idx + len(token.text)
            candidates.append(_french_candidate(text, words, token.idx, surface_end))
            i = start + 1
            while i < len(tokens) and len(words) < MAX_PHRASE_WORDS:
                nxt = tokens[i]
                if nxt.pos_ in ("ADJ", "NOUN", "PROPN") and _usable(nxt.text, "fr"):
                    words.append(nxt)
                    i += 1
                elif nxt.lower_ in ("de", "d'", "d’", "du", "des") and i + 1 < len(tokens):
                    j = i + 1
                    if tokens[j].pos_ == "DET" and j + 1 < len(tokens):
                        # "de nos quartiers", "de cette rue" point at the writer's
                        # surroundings, not at a thing: only an article joins a complement
                        if "Art" not in tokens[j].morph.get("PronType"):
                            break
                        j += 1
                    if tokens[j].pos_ in ("NOUN", "PROPN") and _usable(tokens[j].text, "fr"):
                        words.append(tokens[j])
                        i = j + 1
                    else:
                        break
                else:
                    break
                last = words[-1]
                candidates.append(
                    _french_candidate(text, words, token.idx, last.idx + len(last.text))
                )
        found.append(candidates)
    return found


def _join_hyphenated(doc) -> None:
    """One token for a hyphenated name the tokenizer cut ("Buttes - Chaumont"), a proper
    noun when a part is capitalised."""
    from spacy.util import filter_spans

    spans, i = [], 1
    while i < len(doc) - 1:
        start = i - 1
        # word-word(-word...) with no space around the hyphens
        while (
            i < len(doc) - 1
            and doc[i].text == "-"
            and not doc[i - 1].whitespace_
            and not doc[i].whitespace_
            and doc[i + 1].is_alpha
        ):
            i += 2
        if i - 1 > start:
            spans.append(doc[start:i])
        i += 1
    spans = filter_spans(spans)
    with doc.retokenize() as retokenizer:
        for span in spans:
            proper = any(t.text[:1].isupper() for t in span)
            pos = "PROPN" if proper else span.root.pos_
            retokenizer.merge(span, attrs={"POS": pos, "LEMMA": span.text})


def _french_candidate(text: str, words, start: int, end: int) -> tuple[str, str, bool]:
    key = " ".join(fold(w.lemma_ or w.text) for w in words)
    surface = text[start:end]
    return key, surface, all(w.pos_ == "PROPN" for w in words)


def _other_phrases(texts: list[str], languages: list[str]) -> list[list[tuple[str, str, bool]]]:
    """Candidates from runs of content words (``labels._tokens`` boundaries), lemma keys."""
    found = []
    for text, language in zip(texts, languages, strict=True):
        tokens = _tokens(text, language)
        runs: list[list[tuple[str, str, int, int]]] = [[]]
        for token in tokens:
            if token is None or not _usable(token[1], language):
                runs.append([])
            else:
                runs[-1].append(token)
        candidates = []
        for run in runs:
            for start in range(len(run)):
                for size in range(1, MAX_PHRASE_WORDS + 1):
                    part = run[start : start + size]
                    if len(part) < size:
                        break
                    # German nouns are capitalised: a phrase ends on one, not on a capitalised
                    # adverb or verb, nor on a genitive after another noun; no phrase starts
                    # on a word capitalised at a sentence's start that is no noun
                    if language == "de" and (
                        not part[-1][1][:1].isupper()
                        or _german_non_noun(part[-1][1])
                        or (size > 1 and _genitive(part[-1][1], language))
                        or (part[0][1][:1].isupper() and _german_non_noun(part[0][1]))
                        or any(not _german_adjective(t[1]) for t in part[:-1] if t[1].islower())
                    ):
                        continue
                    if language == "en" and (
                        english_verb(part[0][1]) or english_non_noun(part[-1][1])
                    ):
                        continue
                    if language == "es" and verb_only(part[0][1], "es"):  # "Plantar árboles"
                        continue
                    # a Finnish genitive qualifies the noun after it: a phrase ending on one
                    # lost its head ("Pitäjänmäen urheilukentän [kunnostus]")
                    if language == "fi" and size > 1 and _finnish_genitive(part[-1][1]):
                        continue
                    key = " ".join(_lemma(language, t[1]) for t in part)
                    surface = text[part[0][2] : part[-1][3]]
                    if language == "de" and size == 1 and _genitive(surface, language):
                        surface = simplemma_lemma(surface, language)  # "Verkehrs": "Verkehr"
                    # a Finnish word alone in its base form ("Helsinkiin": "Helsinki"); in a
                    # phrase its case may be what the phrase says ("Kenttä vihdoin kuntoon")
                    if language == "fi" and size == 1:
                        surface = _base_form(surface, "fi")
                    proper = language != "de" and all(t[1][:1].isupper() for t in part)
                    candidates.append((key, surface, proper))
        found.append(candidates)
    return found


def _shouted(form: str) -> bool:
    """Typed in capitals ("APARCAMIENTO REGULADO"), not an acronym ("SNCF", "EMT")."""
    return form.isupper() and any(len(word) > ACRONYM_LETTERS for word in form.split())


def _shown(forms: Counter, language: str) -> str:
    """The form people wrote most, lower case unless a proper noun (capitalised in most
    uses, or with a capital inside: "Champ-de-Mars") or German; a form typed in capitals
    gives way to another spelling, else is lowered (its acronyms kept)."""
    written = forms.most_common(1)[0][0]
    if _shouted(written):
        quieter = [form for form, _ in forms.most_common() if not _shouted(form)]
        written = (
            quieter[0]
            if quieter
            else " ".join(
                _quieter(word, language)
                if len(word) > ACRONYM_LETTERS or fold(word) in stop_words(language)
                else word
                for word in written.split(" ")
            )
        )
    # a name typed in capitals inside a phrase: "barrio LUCERO", "barrio Lucero"
    written = " ".join(_spoken(word) if _shouted(word) else word for word in written.split(" "))
    written = _accented(written, forms, language)
    total = sum(forms.values())
    capitalised = sum(n for form, n in forms.items() if form[:1].isupper())
    inner = any(ch.isupper() for ch in written[1:])
    if language == "de" or inner or capitalised >= PROPER_SHARE * total:
        return written
    return written.lower()


def _accented(written: str, forms: Counter, language: str) -> str:
    """``written`` with the accents another writer gave the same words ("Arboles":
    "Árboles", "Tetuan": "Tetuán"): phones make accents easy to leave out, not to add. A
    word of the language as written stays ("retraite" is no "retraité")."""
    plain = fold(written)

    def marks(form: str) -> int:
        return sum(1 for ch in unicodedata.normalize("NFD", form) if unicodedata.combining(ch))

    variants = [f for f in forms if len(f) == len(written) and fold(f) == plain]
    best = max(variants, key=lambda f: (marks(f), forms[f]), default=written)
    if marks(best) <= marks(written):
        return written
    words = []
    for old, new in zip(written.split(" "), best.split(" "), strict=True):
        if marks(new) > marks(old) and not _is_word(old.lower(), language):
            old = "".join(
                n.upper() if o.isupper() else n.lower() for o, n in zip(old, new, strict=True)
            )
        words.append(old)
    return " ".join(words)


@lru_cache(maxsize=100_000)
def _is_word(word: str, language: str) -> bool:
    import simplemma

    return language in LEXICON_LANGUAGES and simplemma.is_known(word, lang=language)


def _quieter(word: str, language: str) -> str:
    """A word typed in capitals, lowered; a German noun keeps its capital ("AUTOBAHNEN":
    "Autobahnen", its lemma "Autobahn" being capitalised)."""
    lowered = word.lower()
    if language == "de" and simplemma_lemma(lowered, "de")[:1].isupper():
        return lowered[:1].upper() + lowered[1:]
    return lowered


def _spoken(word: str) -> str:
    """A name typed in capitals, as a name is written ("SAINT-SULPICE": "Saint-Sulpice")."""
    return "-".join(part.capitalize() for part in word.split("-"))


def _capitalised(label: str) -> str:
    return label[:1].upper() + label[1:] if label else label


def reading_languages(languages: Sequence[str | None], default: str = "fr") -> list[str]:
    """Each text's language for naming: a language detected in fewer than
    ``MIN_LANGUAGE_SHARE`` of the texts (short texts misread as Portuguese or Dutch) counts as
    the most common one, so a stray guess loads no lemma dictionary and splits no phrase."""
    found = [language or default for language in languages]
    counts = Counter(found)
    if not counts:
        return found
    main = counts.most_common(1)[0][0]
    kept = {lang for lang, n in counts.items() if n >= MIN_LANGUAGE_SHARE * len(found)}
    return [lang if lang in kept else main for lang in found]


def _read(text: str) -> str:
    """The start of a text the tagger reads, cut on a word boundary (no truncated phrase)."""
    if len(text) <= READ_CHARS:
        return text
    cut = text[:READ_CHARS]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    return cut[:space] if space > 0 else cut


def _candidates(texts: list[str], languages: list[str]) -> list[list[tuple[str, str, bool]]]:
    """Candidate phrases per text, read once per (language, text) in this process: a group's
    texts are read again when its theme is named, and on the next clustering."""
    french = french_pipeline() is not None
    keys = [
        (language if language == "fr" and french else f"~{language}", _read(text))
        for text, language in zip(texts, languages, strict=True)
    ]
    missing = list(dict.fromkeys(k for k in keys if k not in _CANDIDATE_CACHE))
    if len(_CANDIDATE_CACHE) + len(missing) > CANDIDATE_CACHE_SIZE:
        _CANDIDATE_CACHE.clear()
    spacy_keys = [k for k in missing if k[0] == "fr"]
    other_keys = [k for k in missing if k[0] != "fr"]
    if spacy_keys:
        found = _french_phrases([text for _, text in spacy_keys])
        _CANDIDATE_CACHE.update(zip(spacy_keys, found, strict=True))
    if other_keys:
        found = _other_phrases([t for _, t in other_keys], [lang[1:] for lang, _ in other_keys])
        _CANDIDATE_CACHE.update(zip(other_keys, found, strict=True))
    return [_CANDIDATE_CACHE[k] for k in keys]


def _phrase_vectors(embedder, phrases: list[str]) -> np.ndarray:
    """Unit vectors of phrases, each embedded once per model in this process."""
    model = getattr(embedder, "model_id", id(embedder))
    missing = list(dict.fromkeys(p for p in phrases if (model, p) not in _PHRASE_VECTORS))
    if missing:
        if len(_PHRASE_VECTORS) + len(missing) > PHRASE_CACHE_SIZE:
            _PHRASE_VECTORS.clear()
        vectors = np.asarray(embedder.encode(missing), dtype=np.float32)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        _PHRASE_VECTORS.update(((model, p), v) for p, v in zip(missing, vectors, strict=True))
    return np.vstack([_PHRASE_VECTORS[(model, p)] for p in phrases])


def name_groups(
    texts: Sequence[str],
    labels: Sequence[int],
    *,
    languages: Sequence[str | None] | None = None,
    vectors: np.ndarray | None = None,
    centres: np.ndarray | None = None,
    embedder=None,
    places: bool = True,
    top_n: int = 6,
    never: Collection[str] = (),
) -> dict[int, GroupName]:
    """A name and keywords per group of ``labels``.

    ``vectors`` (unit rows) and ``centres`` pick the texts read (nearest the centre first);
    with an ``embedder`` too, the best c-TF-IDF candidates are ranked by their cosine to the
    mean of the group's most representative texts (KeyBERTInspired); without them, the first
    texts are read and c-TF-IDF alone decides. ``places=False`` (themes) skips
    proper-noun-only candidates. ``never``: folded words staff forbid beside the installed
    list (:func:`forbidden_in_names`); no name or keyword holds one."""
    labels = np.asarray(labels)
    n = len(texts)
    language_of = reading_languages([languages[i] for i in range(n)] if languages else [None] * n)
    groups = sorted({int(g) for g in labels})
    sample: dict[int, list[int]] = {}
    for group in groups:
        members = np.flatnonzero(labels == group)
        if vectors is not None and centres is not None:
            order = np.argsort(-(vectors[members] @ centres[group]), kind="stable")
            members = members[order]
        sample[group] = members[:NAME_SAMPLE].tolist()
    read = sorted(i for members in sample.values() for i in members)
    found = _candidates([texts[i] for i in read], [language_of[i] for i in read])
    if never:
        never = frozenset(never)
        found = [[c for c in one if not holds_forbidden(c[1], never, c[0])] for one in found]
    candidates = dict(zip(read, found, strict=True))

    df: dict[int, Counter] = {}
    forms: dict[str, Counter] = defaultdict(Counter)
    proper_votes: dict[str, Counter] = defaultdict(Counter)
    key_language: dict[str, Counter] = defaultdict(Counter)
    for group in groups:
        counts: Counter = Counter()
        for i in sample[group]:
            keys = set()
            for key, surface, proper in candidates[i]:
                keys.add(key)
                forms[key][surface] += 1
                proper_votes[key][proper] += 1
                key_language[key][language_of[i]] += 1
            counts.update(keys)
        df[group] = counts
    totals: Counter = Counter()
    for counts in df.values():
        totals.update(counts)
    average = sum(len(sample[g]) for g in groups) / max(1, len(groups))

    def is_place(key: str) -> bool:
        return proper_votes[key][True] > proper_votes[key][False]

    # c-TF-IDF's idea taken further: a phrase common in most groups tells none apart
    spread: Counter = Counter()
    for group in groups:
        size = max(1, len(sample[group]))
        spread.update(k for k, c in df[group].items() if c >= COMMON_IN_GROUP * size and c >= 2)
    everywhere = (
        {k for k, n in spread.items() if n >= COMMON_GROUP_SHARE * len(groups)}
        if len(groups) >= 4
        else set()
    )

    scored: dict[int, list[tuple[float, str]]] = {}
    held_by_place: dict[int, set[str]] = {}
    common: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for group in groups:
        size = max(1, len(sample[group]))
        counts = _whole_phrases(df[group])
        need = 2 if size >= 5 else 1
        rows = []
        held_by_place[group] = set()
        for key, count in counts.items():
            if count < need or (not places and is_place(key)):
                continue
            if key in everywhere:
                common[group].append((count, key))
                continue
            tf = count / size
            score = tf * math.log(1 + average / totals[key])
            # a place most of the group names holds the group together
            if places and is_place(key) and tf >= PLACE_SHARE:
                score *= 2
                held_by_place[group].add(key)
            rows.append((score * (1 + 0.2 * key.count(" ")), key))
        if not rows:  # nothing repeats: the best single mentions
            rows = [(c / size, k) for k, c in counts.items() if places or not is_place(k)]
        rows.sort(key=lambda r: (-r[0], r[1]))
        scored[group] = rows[: max(CANDIDATES, top_n)]

    picks, echoes, topics = None, {}, {}
    if embedder is not None and vectors is not None:
        means = {g: vectors[sample[g][:REPRESENTATIVE]].mean(axis=0) for g in groups if sample[g]}
        topics = {g: t / max(float(np.linalg.norm(t)), 1e-12) for g, t in means.items()}
        picks, echoes = _by_topic(scored, forms, topics, embedder, is_place, held_by_place)
    names: dict[int, GroupName] = {}
    heads: set[str] = set()
    pairs: set[frozenset[str]] = set()
    # two groups never open with the same phrase: the larger keeps it, the other its next best
    size_of = Counter(labels.tolist())

    def language(key: str) -> str:
        return key_language[key].most_common(1)[0][0]

    def shown(keys: list[str]) -> list[str]:
        return [_shown(forms[k], language(k)) for k in keys]

    for group in sorted(groups, key=lambda g: (-size_of[g], g)):
        keys = [key for _, key in scored[group]]
        if picks is not None and picks.get(group):
            keys = picks[group] + [k for k in keys if k not in picks[group]]
        keys = _without_repeats(keys)
        if keys and keys[0] in heads:
            fresh = next((k for k in keys[1:] if k not in heads), None)
            if fresh is not None:
                keys.remove(fresh)
                keys.insert(0, fresh)
        heads.update(keys[:1])
        # a phrase common to most groups tells none apart: only a lone name's second half
        named_by = keys
        if len(keys) == 1 and common[group]:
            named_by = _without_repeats(keys + [k for _, k in sorted(common[group], reverse=True)])
        # a name speaks one language: "Loyers · logement", not "Loyers · homes"
        named_by = [k for k in named_by if language(k) == language(named_by[0])]
        # echoes are of the topic's first pick: none when another phrase opens the name
        opened_as_picked = picks is not None and keys[:1] == picks.get(group, [])[:1]
        echo = echoes.get(group, set()) if opened_as_picked else set()
        best_of = None
        if picks is not None and group in topics:
            best_of = partial(_widest_margin, group=group, topics=topics, embedder=embedder)
        label = _label(named_by, shown(named_by), pairs, echo, best_of)
        names[group] = GroupName(label, shown(keys)[:top_n])
    return {group: names[group] for group in groups}


def _whole_phrases(counts: Counter) -> Counter:
    """The group's candidates without those seen only inside a longer one (a fragment:
    "Champ" of "Champ Mars", "qualité" when every text says "qualité de l'air")."""
    # the highest count of a longer phrase holding each run of words: linear in the phrases
    outer: dict[tuple[str, ...], int] = {}
    for longer, count in counts.items():
        words = longer.split()
        for size in range(1, len(words)):
            for i in range(len(words) - size + 1):
                part = tuple(words[i : i + size])
                outer[part] = max(outer.get(part, 0), count)
    return Counter(
        {key: count for key, count in counts.items() if outer.get(tuple(key.split()), 0) < count}
    )


def _without_repeats(keys: list[str]) -> list[str]:
    """Each key once; a key inside an earlier one ("piste" after "piste cyclable") goes."""
    kept: list[str] = []
    for key in keys:
        words = set(key.split())
        if any(words <= set(other.split()) for other in kept):
            continue
        kept.append(key)
    return kept


def _label(
    keys: list[str],
    shown: list[str],
    taken: set[frozenset[str]],
    echoes: set[str],
    best_of: Callable[[list[str]], int] | None = None,
) -> str:
    """The best phrase, alone or with one of the next ``SECOND_OPTIONS`` beside it when it is
    one word ("Vélo · stationnement"): never a pair another group's name already holds
    (recorded in ``taken``) nor the first said again in another language (``echoes``: "Trees",
    "arbres"). ``best_of`` picks among the whole names (index); without it, the first pair."""
    if not keys:
        return ""
    options = [(shown[0], None)]
    if " " not in keys[0]:
        first = set(keys[0].split())
        fresh = (
            (k, s)
            for k, s in zip(keys[1:], shown[1:], strict=True)
            if not set(k.split()) & first
            and k not in echoes
            and frozenset((keys[0], k)) not in taken
        )
        options += [(f"{shown[0]} · {s}", k) for k, s in islice(fresh, SECOND_OPTIONS)]
    texts = [_capitalised(text) for text, _ in options]
    best = 0 if len(options) == 1 else 1 if best_of is None else best_of(texts)
    if options[best][1] is not None:
        taken.add(frozenset((keys[0], options[best][1])))
    return texts[best]


def _widest_margin(texts: list[str], group: int, topics: dict[int, np.ndarray], embedder) -> int:
    """The name whose cosine to its group's topic, less its cosine to the nearest other
    group's topic, is highest: a name tells its group from its neighbours as a whole."""
    vectors = _phrase_vectors(embedder, texts)
    margin = vectors @ topics[group]
    others = [topic for g, topic in topics.items() if g != group]
    if others:
        margin = margin - (vectors @ np.vstack(others).T).max(axis=1)
    return int(np.argmax(margin))


def _by_topic(
    scored, forms, topics, embedder, is_place, held_by_place
) -> tuple[dict[int, list[str]], dict[int, set[str]]]:
    """Per group, its candidates ordered KeyBERTInspired-style: cosine of the phrase to the
    mean of the group's most representative texts; a proper noun (a person, most often) loses
    ``PROPER_PENALTY`` unless a place holds the group; the second pick by maximal marginal
    relevance (close to the topic, unlike the first). Also, per group, its phrases that say the
    first pick again (cosine at least ``SAME_MEANING``)."""
    keys = sorted({key for rows in scored.values() for _, key in rows})
    if not keys:
        return {}, {}
    vectors = _phrase_vectors(embedder, [forms[k].most_common(1)[0][0] for k in keys])
    row_of = {k: i for i, k in enumerate(keys)}
    picks: dict[int, list[str]] = {}
    echoes: dict[int, set[str]] = {}
    for group, rows in scored.items():
        if not rows or group not in topics:
            continue
        topic = topics[group]
        evidence = []
        for _, key in rows:
            value = float(vectors[row_of[key]] @ topic)
            if key in held_by_place[group]:
                value += PLACE_BONUS
            elif is_place(key):
                value -= PROPER_PENALTY
            evidence.append((value, key))
        evidence.sort(key=lambda r: (-r[0], r[1]))
        first = evidence[0][1]
        rest = []
        echoes[group] = set()
        for value, key in evidence[1:]:
            overlap = float(vectors[row_of[key]] @ vectors[row_of[first]])
            rest.append((value - MMR_DIVERSITY * overlap, key))
            # the first pick said again in another language ("Trees", "arbres")
            if overlap >= SAME_MEANING:
                echoes[group].add(key)
        rest.sort(key=lambda r: (-r[0], r[1]))
        picks[group] = [first] + [key for _, key in rest]
    return picks, echoes
