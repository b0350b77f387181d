"""People's names: spaCy's named-entity recogniser (a model package that ships its weights,
never downloaded at run time) and a few sure patterns ("Mme Durand", "je m'appelle Léa")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from importlib import metadata

from cocreate.privacy.detectors import Span
from cocreate.privacy.options import fold

__all__ = ["NAME_MODELS", "name_model", "model_versions", "find_names_many"]

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


_CAP = r"[A-ZÀ-ÖØ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-ÿ]+)?"
_NAME_WORDS = rf"{_CAP}(?:\s+(?:(?:de|du|van|von|da|di|le|la|d'|mc|o')\s*)?{_CAP}){{0,2}}"
_NAME_WORDS_CAPS = rf"(?:{_CAP}|[A-Z]{{2,}})(?:\s+(?:{_CAP}|[A-Z]{{2,}}(?![a-z]))){{0,2}}"
# a title then the name, which alone is redacted: "Mme [NAME]"
TITLE = re.compile(
    r"\b(?:M\.|MM\.|Mme\.?|Mmes|Mlle\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Docteur|Doctor|"
    r"Monsieur|Madame|Mademoiselle|Maître|Pr\.?|Professeur|Professor|Sir|Dame|Lady|Lord|"
    r"Père|Father|Sœur|Sister)"
    rf"\s+(?P<name>{_NAME_WORDS_CAPS})"
)
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
PLACE_SUFFIXES = {"street", "road", "avenue", "lane", "square", "park", "bridge", "school"}
# capitalised words of citizens' ideas that the recogniser may take for a person
NOT_PERSONS = {
    "mairie", "maire", "ville", "conseil", "metropole", "prefecture", "etat", "gouvernement",
    "velib", "vélib", "velo", "rer", "sncf", "ratp", "tram", "bus", "covid", "dieu", "noel",
    "internet", "wifi", "google", "facebook", "twitter", "instagram", "uber", "amazon",
    "paris", "lyon", "marseille", "europe", "france", "mme", "monsieur", "madame", "bonjour",
    "merci", "cordialement", "hello", "thanks", "dear", "council", "mayor", "city", "hi",
}  # fmt: skip


def _preceding_word(text: str, start: int) -> str:
    before = text[max(0, start - 30) : start]
    words = re.findall(r"[\wÀ-ÿ'-]+", before)
    return fold(words[-1]).strip("'") if words else ""


def _is_person(text: str, start: int, end: int) -> bool:
    span = text[start:end]
    words = span.split()
    if not any(c.isupper() for c in span) or any(c.isdigit() for c in span) or len(span) < 2:
        return False
    if fold(span) in NOT_PERSONS or all(fold(w) in NOT_PERSONS for w in words):
        return False
    if fold(words[-1]) in PLACE_SUFFIXES:
        return False
    return _preceding_word(text, start) not in PLACE_WORDS


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without the title ("M. Dupont" -> "Dupont") and without trailing punctuation."""
    match = TITLE.match(text, start, end)
    if match and match.end() == end:
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
            spans = {
                _trim(text, ent.start_char, ent.end_char)
                for ent in doc.ents
                if ent.label_ in PERSON_LABELS
            }
            spans |= set(_pattern_names(text))
            found[i] = [
                Span(start, end, "NAME", text[start:end])
                for start, end in sorted(spans)
                if end > start and _is_person(text, start, end)
            ]
    return found
