"""People's names: spaCy's named-entity recogniser (a model package that ships its weights,
never downloaded at run time) and a few sure patterns ("Mme Durand", "je m'appelle Léa")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from importlib import metadata

from cocreate.privacy.detectors import Span
from cocreate.privacy.options import fold

__all__ = [
    "NAME_MODELS",
    "name_model",
    "model_versions",
    "find_names_many",
    "first_name_gender",
]

# the model that finds names in each language (decision 0064 measures the English choice)
NAME_MODELS = {"fr": "fr_core_news_md", "en": "fr_core_news_md"}
DEFAULT_NAME_MODEL = "fr_core_news_md"
# the recogniser needs only its own layers: the tagger, parser and lemmatiser cost time
_NER_ONLY = ["parser", "morphologizer", "attribute_ruler", "lemmatizer", "senter"]
PERSON_LABELS = {"PER", "PERSON"}


@cache
def name_model(package: str):
    """The spaCy pipeline ``package``, loaded once per process."""
    import spacy

    return spacy.load(package, exclude=_NER_ONLY)


@lru_cache(maxsize=1)
def model_versions() -> dict[str, str]:
    """``{package: "package version"}`` of the name models installed."""
    found = {}
    for package in set(NAME_MODELS.values()):
        try:
            found[package] = f"{package} {metadata.version(package)}"
        except metadata.PackageNotFoundError:
            found[package] = f"{package} (not installed)"
    return found


# a capitalised name word: "Léa", "Jean-Michel", "O'Connor", "McLeod"
_CAP = (
    r"[A-ZÀ-ÖØ-Þ][a-zà-ÿ]*(?:['’]?[A-ZÀ-ÖØ-Þ][a-zà-ÿ]+)*[a-zà-ÿ]"
    r"(?:-[A-ZÀ-ÖØ-Þ][a-zà-ÿ]+)?"
)
_NAME_WORDS = rf"{_CAP}(?:\s+(?:(?:de|du|van|von|da|di|le|la|d'|mc|o')\s*)?{_CAP}){{0,2}}"
_NAME_WORDS_CAPS = rf"(?:{_CAP}|[A-Z]{{2,}})(?:\s+(?:{_CAP}|[A-Z]{{2,}}(?![a-z]))){{0,2}}"
_TITLES = (
    r"\b(?:M\.|MM\.|Mme\.?|Mmes|Mlle\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Docteur|Doctor|"
    r"Monsieur|Madame|Mademoiselle|Maître|Pr\.?|Professeur|Professor|Sir|Dame|Lady|Lord|"
    r"Père|Father|Sœur|Sister)"
)
# a title then the name, which alone is redacted: "Mme [NAME]"
TITLE = re.compile(rf"{_TITLES}\s+(?P<name>{_NAME_WORDS_CAPS})")
TITLE_BEFORE = re.compile(rf"{_TITLES}\s+$")
# a person giving or signing a name
INTRODUCTION = re.compile(
    r"(?:\b[Jj]e m'appelle|\b[Jj]e m’appelle|\b[Mm]oi,? c'est|\b[Mm]y name is|"
    r"\b[Ss]ign(?:é|ée|ed)|\b[Cc]ordialement|\b[Bb]est regards|\b[Kk]ind regards|"
    r"\b[Rr]egards|\b[Mm]erci d'avance|\b[Bb]ien à vous|\b[Tt]hanks|\b[Cc]heers|"
    r"\b[Cc]ontact(?:ez|er)?|\b[Dd]emander à|\b[Aa]sk for|\b[Cc]all|\b[Aa]ppele[rz])"
    rf"[,:]?\s+(?P<name>{_NAME_WORDS})"
)
# a recognised "person" right after one of these words is a place named after someone
PLACE_WORDS = {
    "rue", "avenue", "av", "boulevard", "bd", "place", "impasse", "allee", "chemin", "quai",
    "cours", "square", "parc", "jardin", "jardins", "pont", "port", "porte", "gare", "station",
    "metro", "lycee", "college", "ecole", "groupe scolaire", "stade", "gymnase", "piscine",
    "hopital", "clinique", "centre", "maison", "mediatheque", "bibliotheque", "musee", "salle",
    "residence", "cite", "quartier", "faubourg", "passage", "esplanade", "promenade", "rond-point",
    "institut", "fondation", "universite", "campus", "halle", "marche", "theatre", "cinema",
    "street", "road", "lane", "school", "park", "bridge", "hall", "hospital", "library",
    "museum", "center", "stadium", "university", "st", "saint", "sainte", "mont", "ile", "lac",
    "bois", "foret", "val", "tour", "the", "la", "le", "les", "du", "des", "allees",
}  # fmt: skip
# a recognised "person" ending with one of these is a place or thing named after someone
PLACE_SUFFIXES = {
    "street", "road", "avenue", "lane", "square", "park", "bridge", "school", "station",
    "hospital", "centre", "center", "college", "university", "hall", "library", "museum",
    "gardens", "garden", "close", "drive", "way", "place", "crescent", "terrace", "court",
    "primary", "academy", "stadium", "line", "market", "house", "estate", "tower", "church",
    "chapel", "cathedral", "theatre", "cinema", "arena", "pool", "green", "common", "hill",
    "foundation", "trust", "council", "prize", "award", "institute", "airport",
}  # fmt: skip
# given names that are far more often a place, a month or a word in citizens' ideas: never a
# first name alone; the words among them still start a name followed by a surname ("Grace Liu")
PLACES_NOT_NAMES = {
    "paris", "france", "nancy", "florence", "lorraine", "lille", "lourdes", "sydney", "austin",
    "chelsea", "brooklyn", "jordan", "victoria", "queen", "king", "line", "tram", "ville",
    "bas", "dieu", "mai", "avril", "noel", "toussaint", "trinite", "madeleine", "lilas",
    "march", "april", "june", "august", "may", "easter", "spring", "autumn", "summer",
    "santa", "mali", "asie", "metro", "velo", "bus", "ban", "take", "sun", "sky", "rain",
}  # fmt: skip
WORDS_NOT_NAMES_ALONE = {
    "will", "mark", "rose", "hope", "faith", "joy", "grace", "chance", "major", "price",
    "stone", "bell", "rich", "young", "long", "love", "gay", "forest", "river", "storm",
    "victor", "christian", "frank", "marshall", "hunter", "sterling", "duke", "earl", "dean",
    "mason", "carter", "heath", "glen", "cliff", "dale", "brook", "crystal", "amber", "pearl",
    "jade", "ivy", "daisy", "violet", "hazel", "sage", "jasmine", "heather", "dawn", "eve",
    "lily", "olive", "iris", "ruby", "holly", "gray",
}  # fmt: skip
# capitalised words of citizens' ideas that the recogniser may take for a person
NOT_PERSONS = {
    "mairie", "maire", "ville", "conseil", "metropole", "prefecture", "etat", "gouvernement",
    "velib", "vélib", "velo", "rer", "sncf", "ratp", "tram", "bus", "covid", "dieu", "noel",
    "internet", "wifi", "google", "facebook", "twitter", "instagram", "uber", "amazon",
    "paris", "lyon", "marseille", "europe", "france", "mme", "monsieur", "madame", "bonjour",
    "merci", "cordialement", "hello", "thanks", "dear", "council", "mayor", "city", "hi",
}  # fmt: skip


@cache
def _gazetteer():
    """First names of many countries with their gender, from gender-guesser's list
    (about 60 000 names)."""
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


@cache
def _stop_words() -> frozenset[str]:
    from stop_words import get_stop_words

    return frozenset(fold(w) for lang in ("fr", "en") for w in get_stop_words(lang))


@lru_cache(maxsize=20_000)
def first_name_gender(word: str) -> str:
    """ "male", "female", "mostly_male", "mostly_female", "andy" (either) for a known first
    name, "unknown" otherwise; a hyphenated word is a first name when each part is one
    ("Jean-Michel"), and a common word or a place never is ("Mon", "Paris")."""
    folded = fold(word)
    if len(folded) < 2 or folded in PLACES_NOT_NAMES or folded in _stop_words():
        return "unknown"
    parts = word.split("-")
    if len(parts) > 1:
        genders = [first_name_gender(part) for part in parts]
        return genders[0] if "unknown" not in genders else "unknown"
    return _gazetteer().get_gender(word)


_RUN_WORD = r"[A-ZÀ-ÖØ-Þ][a-zà-ÿ]*(?:['’]?[A-ZÀ-ÖØ-Þ][a-zà-ÿ]+)*(?:-[A-ZÀ-ÖØ-Þ][a-zà-ÿ]+)*"
# capitalised words in a row, surname particles allowed inside: "Jean de La Fontaine"
CAPITALISED_RUN = re.compile(
    rf"(?<![\w'’-]){_RUN_WORD}(?:\s+(?:(?:de|du|van|von|da|di|del|le|la|bin|ben|el|al)\s+)?"
    rf"{_RUN_WORD}){{0,3}}(?![\w-])"
)
SENTENCE_END = re.compile(r"(?:^|[.!?…]\s*|\n\s*|[«“\"(]\s*)$")


def _gazetteer_names(text: str) -> Iterator[tuple[int, int]]:
    """A run of capitalised words starting with a known first name: "Sarah Thompson",
    "Jean-Michel Blanc"; a first name alone only inside a sentence and when the list is
    sure of it ("mon fils Mehdi", not "Paris" or "Grace")."""
    for run in CAPITALISED_RUN.finditer(text):
        words = list(re.finditer(_RUN_WORD, run.group()))
        folded = [fold(w.group()) for w in words]
        if folded[-1] in PLACE_SUFFIXES or _preceding_word(text, run.start()) in PLACE_WORDS:
            continue
        for index, word in enumerate(words):
            if folded[index] in PLACE_WORDS:
                break
            gender = first_name_gender(word.group())
            if gender == "unknown":
                following = (
                    run.group()[word.end() : words[index + 1].start()]
                    if index + 1 < len(words)
                    else ""
                )
                if (
                    folded[index] in GREETINGS or following.strip()
                ):  # "Bonjour Sophie", "Idée de Léa"
                    continue
                break  # "Network Rail", "Bonfire Night": a name of a thing
            start = run.start() + word.start()
            if index + 1 < len(words) or (
                gender in ("male", "female")
                and folded[index] not in WORDS_NOT_NAMES_ALONE
                and not SENTENCE_END.search(text[:start])
                and not re.match(r"\s*\d", text[run.end() :])  # "Line 3", "Victoria 2"
            ):
                yield start, run.end()
            break


def _preceding_word(text: str, start: int) -> str:
    before = text[max(0, start - 30) : start]
    words = re.findall(r"[\wÀ-ÿ'-]+", before)
    return fold(words[-1]).strip("'") if words else ""


GREETINGS = {
    "bonjour", "bonsoir", "salut", "merci", "bravo", "cher", "chere", "hello", "hi", "dear",
    "thanks", "thank", "cheers", "hey", "coucou", "signe", "signed",
}  # fmt: skip
_SURNAME_PARTICLES = {"de", "du", "des", "d'", "van", "von", "da", "di", "del", "le", "la"}


def _is_person(text: str, start: int, end: int, language: str, from_model: bool) -> bool:
    span = text[start:end]
    words = span.split()
    if not any(c.isupper() for c in span) or any(c.isdigit() for c in span) or len(span) < 2:
        return False
    if fold(span) in NOT_PERSONS or all(fold(w) in NOT_PERSONS for w in words):
        return False
    if fold(words[-1]) in PLACE_SUFFIXES:
        return False
    if _preceding_word(text, start) in PLACE_WORDS:
        return False
    if not from_model or TITLE_BEFORE.search(text[:start]):
        return True
    # the recogniser's own mistakes: "président de la République", "l'Homme", "Il faut
    # Interdire", "Abandoned car...", "Bas-Montreuil"
    if span[0].islower() and fold(words[0]) not in _SURNAME_PARTICLES:
        return False
    if any(c in span for c in "()[]{}<>/|=+*"):
        return False
    if len(words) > 1 and all(
        first_name_gender(w) == "unknown" and _is_common_word(w, language) for w in words
    ):  # "Empreinte Carbone"
        return False
    if len(words) == 1 and first_name_gender(span) == "unknown":
        if SENTENCE_END.search(text[:start]) or "-" in span:
            return False
        if _is_common_word(span, language):
            return False
    return True


@lru_cache(maxsize=50_000)
def _is_common_word(word: str, language: str) -> bool:
    """A word of the language's dictionary (simplemma's), written in lower case."""
    import simplemma

    try:
        return simplemma.is_known(word.lower(), lang=language)
    except ValueError:  # a language simplemma lacks
        return False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without the title ("M. Dupont" -> "Dupont"), without what follows the capitalised
    words ("O'Connor already reported" -> "O'Connor") and without trailing punctuation."""
    for word in re.finditer(r"\S+", text[start:end]):
        if word.start() and word.group()[0].islower() and word.group() not in _SURNAME_PARTICLES:
            end = start + word.start()
            break
    match = TITLE.match(text, start, end)
    if match and match.end("name") >= end - 1:
        start = match.start("name")
    while end > start and text[end - 1] in " ,.;:!?'’\"-":
        end -= 1
    while start < end and text[start] in " ,.;:!?'’\"-":
        start += 1
    return start, end


