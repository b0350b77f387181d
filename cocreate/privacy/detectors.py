"""Pattern detectors of personal data in free text: e-mail, phone, postal address, IBAN,
licence plate and URLs carrying an identifier. Names need a model: see ``names``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

import phonenumbers
from stdnum import iban as stdnum_iban

__all__ = ["Span", "find_patterns"]


@dataclass(frozen=True)
class Span:
    """``text[start:end]`` is personal data of type ``kind`` (EMAIL PHONE ADDRESS IBAN PLATE
    URL NAME)."""

    start: int
    end: int
    kind: str
    text: str


# --- e-mail: also the "jean [at] mail.fr" and "jean(at)mail(dot)fr" ways of hiding one
_AT = r"(?:@|\s?[\[(]\s?(?:at|arobase)\s?[\])]\s?)"
_DOT = r"(?:\.|\s?[\[(]\s?(?:dot|point)\s?[\])]\s?)"
EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]*\w{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[a-z]{{2,24}}\b",
    re.IGNORECASE,
)

# --- phones: libphonenumber finds and validates; regions tried after the text's own
PHONE_REGIONS = {"fr": ("FR", "BE", "CH"), "en": ("GB", "US", "FR")}
DEFAULT_PHONE_REGIONS = ("FR", "GB", "US")

# --- IBAN: two letters, two check digits, 11 to 30 letters or digits in groups of 4 or not
IBAN_CANDIDATE = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b", re.IGNORECASE)

# --- licence plates
_PLATE_LETTER = "A-HJ-NP-TV-Z"  # the SIV system uses no I, O or U
PLATES = [
    # France since 2009 (SIV): AB-123-CD
    re.compile(rf"\b[{_PLATE_LETTER}]{{2}}[- ]?\d{{3}}[- ]?[{_PLATE_LETTER}]{{2}}\b"),
    # France before 2009 (FNI): 1234 AB 75, 123-ABC-2A, 12 AB 974
    re.compile(r"\b\d{1,4}[- ][A-Z]{1,3}[- ](?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])\b"),
    # United Kingdom since 2001: AB12 CDE
    re.compile(r"\b[A-Z]{2}\d{2} ?[A-Z]{3}\b"),
    # Belgium: 1-ABC-123
    re.compile(r"\b\d-[A-Z]{3}-\d{3}\b"),
]
# after "plaque" / "plate" / "immatriculé": any short code of letters and digits together
PLATE_AFTER_WORD = re.compile(
    r"\b(?:plaques?|immatricul\w*|licen[cs]e plates?|number plates?|registration(?: number)?)"
    r"(?:\s+(?:n°|no\.?|number|numéro|est|is|:|de|d'immatriculation))*\s*:?\s*"
    r"(?P<plate>(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{1,4}(?:[- ][A-Z0-9]{1,4}){1,3})\b"
)

# --- postal addresses
FR_STREET_TYPES = (
    r"rue|avenue|av\.?|boulevard|bd|bld|blvd|place|pl\.|impasse|imp\.|allée|allee|chemin|"
    r"ch\.|quai|cours|route|rte|passage|square|sentier|voie|résidence|residence|cité|cite|"
    r"rond-point|faubourg|fbg|lotissement|hameau|esplanade|parvis|promenade|villa|"
    r"traverse|montée|ruelle|mail|chaussée|lieu-dit"
)
_FR_PARTICLE = r"(?:de|du|des|la|le|les|l'|l’|d'|d’|et|sur|aux|au|en|à|sous|lès|lez)"
_CAP_WORD = r"[A-ZÀ-ÖØ-Þ][\wÀ-ÿ'’-]*"
_LOW_WORD = r"[a-zà-ÿ][\wà-ÿ'’-]*"
# the street's name: capitalised words, particles and date numbers ("rue du 8 Mai 1945");
# a citizen writing in lower case gets particles and one word ("rue de la paix")
_FR_STREET_NAME = (
    rf"(?:(?:{_FR_PARTICLE}\s*)*(?:{_CAP_WORD}|\d{{1,4}}(?=\s+{_CAP_WORD}))"
    rf"(?:(?:\s+|-)(?:{_FR_PARTICLE}\s*)*(?:{_CAP_WORD}|\d{{1,4}}\b)){{0,5}}"
    rf"|(?:{_FR_PARTICLE}\s*)*{_LOW_WORD}(?:-{_LOW_WORD})*)"
)
_FR_POSTCODE = r"(?:\d{5}|\d{2}\s\d{3})"
FR_POSTCODE_CITY = rf"(?:,?\s*(?:{_FR_POSTCODE}\s+{_CAP_WORD}(?:[ -]{_CAP_WORD}){{0,3}}|\d{{5}}))"
FR_ADDRESS = re.compile(
    rf"\b\d{{1,4}}(?:\s?(?:bis|ter|quater|[A-Da-d])\b)?,?\s+(?i:{FR_STREET_TYPES})\s+"
    rf"{_FR_STREET_NAME}{FR_POSTCODE_CITY}?"
)
EN_STREET_TYPES = (
    r"Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Dr\.?|Close|Way|Place|Pl\.?|"
    r"Square|Sq\.?|Crescent|Cres\.?|Terrace|Boulevard|Blvd\.?|Court|Ct\.?|Gardens|Grove|"
    r"Hill|Row|Mews|Walk|Parade|Park|Rise|Green|Highway|Parkway|Circle|Trail"
)
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}"
_US_STATE_ZIP = r"[A-Z]{2} \d{5}(?:-\d{4})?"
EN_ADDRESS = re.compile(
    rf"\b(?:(?:Flat|Apt\.?|Apartment|Unit) \w+,? )?\d{{1,5}}[A-Za-z]?,?\s+"
    rf"(?:{_CAP_WORD}\s+){{0,3}}(?:{EN_STREET_TYPES})\b"
    rf"(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?"
    rf"(?:,?\s+(?:{_CAP_WORD}\s*)*?(?:{_UK_POSTCODE}|{_US_STATE_ZIP})\b|,\s+{_CAP_WORD}(?=[\s.,;!?)]|$))?"
)
# a full UK postcode on its own points at about fifteen households
UK_POSTCODE = re.compile(rf"\b{_UK_POSTCODE}\b")

# --- URLs: a plain site may stay; ids, e-mails, tokens and profile paths go
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
_ID_PARAMS = {
    "id", "uid", "user", "userid", "user_id", "u", "email", "mail", "e", "token", "key",
    "apikey", "api_key", "access_token", "session", "sessionid", "sid", "auth", "code",
    "ref", "p", "profile", "login", "name", "nom", "tel", "phone", "member", "account",
    "fbclid", "gclid", "invite", "signature", "sig", "hash", "secret", "pwd", "password",
}  # fmt: skip
_PROFILE_SEGMENTS = {
    "user", "users", "u", "profile", "profil", "profiles", "people", "person", "membre",
    "membres", "member", "members", "in", "pub", "author", "auteur", "account", "compte",
    "utilisateur", "utilisateurs", "citoyen", "participant", "participants",
}  # fmt: skip
_SOCIAL_HOSTS = {
    "facebook.com", "twitter.com", "x.com", "instagram.com", "tiktok.com", "linkedin.com",
    "youtube.com", "github.com", "threads.net", "bsky.app", "snapchat.com", "pinterest.com",
}  # fmt: skip
_SOCIAL_PUBLIC_PATHS = {"", "pages", "groups", "hashtag", "search", "explore", "watch", "share"}
_TOKEN = re.compile(r"(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_-]{16,}|\d{6,}")


def _url_identifies(url: str) -> bool:
    parts = urlsplit(url if "://" in url else "http://" + url)
    if "@" in url or parts.username:
        return True
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if name.lower() in _ID_PARAMS or _TOKEN.fullmatch(value) or "@" in value:
            return True
    segments = [s for s in parts.path.split("/") if s]
    if any(s.startswith("@") or "~" in s for s in segments):
        return True
    if any(s.lower() in _PROFILE_SEGMENTS for s in segments[:-1]):
        return True
    if any(_TOKEN.fullmatch(s) for s in segments):
        return True
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    if host in _SOCIAL_HOSTS and segments and segments[0].lower() not in _SOCIAL_PUBLIC_PATHS:
        return True
    return bool(parts.fragment and _TOKEN.search(parts.fragment))


def _emails(text: str) -> Iterator[Span]:
    for match in EMAIL.finditer(text):
        if "@" in match.group() or re.search(r"at|arobase", match.group(), re.IGNORECASE):
            yield Span(match.start(), match.end(), "EMAIL", match.group())


# numbers of services, not of persons: "0 800 00 00 00" may stay
SERVICE_NUMBER_TYPES = {
    phonenumbers.PhoneNumberType.TOLL_FREE,
    phonenumbers.PhoneNumberType.PREMIUM_RATE,
    phonenumbers.PhoneNumberType.SHARED_COST,
    phonenumbers.PhoneNumberType.UAN,
}
INTERNATIONAL_PREFIX = re.compile(r"^(?:\+|00)\d")


def _phone_matches(text: str, region: str) -> Iterator[phonenumbers.PhoneNumberMatch]:
    yield from phonenumbers.PhoneNumberMatcher(text, region, phonenumbers.Leniency.VALID)
    # a number written with its country code is a phone even in a range not yet allocated
    for match in phonenumbers.PhoneNumberMatcher(text, region, phonenumbers.Leniency.POSSIBLE):
        digits = sum(c.isdigit() for c in match.raw_string)
        if INTERNATIONAL_PREFIX.match(match.raw_string) and digits >= 9:
            yield match


def _phones(text: str, language: str | None) -> Iterator[Span]:
    regions = PHONE_REGIONS.get(language or "", DEFAULT_PHONE_REGIONS)
    seen: set[tuple[int, int]] = set()
    for region in regions:
        for match in _phone_matches(text, region):
            start, end = match.start, match.end
            if any(s <= start < e or start <= s < end for s, e in seen):
                continue
            seen.add((start, end))
            if phonenumbers.number_type(match.number) not in SERVICE_NUMBER_TYPES:
                yield Span(start, end, "PHONE", match.raw_string)


# an IBAN mistyped by one digit still points at an account: these countries' IBANs are also
# taken on their exact length, without the checksum
IBAN_LENGTHS = {
    "FR": 27, "MC": 27, "BE": 16, "LU": 20, "CH": 21, "DE": 22, "GB": 22, "IE": 22, "ES": 24,
    "IT": 27, "NL": 18, "PT": 25, "AT": 20,
}  # fmt: skip


def _iban_shaped(candidate: str) -> bool:
    compact = candidate.replace(" ", "").upper()
    digits = sum(c.isdigit() for c in compact)
    return IBAN_LENGTHS.get(compact[:2]) == len(compact) and digits >= 10


def _ibans(text: str) -> Iterator[Span]:
    for match in IBAN_CANDIDATE.finditer(text):
        candidate = match.group()
        # the pattern may run into the next group of digits or a word: drop from the end
        while len(candidate.replace(" ", "")) >= 15:
            if stdnum_iban.is_valid(candidate, check_country=False) or _iban_shaped(candidate):
                yield Span(match.start(), match.start() + len(candidate), "IBAN", candidate)
                break
            candidate = candidate[:-1].rstrip()


def _plates(text: str) -> Iterator[Span]:
    for pattern in PLATES:
        for match in pattern.finditer(text):
            yield Span(match.start(), match.end(), "PLATE", match.group())
    for match in PLATE_AFTER_WORD.finditer(text):
        yield Span(match.start("plate"), match.end("plate"), "PLATE", match.group("plate"))


def _addresses(text: str) -> Iterator[Span]:
    for pattern in (FR_ADDRESS, EN_ADDRESS, UK_POSTCODE):
        for match in pattern.finditer(text):
            found = match.group().rstrip(" ,.;")
            yield Span(match.start(), match.start() + len(found), "ADDRESS", found)


def _urls(text: str) -> Iterator[Span]:
    for match in URL.finditer(text):
        url = match.group().rstrip(".,;:!?")
        if _url_identifies(url):
            yield Span(match.start(), match.start() + len(url), "URL", url)


def find_patterns(text: str, language: str | None = None) -> list[Span]:
    """Every pattern match in ``text``, overlapping ones included (see ``resolve``)."""
    return [
        *_emails(text),
        *_urls(text),
        *_ibans(text),
        *_phones(text, language),
        *_plates(text),
        *_addresses(text),
    ]
