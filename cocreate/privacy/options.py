"""What the user chose about personal data for one export, and the pseudonyms it gives."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass

__all__ = [
    "PrivacyOptions",
    "PERSONAL_COLUMNS",
    "is_personal_column",
    "pseudonym",
    "fold",
]

KINDS = ("EMAIL", "PHONE", "ADDRESS", "IBAN", "PLATE", "URL", "NAME")


def fold(text: str) -> str:
    """Case- and accent-insensitive form, whitespace collapsed: "Rue  Émile" -> "rue emile"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


_SEPARATORS = re.compile(r"[\s\-_./:]+")


def _column_key(name: str) -> str:
    return _SEPARATORS.sub(" ", fold(name)).strip()


# folded, separators as one space: see is_personal_column
PERSONAL_COLUMNS: frozenset[str] = frozenset(
    {
        # names
        "name", "full name", "first name", "firstname", "given name", "last name", "lastname",
        "surname", "family name", "nom", "prenom", "nom complet", "nom de famille",
        "prenom nom", "nom prenom", "author name", "nom auteur", "nom de l auteur",
        # age and birth
        "age", "age range", "birth date", "birthdate", "date of birth", "dob", "year of birth",
        "date de naissance", "annee de naissance", "tranche d age",
        # contact
        "email", "e mail", "mail", "email address", "courriel", "adresse email",
        "adresse e mail", "adresse mail", "phone", "phone number", "telephone", "tel",
        "mobile", "portable", "numero de telephone",
        # address
        "address", "street address", "postal address", "adresse", "adresse postale", "rue",
    }
)  # fmt: skip


def is_personal_column(name: str) -> bool:
    """True for a column holding a person's name, age, birth date, e-mail, phone or address,
    in French or English spelling ("Prénom", "first_name", "E-mail", "Âge")."""
    return _column_key(name) in PERSONAL_COLUMNS


def pseudonym(author: str, salt: str) -> str:
    """A salted hash of ``author``: the same person (same name up to case, accents and
    spaces) gets the same pseudonym within one export; another salt gives unrelated ones.
    An empty author stays empty."""
    if not author or not author.strip():
        return ""
    digest = hmac.new(salt.encode("utf-8"), fold(author).encode("utf-8"), hashlib.sha256)
    return "anon-" + digest.hexdigest()[:12]


@dataclass(frozen=True)
class PrivacyOptions:
    """Privacy treatment of one export. Defaults protect: redaction on, personal columns
    dropped, a fresh salt per export."""

    redact: bool = True
    # public figures or street names the user keeps as written (the mayor, a square)
    keep: tuple[str, ...] = ()
    keep_personal_columns: bool = False
    # None: a fresh random salt per export, so two exports cannot be joined on pseudonyms
    salt: str | None = None

    def salt_for_export(self) -> str:
        """The salt to use for one export: the user's, or a fresh random one (call it once
        per export and keep the result for every pseudonym of that export)."""
        return self.salt if self.salt is not None else secrets.token_hex(16)

    def describe(self) -> dict:
        """A JSON-able record of the treatment for the data card and the audit log; never
        the salt itself."""
        from cocreate.privacy.redactor import NAME_MODELS, model_versions

        return {
            "redact": self.redact,
            "redacted_kinds": list(KINDS) if self.redact else [],
            "placeholders": {kind: f"[{kind}]" for kind in KINDS} if self.redact else {},
            "kept_as_written": list(self.keep),
            "personal_columns": "kept" if self.keep_personal_columns else "dropped",
            "authors": "pseudonymised (salted hash, HMAC-SHA256)",
            "salt": "random, not kept" if self.salt is None else "chosen by the user, not recorded",
            "name_models": {lang: model_versions().get(m, m) for lang, m in NAME_MODELS.items()},
        }
