"""The routes of the participant pages, under ``/room``: join, the room page that follows
the phase, the idea form and the ballot's answers (and the state phones wait on, from
:mod:`cocreate.web.state`).

GET handlers are plain functions (Starlette runs them on its thread pool); POST handlers
read the form, then do their work on the thread pool too: SQLite never blocks the event
loop that also carries the Streamlit sessions (:class:`cocreate.web.room.Room` opens a
connection per request).
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from cocreate.access import PHASES, TooManyTries, check_join_code
from cocreate.i18n import LANGUAGES, t
from cocreate.ingest import IngestError, submit_idea
from cocreate.scoring import ScoringError, rubric_from_dict, submit_score
from cocreate.store import Store, StoreError
from cocreate.web.ballot import ballot_for, posted_answers, shown_round
from cocreate.web.pages import NO_STORE, render
from cocreate.web.participants import (
    COOKIE_SECONDS,
    client_token,
    cookie_name,
    normalise_code,
    sent_by_prefix,
)
from cocreate.web.room import Room
from cocreate.web.state import LONG_POLL_SECONDS, RoomStates, room_state

ROOM_PATH = "/room"
SOURCE = "participants"
# after a failed look, the page's script looks again this much later
RETRY_SECONDS = 1
# a page without a form, without JavaScript, reloads itself this often
NOSCRIPT_REFRESH_SECONDS = 5
MAX_IDEA_CHARS = 2000
WAITING = {
    "cluster": "participate.wait_cluster",
    "map": "participate.wait_map",
    "decide": "participate.wait_decide",
}
log = logging.getLogger(__name__)


def room_url(code: str, token: str | None = None, lang: str | None = None, **extra: Any) -> str:
    """The address of a workshop's room page; ``lang`` only when chosen on the page."""
    query = {"r": token, "lang": lang, **extra}
    params = urlencode({k: v for k, v in query.items() if v is not None})
    return f"{ROOM_PATH}/{code}" + (f"?{params}" if params else "")


def chosen_lang(request: Request, form: dict[str, str] | None = None) -> str | None:
    wanted = (form or {}).get("lang") or request.query_params.get("lang")
    return wanted if wanted in LANGUAGES else None


def page_lang(chosen: str | None, workshop: dict[str, Any] | None) -> str:
    if chosen:
        return chosen
    language = workshop["language"] if workshop else None
    return language if language in LANGUAGES else "fr"


def keep_rater(response: Response, code: str, rater: dict[str, Any]) -> Response:
    response.set_cookie(
        cookie_name(code),
        rater["token"],
        max_age=COOKIE_SECONDS,
        path=ROOM_PATH,
        httponly=True,
        samesite="lax",
    )
    return response


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303, headers=NO_STORE)


# pages -------------------------------------------------------------------------------------


def join_form(
    chosen: str | None, *, typed: str = "", error: str | None = None, status: int | None = None
) -> Response:
    return render(
        "join.html",
        page_lang(chosen, None),
        language_href=lambda code: f"{ROOM_PATH}?{urlencode({'lang': code})}",
        status=status or (404 if error else 200),
        chosen=chosen,
        typed=typed,
        error=error,
    )


def join_page(room: Room, request: Request) -> Response:
    """``/room``: type the code; ``/room?code=...`` (the form) goes to the room page."""
    chosen = chosen_lang(request)
    typed = request.query_params.get("code")
    if typed is None:
        return join_form(chosen)
    code = normalise_code(typed)
    with room.store() as store:
        workshop = room_workshop(store, request, code) if code else None
    if workshop is None:
        return wrong_code(request, typed.strip())
    return see_other(room_url(code, lang=chosen))


def client_of(request: Request) -> str | None:
    """The address a request came from: wrong tries are counted per address."""
    return request.client.host if request.client else None


def room_workshop(store: Store, request: Request, code: str) -> dict[str, Any] | None:
    """The workshop of the join code ``code``; a wrong one counts as a wrong try of the
    client, and past the limit :class:`TooManyTries` is raised before any lookup."""
    return check_join_code(store, code, client=client_of(request))


def too_many_tries(request: Request, error: TooManyTries) -> Response:
    """The join form with the wait, status 429 and ``Retry-After``."""
    chosen = chosen_lang(request)
    response = join_form(chosen, error=error.message(page_lang(chosen, None)), status=429)
    response.headers["Retry-After"] = str(error.retry_after)
    return response


def wrong_code(request: Request, typed: str) -> Response:
    chosen = chosen_lang(request)
    error = t("join.wrong_code", page_lang(chosen, None), code=typed)
    return join_form(chosen, typed=typed, error=error)


