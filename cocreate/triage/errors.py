"""The errors of the triage package: each names a translation key, so the CLI and the pages
show the refusal in the reader's language, and ``str()`` gives it in English for logs."""

from __future__ import annotations

from cocreate.access import AccessDenied
from cocreate.i18n import t

__all__ = ["TriageError", "LifecycleError", "TriageAccessDenied"]


class TriageError(ValueError):
    """A triage action refused (a move the lifecycle forbids, a missing reason...):
    nothing stored changed."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(t(key, "en", **values))

    def message(self, lang: str = "fr") -> str:
        return t(self.key, lang, **self.values)


class LifecycleError(TriageError):
    """A malformed lifecycle file; the message names the file and the key."""


class TriageAccessDenied(AccessDenied):
    """A staff member asked for an action their role does not allow."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(t(key, "en", **values))

    def message(self, lang: str = "fr") -> str:
        return t(self.key, lang, **self.values)
