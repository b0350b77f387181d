"""Who may do what in a live workshop: facilitators and participants, phases, joining.

Decisions:

- **Facilitator** of a workshop: whoever gives its facilitator secret. The secret is shown once
  when it is made (workshop creation, ``cocreate secret``) and stored only as a salted scrypt
  hash. A facilitator can create and edit everything.
- **Participant**: whoever joins with the workshop's short join code (typed, or in the link of
  the QR code on the projected screen). Joining makes an anonymous rater token; a participant
  can submit ideas and scores only, and sees only the participant views.
- **Access mode**: ``open`` when the app is served to this machine only (``cocreate serve``
  on localhost, as ``make run`` does): the one person at the machine facilitates every
  workshop. ``secret`` otherwise (``cocreate serve --host 0.0.0.0`` for phones in the room,
  or when ``COCREATE_ACCESS`` is unset): roles apply. Every facilitator action checks the role
  on the server, in :func:`require_role`, not by hiding buttons.
- **New workshops** from the Join page: anyone may create one (and facilitate it) in ``open``
  mode; in ``secret`` mode only if the facilitator started the server with
  ``--allow-new-workshops`` (``COCREATE_ALLOW_NEW_WORKSHOPS=1``): otherwise anyone on the
  room's network could make a workshop and upload files to it.
- **Wrong tries are limited** (decision 0078): a client that sent
  ``TryLimiter.per_client`` wrong join codes or secrets within ``window_s`` is refused, before
  any lookup or hash, until the oldest try leaves the window; so is every client once a
  workshop's secret was tried wrong ``per_workshop`` times, or join codes ``per_workshop``
  times in all (a guess from many phones). A refused try costs a dictionary lookup, not a
  50 ms scrypt hash. The counts live in the serving process (:data:`TRIES`).
- **Phases**: the facilitator moves the room through collect -> cluster -> score -> map ->
  decide; participant screens follow the phase.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cocreate.i18n import t
from cocreate.store import StoreError

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = [
    "ACCESS_ENV_VAR",
    "ALLOW_NEW_WORKSHOPS_ENV_VAR",
    "PHASES",
    "FACILITATOR",
    "PARTICIPANT",
    "AccessDenied",
    "TooManyTries",
    "TryLimiter",
    "TRIES",
    "Access",
    "access_mode",
    "new_workshops_allowed",
    "hash_secret",
    "verify_secret",
    "new_secret",
    "reset_facilitator_secret",
    "unlock_facilitator",
    "join_workshop",
    "check_join_code",
    "known_rater",
    "set_phase",
    "require_role",
    "lan_address",
    "is_loopback",
    "room_host",
    "HOST_ENV_VAR",
]

ACCESS_ENV_VAR = "COCREATE_ACCESS"
# the address the server listens on (`cocreate serve --host`), set for the app by the server
HOST_ENV_VAR = "COCREATE_HOST"
LOOPBACK_HOSTS = {"localhost", "::1", "[::1]", "ip6-localhost"}
ALL_INTERFACES = {"", "0.0.0.0", "::", "[::]"}
ALLOW_NEW_WORKSHOPS_ENV_VAR = "COCREATE_ALLOW_NEW_WORKSHOPS"
PHASES = ("collect", "cluster", "score", "map", "decide")
FACILITATOR = "facilitator"
PARTICIPANT = "participant"
# unambiguous letters and digits, read aloud or copied from a projector without mistakes
SECRET_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
SECRET_GROUPS = 4
SECRET_GROUP_LENGTH = 4
# scrypt work factors (RFC 7914 interactive login values); a check takes ~50 ms
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


class AccessDenied(PermissionError):
    """A session asked for an action its role does not allow."""


class TooManyTries(AccessDenied):
    """Too many wrong tries of a join code or secret: ``retry_after`` seconds to wait."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = max(1, int(retry_after + 0.999))
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        return t("access.too_many_tries", lang, seconds=self.retry_after)


# anything that names join codes as the target of a try (no workshop is known yet)
ANY_CODE = "join codes"


