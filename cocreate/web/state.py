"""What phones wait on: ``/room/<CODE>/state``, the room's phase, open round and revision,
answered when the room moves (a long poll), over one database read per room however many
phones wait."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Mapping
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from cocreate.access import TRIES, TooManyTries
from cocreate.web.pages import NO_STORE
from cocreate.web.participants import normalise_code
from cocreate.web.room import Room

# a phone's look at the room's state waits this long for the room to move (a long poll);
# also what a stopping server waits for the looks still open (uvicorn lets them finish)
LONG_POLL_SECONDS = 5
# each room's state is read at most this often, however many phones wait on it
READ_SECONDS = 0.25


class RoomStates:
    """The phase, open round and revision of each room, read from the database at most every
    :data:`READ_SECONDS`: fifty phones waiting on a room cost one read, not fifty."""

    def __init__(self, room: Room) -> None:
        self._room = room
        self._known: dict[str, tuple[float, dict[str, Any] | None]] = {}
        self._lock = threading.Lock()

    def _fresh(self, code: str) -> tuple[bool, dict[str, Any] | None]:
        stamp, state = self._known.get(code, (float("-inf"), None))
        return time.monotonic() - stamp < READ_SECONDS, state

    def _read(self, code: str) -> dict[str, Any] | None:
        with self._lock:
            fresh, state = self._fresh(code)
            if fresh:
                return state
            with self._room.store() as store:
                workshop = store.find_workshop_by_code(code)
                state = workshop and {
                    "phase": workshop["phase"],
                    "round": store.open_round_id(workshop["id"]),
                    "revision": workshop["revision"],
                }
            if len(self._known) > 1000:  # codes nobody uses any more
                self._known.clear()
            self._known[code] = (time.monotonic(), state)
            return state

    async def current(self, code: str) -> dict[str, Any] | None:
        fresh, state = self._fresh(code)
        return state if fresh else await run_in_threadpool(self._read, code)


def moved(state: dict[str, Any], seen: Mapping[str, str]) -> bool:
    """Whether the room left what a page shows: its phase, or (``round`` given) the round."""
    if state["phase"] != seen.get("phase"):
        return True
    return "round" in seen and str(state["round"] or "") != seen["round"]


async def room_state(states: RoomStates, request: Request) -> Response:
    """``/room/<CODE>/state``: the room's phase, open round and revision. With ``?phase=``
    (and ``&round=``, empty for none) of the page, the answer waits until the room moves,
    up to :data:`LONG_POLL_SECONDS`: a phone learns of a change within ``READ_SECONDS``."""
    code = normalise_code(request.path_params["code"])
    seen = request.query_params
    deadline = time.monotonic() + LONG_POLL_SECONDS
    # an unknown code's 404 tells a guesser which codes exist: wrong codes count as tries
    # of this client only (a phone left on a deleted workshop polls it every second)
    client = request.client.host if request.client else None
    try:
        TRIES.check(client, None)
    except TooManyTries as error:
        headers = {**NO_STORE, "Retry-After": str(error.retry_after)}
        return JSONResponse({"error": "too many tries"}, status_code=429, headers=headers)
    while True:
        state = await states.current(code)
        if state is None:
            TRIES.failed(client, None)
            return JSONResponse({"error": "unknown code"}, status_code=404, headers=NO_STORE)
        if "phase" not in seen or moved(state, seen) or time.monotonic() > deadline:
            return JSONResponse(state, headers=NO_STORE)
        if await request.is_disconnected():  # a phone gone: nobody to answer
            return Response(status_code=204)
        await asyncio.sleep(READ_SECONDS)