def room_page(room: Room, request: Request) -> Response:
    """``/room/<CODE>``: the page of the room's current phase, for this phone's rater (made
    on the first visit, then kept: cookie and ``?r=``)."""
    code = normalise_code(request.path_params["code"])
    with room.store() as store:
        workshop = room_workshop(store, request, code)
        if workshop is None:
            return wrong_code(request, code)
        chosen = chosen_lang(request)
        token = request.query_params.get("r")
        rater = room.participant(store, workshop, token, request.cookies.get(cookie_name(code)))
        if token != rater["token"]:
            # the token rides in the URL too: a reload or a copied link keeps the participant
            return keep_rater(see_other(room_url(code, rater["token"], chosen)), code, rater)
        sent = request.query_params.get("sent")
        saved = request.query_params.get("saved")
        notice = None
        if sent:
            notice = t("room.idea_received", page_lang(chosen, workshop))
        elif saved:
            notice = t("room.saved", page_lang(chosen, workshop))
        response = room_response(store, workshop, rater, chosen, notice=notice)
    return keep_rater(response, code, rater)


def room_response(
    store: Store,
    workshop: dict[str, Any],
    rater: dict[str, Any],
    chosen: str | None,
    *,
    notice: str | None = None,
    error: str | None = None,
    draft: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    """The room page as the phase wants it (see the package docstring)."""
    lang = page_lang(chosen, workshop)
    code = workshop["join_code"]
    phase = workshop["phase"] if workshop["phase"] in PHASES else "collect"
    here = room_url(code, rater["token"], chosen)
    follow: dict[str, Any] = {
        "state": f"{ROOM_PATH}/{code}/state",
        "here": here,
        "phase": phase,
        "retry": RETRY_SECONDS * 1000,
        "give_up": (LONG_POLL_SECONDS + 10) * 1000,
        "saving": t("room.saving", lang),
        "saved": t("room.saved", lang),
        "not_saved": t("room.not_saved", lang),
    }
    context: dict[str, Any] = {
        "workshop": workshop,
        "code": code,
        "chosen": chosen,
        "token": rater["token"],
        "phase": phase,
        "notice": notice,
        "error": error,
        "here": here,
        "ballot": None,
        "collect": None,
        "waiting": None,
    }
    if phase == "collect":
        draft = draft or {}
        mine = store.ideas_by_key_prefix(workshop["id"], SOURCE, sent_by_prefix(rater, SOURCE))
        context["collect"] = {
            "prompt": t(
                "participate.collect", lang, challenge=workshop["challenge"] or workshop["title"]
            ),
            # a new token per form shown: the same form sent twice stores one idea
            "client": draft.get("client") or uuid.uuid4().hex,
            "text": draft.get("text", ""),
            "author": draft.get("author", ""),
            "mine": [idea["text"] for idea in mine],
            "max_chars": MAX_IDEA_CHARS,
        }
    elif phase == "score":
        scoring_round = shown_round(store, workshop["id"])
        # the page reloads when the open round changes (opened, closed, another one)
        follow["round"] = store.open_round_id(workshop["id"])
        if scoring_round is not None:
            context["ballot"] = ballot_for(store, scoring_round, rater, lang)
        else:
            context["waiting"] = t("ballot.no_round", lang)
    else:
        context["waiting"] = t(WAITING[phase], lang)
    refresh = NOSCRIPT_REFRESH_SECONDS if context["waiting"] else None
    return render(
        "room.html",
        lang,
        language_href=lambda other: room_url(code, rater["token"], other),
        status=status,
        follow=follow,
        refresh=refresh,
        **context,
    )


# writes ------------------------------------------------------------------------------------


def store_idea(room: Room, request: Request, form: dict[str, str]) -> Response:
    """The idea form: answered after the commit; sent again with the same client token, it
    stores nothing more; refused or failed, the phone gets its text back with the reason."""
    code = normalise_code(request.path_params["code"])
    chosen = chosen_lang(request, form)
    draft = {
        "text": form.get("text", ""),
        "author": form.get("author", "").strip(),
        "client": form.get("client", ""),
    }
    with room.store() as store:
        workshop = room_workshop(store, request, code)
        if workshop is None:
            return wrong_code(request, code)
        lang = page_lang(chosen, workshop)
        rater = None
        try:
            rater = room.participant(
                store, workshop, form.get("r"), request.cookies.get(cookie_name(code))
            )
            with room.writing():
                idea = submit_idea(
                    store,
                    workshop["id"],
                    draft["text"],
                    author=draft["author"] or None,
                    source=SOURCE,
                    client_token=client_token(rater, draft["client"]) or uuid.uuid4().hex,
                )
        except IngestError as error:
            problem = error.problem
            reason = t(f"problem.{problem.code}", lang, **problem.params)
            message = t("room.idea_refused", lang, reason=reason)
            return failed_write(store, workshop, rater, chosen, message, 400, draft=draft)
        except Exception:
            # a database still busy after the store's retries, or anything else: nothing is
            # half-stored (one transaction), the phone keeps its text and is told
            log.exception("idea not stored in room %s", code)
            message = t("room.not_stored", lang)
            return failed_write(store, workshop, rater, chosen, message, 503, draft=draft)
    url = room_url(code, rater["token"], chosen, sent=idea["id"])
    return keep_rater(see_other(url), code, rater)


def failed_write(
    store: Store,
    workshop: dict[str, Any],
    rater: dict[str, Any] | None,
    chosen: str | None,
    message: str,
    status: int,
    **shown: Any,
) -> Response:
    """The room page with ``message`` (and the typed text), or the message alone when even
    the page cannot be read."""
    if rater is not None:
        try:
            page = room_response(
                store, workshop, rater, chosen, error=message, status=status, **shown
            )
            return keep_rater(page, workshop["join_code"], rater)
        except Exception:
            log.exception("room page not drawn after a failed write")
    return Response(message, status_code=status, headers=NO_STORE)


def store_answers(room: Room, request: Request, form: dict[str, str]) -> Response:
    """One target's answers (``c_<criterion>``: a point or ``dk``; amounts also
    ``dk_<criterion>``): each an upsert, answered after the commit. Sent by the page's
    script on every tap (``ajax=1``: a JSON answer) or by the form's button."""
    code = normalise_code(request.path_params["code"])
    chosen = chosen_lang(request, form)
    ajax = form.get("ajax") == "1"
    with room.store() as store:
        workshop = room_workshop(store, request, code)
        if workshop is None:
            return wrong_code(request, code)
        lang = page_lang(chosen, workshop)
        rater, round_id = None, None

        def refused(message: str, status: int, *, closed: bool = False) -> Response:
            if ajax:
                body = {"ok": False, "error": message, "closed": closed}
                return JSONResponse(body, status_code=status, headers=NO_STORE)
            return failed_write(store, workshop, rater, chosen, message, status)

        try:
            rater = room.participant(
                store, workshop, form.get("r"), request.cookies.get(cookie_name(code))
            )
            round_id, target_id = int(form.get("round", "")), int(form.get("target", ""))
            scoring_round = store.get_round(round_id)
            if scoring_round["workshop_id"] != workshop["id"]:
                raise StoreError(f"Round {round_id} is not a round of this workshop.")
            if scoring_round["status"] == "open":
                rubric = rubric_from_dict(scoring_round["rubric"], source=f"round {round_id}")
                answers = posted_answers(rubric, form)
                with room.writing():
                    for criterion, value in answers:
                        submit_score(store, round_id, target_id, rater["id"], criterion, value)
        except (ScoringError, ValueError, StoreError):
            # a bad value or id; or a round closed between the read and the write, which
            # the store refuses
            if round_id is not None and round_closed(store, round_id):
                return refused(t("ballot.refused", lang), 409, closed=True)
            return refused(t("room.bad_answer", lang), 400)
        except Exception:
            log.exception("answers not stored in room %s", code)
            return refused(t("room.not_saved", lang), 503)
        if scoring_round["status"] != "open":
            return refused(t("ballot.refused", lang), 409, closed=True)
    if ajax:
        return keep_rater(JSONResponse({"ok": True}, headers=NO_STORE), code, rater)
    url = room_url(code, rater["token"], chosen, saved=target_id) + f"#t{target_id}"
    return keep_rater(see_other(url), code, rater)


def round_closed(store: Store, round_id: int) -> bool:
    try:
        return store.get_round(round_id)["status"] != "open"
    except StoreError:
        return False


async def form_fields(request: Request) -> dict[str, str]:
    form = await request.form()
    return {key: value for key, value in form.items() if isinstance(value, str)}


def web_routes(db_path: str | Path | None = None) -> list[Route]:
    """The participant pages as Starlette routes, for ``st.App(..., routes=...)``."""
    room = Room(db_path)
    states = RoomStates(room)

    async def state(request: Request) -> Response:
        return await room_state(states, request)

    def get(handler):
        def endpoint(request: Request) -> Response:
            try:
                return handler(room, request)
            except TooManyTries as error:
                return too_many_tries(request, error)

        return endpoint

    def post(handler):
        async def endpoint(request: Request) -> Response:
            form = await form_fields(request)
            try:
                return await run_in_threadpool(handler, room, request, form)
            except TooManyTries as error:
                return too_many_tries(request, error)

        return endpoint

    return [
        Route(ROOM_PATH, get(join_page), methods=["GET"]),
        Route(f"{ROOM_PATH}/{{code}}", get(room_page), methods=["GET"]),
        Route(f"{ROOM_PATH}/{{code}}/state", state, methods=["GET"]),
        Route(f"{ROOM_PATH}/{{code}}/idea", post(store_idea), methods=["POST"]),
        Route(f"{ROOM_PATH}/{{code}}/score", post(store_answers), methods=["POST"]),
    ]
