"""Personal data out of exports and projected screens: detection and redaction of e-mails,
phones, postal addresses, IBANs, licence plates, identifying URLs and people's names in
French and English free text, offline; pseudonyms for authors; personal columns.

    >>> from cocreate.privacy import redactor
    >>> redactor().redact("Écrivez-moi à lea.martin@example.org", "fr")
    'Écrivez-moi à [EMAIL]'
"""

from cocreate.privacy.detectors import Span
from cocreate.privacy.options import (
    KINDS,
    PERSONAL_COLUMNS,
    PrivacyOptions,
    is_personal_column,
    pseudonym,
)
from cocreate.privacy.redactor import Redactor, redactor

__all__ = [
    "KINDS",
    "PERSONAL_COLUMNS",
    "PrivacyOptions",
    "Redactor",
    "Span",
    "is_personal_column",
    "pseudonym",
    "redactor",
]