def _pattern_names(text: str) -> Iterator[tuple[int, int]]:
    for pattern in (TITLE, INTRODUCTION):
        for match in pattern.finditer(text):
            yield match.start("name"), match.end("name")


def find_names_many(texts: Iterable[str], languages: Iterable[str | None]) -> list[list[Span]]:
    """People's names in each text: the recogniser of the text's language, batched per
    model, plus the sure patterns; places named after people are left out."""
    texts = list(texts)
    languages = list(languages)
    found: list[list[Span]] = [[] for _ in texts]
    by_model: dict[str, list[int]] = {}
    for i, language in enumerate(languages):
        by_model.setdefault(NAME_MODELS.get(language or "", DEFAULT_NAME_MODEL), []).append(i)
    for package, indices in by_model.items():
        nlp = name_model(package)
        docs = nlp.pipe((texts[i] for i in indices), batch_size=64)
        for i, doc in zip(indices, docs, strict=True):
            text = texts[i]
            language = languages[i] or "fr"
            recognised = {
                _trim(text, ent.start_char, ent.end_char)
                for ent in doc.ents
                if ent.label_ in PERSON_LABELS
            }
            patterned = set(_pattern_names(text)) | set(_gazetteer_names(text))
            spans = {
                (start, end)
                for start, end in recognised
                if end > start and _is_person(text, start, end, language, from_model=True)
            } | {
                (start, end)
                for start, end in patterned
                if end > start and _is_person(text, start, end, language, from_model=False)
            }
            found[i] = [Span(start, end, "NAME", text[start:end]) for start, end in sorted(spans)]
    return found