class TryLimiter:
    """Wrong tries counted in a sliding window per client and per target (a workshop's
    secret, or join codes in all); thread-safe, kept in memory."""

    def __init__(
        self,
        *,
        per_client: int = 10,
        per_workshop: int = 30,
        all_codes: int = 300,
        window_s: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_client, self.per_workshop, self.window_s = per_client, per_workshop, window_s
        # wrong join codes of every client together: a room of phones mistypes some
        self.all_codes = all_codes
        self._clock = clock
        self._lock = threading.Lock()
        self._tries: dict[tuple[str, object], deque[float]] = {}

    def _wait(self, key: tuple[str, object], limit: int, now: float) -> float:
        stamps = self._tries.get(key)
        if not stamps:
            return 0.0
        while stamps and stamps[0] <= now - self.window_s:
            stamps.popleft()
        if not stamps:
            del self._tries[key]
            return 0.0
        return stamps[0] + self.window_s - now if len(stamps) >= limit else 0.0

    def check(self, client: str | None, target: object | None) -> None:
        """Raise :class:`TooManyTries` when ``client`` or ``target`` (``None``: the client
        only) had too many wrong tries."""
        now = self._clock()
        limit = self.all_codes if target == ANY_CODE else self.per_workshop
        with self._lock:
            wait = max(
                self._wait(("client", client), self.per_client, now) if client else 0.0,
                self._wait(("target", target), limit, now) if target is not None else 0.0,
            )
        if wait > 0:
            raise TooManyTries(wait)

    def failed(self, client: str | None, target: object | None) -> None:
        """Count one wrong try of ``client`` at ``target`` (``None``: the client only)."""
        now = self._clock()
        keys = [("client", client)] if client else []
        keys += [("target", target)] if target is not None else []
        with self._lock:
            if len(self._tries) > 100_000:  # many clients long gone: start afresh
                self._tries.clear()
            for key in keys:
                self._tries.setdefault(key, deque()).append(now)

    def reset(self) -> None:
        with self._lock:
            self._tries.clear()


# the serving process's counts (the Streamlit pages and the room pages share them)
TRIES = TryLimiter()


def access_mode() -> str:
    """``open`` or ``secret`` (see the module docstring); ``secret`` unless told otherwise."""
    mode = os.environ.get(ACCESS_ENV_VAR, "secret").strip().lower()
    return mode if mode in ("open", "secret") else "secret"


def new_workshops_allowed() -> bool:
    """Whether a visitor may create a workshop from the Join page (see the module docstring)."""
    if access_mode() == "open":
        return True
    allowed = os.environ.get(ALLOW_NEW_WORKSHOPS_ENV_VAR, "").strip().lower()
    return allowed in ("1", "true", "yes")


def new_secret() -> str:
    """A facilitator secret such as ``k7mq-ce3x-9tab-pw2h`` (about 79 bits)."""
    groups = (
        "".join(secrets.choice(SECRET_ALPHABET) for _ in range(SECRET_GROUP_LENGTH))
        for _ in range(SECRET_GROUPS)
    )
    return "-".join(groups)


def _normalise(secret: str) -> bytes:
    # typed on a phone: case and surrounding spaces do not matter
    return secret.strip().lower().encode("utf-8")


def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(_normalise(secret), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_secret(secret: str, stored: str | None) -> bool:
    if not stored or not secret:
        return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        computed = hashlib.scrypt(
            _normalise(secret), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p)
        )
    except ValueError:
        return False
    return hmac.compare_digest(computed, bytes.fromhex(digest))


def reset_facilitator_secret(store: Store, workshop: int | str) -> str:
    """Make a new facilitator secret for a workshop; returns it (the only time it is seen)."""
    secret = new_secret()
    store.set_facilitator_secret_hash(store.get_workshop(workshop)["id"], hash_secret(secret))
    return secret


@dataclass
class Access:
    """The roles of one browser session, per workshop, and its rater token per workshop.

    Kept in the server-side session state; nothing the browser sends can change it except
    :meth:`unlock` (with the secret) and :meth:`join` (with the join code)."""

    roles: dict[int, str] = field(default_factory=dict)
    rater_tokens: dict[int, str] = field(default_factory=dict)
    # the staff member signed in on this session (cocreate.triage.staff.sign_in), if any
    staff: Any = None

    def role(self, workshop_id: int) -> str | None:
        if access_mode() == "open":
            return FACILITATOR
        return self.roles.get(workshop_id)

    def is_facilitator(self, workshop_id: int) -> bool:
        return self.role(workshop_id) == FACILITATOR

    def grant_facilitator(self, workshop_id: int) -> None:
        """For the session that just created the workshop (it holds the new secret)."""
        self.roles[workshop_id] = FACILITATOR


def unlock_facilitator(
    store: Store,
    access: Access,
    workshop: int | str,
    secret: str,
    *,
    client: str | None = None,
    limiter: TryLimiter | None = None,
) -> bool:
    """Give the session the facilitator role of ``workshop`` if ``secret`` is right.
    Raise :class:`TooManyTries` (before hashing anything) after too many wrong tries from
    ``client`` or at this workshop."""
    limiter = TRIES if limiter is None else limiter
    target = store.get_workshop(workshop)
    limiter.check(client, ("secret", target["id"]))
    if verify_secret(secret, target["facilitator_secret_hash"]):
        access.roles[target["id"]] = FACILITATOR
        return True
    limiter.failed(client, ("secret", target["id"]))
    return False


def check_join_code(
    store: Store,
    code: str,
    *,
    client: str | None = None,
    limiter: TryLimiter | None = None,
) -> dict[str, Any] | None:
    """The workshop of a typed join code, ``None`` for a wrong one (counted as a wrong try);
    raise :class:`TooManyTries` (before any lookup) after too many wrong tries."""
    limiter = TRIES if limiter is None else limiter
    cleaned = "".join(code.split()).upper()
    if not cleaned:
        return None
    limiter.check(client, ANY_CODE)
    workshop = store.find_workshop_by_code(cleaned)
    if workshop is None:
        limiter.failed(client, ANY_CODE)
    return workshop


def join_workshop(
    store: Store,
    access: Access,
    code: str,
    *,
    client: str | None = None,
    limiter: TryLimiter | None = None,
) -> dict[str, Any] | None:
    """Join as a participant with a join code; returns the workshop, ``None`` for a wrong
    code (a wrong try: see :func:`check_join_code`). A session that already joined keeps
    its anonymous rater token."""
    workshop = check_join_code(store, code, client=client, limiter=limiter)
    if workshop is None:
        return None
    access.roles.setdefault(workshop["id"], PARTICIPANT)
    if workshop["id"] not in access.rater_tokens:
        access.rater_tokens[workshop["id"]] = store.add_rater(workshop["id"])["token"]
    return workshop


def known_rater(store: Store, workshop: dict[str, Any], *tokens: str | None) -> dict | None:
    """The first of ``tokens`` that names a rater of ``workshop``, or ``None``: a token of
    another workshop, or of nobody, is passed over (never replaced by a new rater here)."""
    for token in tokens:
        if not token:
            continue
        try:
            rater = store.get_rater(str(token))
        except StoreError:
            continue
        if rater["workshop_id"] == workshop["id"]:
            return rater
    return None


def require_role(access: Access, workshop_id: int, role: str = FACILITATOR) -> None:
    """Refuse (raise :class:`AccessDenied`) unless the session has ``role`` in the workshop;
    a facilitator may do what a participant may."""
    actual = access.role(workshop_id)
    if actual in (role, FACILITATOR):
        return
    raise AccessDenied(f"This needs the {role} role in workshop {workshop_id}.")


def set_phase(store: Store, access: Access, workshop_id: int, phase: str) -> None:
    """Move the room to ``phase`` (facilitators only)."""
    require_role(access, workshop_id)
    if phase not in PHASES:
        raise ValueError(f"Unknown phase {phase!r}: phases are {', '.join(PHASES)}.")
    store.set_phase(workshop_id, phase)


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` names this computer only (nothing else on the network answers it)."""
    name = (host or "").strip().lower()
    return name in LOOPBACK_HOSTS or name.startswith("127.")


def room_host(bind_host: str | None, opened_host: str | None = None) -> str | None:
    """The host phones in the room open the app on, or ``None`` when they cannot reach it.

    ``bind_host`` is the address the server listens on (``None`` or empty: every interface,
    Streamlit's default); ``opened_host`` the one the facilitator's page was opened with,
    which phones can use when it is not this computer's loopback: it answered."""
    if opened_host and not is_loopback(opened_host):
        return _url_host(opened_host)
    bind = (bind_host or "").strip().lower()
    if is_loopback(bind):
        return None
    if bind in ALL_INTERFACES:
        address = lan_address()
        return None if is_loopback(address) else address
    return _url_host(bind)


def _url_host(host: str) -> str:
    # an IPv6 address goes in brackets in a URL
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def lan_address() -> str:
    """This machine's address on the local network, for the join link phones open
    (no packet is sent: connecting a UDP socket only picks the outgoing interface)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"
