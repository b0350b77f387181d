"""Who a phone is in a workshop: its anonymous rater, made once and kept in a cookie and in
the URL (``?r=<token>``), so a reload, a dropped connection or a closed tab keeps it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass

COOKIE_PREFIX = "cocreate_room_"
# two months: a workshop and its follow-up sessions
COOKIE_SECONDS = 60 * 24 * 3600
# a form's client token: letters, digits, dashes (a uuid4 hex is 32 characters)
CLIENT_TOKEN = re.compile(r"[A-Za-z0-9-]{8,64}")


def normalise_code(code: str) -> str:
    """A join code as typed on a phone: spaces and case do not matter."""
    return "".join(code.split()).upper()


def cookie_name(code: str) -> str:
    return f"{COOKIE_PREFIX}{code}"


def client_token(rater: dict[str, Any], posted: str | None) -> str | None:
    """The idempotency key of one idea form: the rater's id and the form's random token, so
    a device only ever names its own submissions; ``None`` for a malformed token."""
    if not posted or not CLIENT_TOKEN.fullmatch(posted):
        return None
    return f"{rater['id']}-{posted}"


def sent_by_prefix(rater: dict[str, Any], source: str) -> str:
    """The source-key prefix of the ideas this rater sent (see :func:`client_token`)."""
    return f"{source}:{rater['id']}-"
