"""Wrong join codes and facilitator secrets are limited per client and per workshop (and
join codes in all), with a message; a refused try costs far less than checking a secret.
Through the library, the room pages (Starlette's TestClient, one address per phone) and
the Streamlit Join page (AppTest)."""

import time
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit.testing.v1 import AppTest

from cocreate.access import (
    TRIES,
    Access,
    TooManyTries,
    TryLimiter,
    join_workshop,
    reset_facilitator_secret,
    unlock_facilitator,
)
from cocreate.i18n import t
from cocreate.web import web_routes

APP = Path(__file__).resolve().parent.parent / "app.py"
JOIN_PAGE = "cocreate/ui/pages/join.py"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def secured(store, workshop):
    return workshop, reset_facilitator_secret(store, workshop["id"])


def test_wrong_secrets_from_one_client_are_limited_then_forgiven(store, secured):
    workshop, secret = secured
    clock = Clock()
    limiter = TryLimiter(per_client=5, per_workshop=50, window_s=60, clock=clock)
    access = Access()
    for n in range(5):
        clock.now += 1
        assert not unlock_facilitator(
            store, access, workshop["id"], f"wrong-{n}", client="10.0.0.7", limiter=limiter
        )
    # the sixth try is refused before the secret is even checked, the right one too
    with pytest.raises(TooManyTries) as refused:
        unlock_facilitator(
            store, access, workshop["id"], secret, client="10.0.0.7", limiter=limiter
        )
    assert refused.value.retry_after == 56
    assert refused.value.message("fr") == "Trop d'essais erronés. Attendez 56 s, puis réessayez."
    assert refused.value.message("en") == "Too many wrong tries. Wait 56 s, then try again."
    assert access.roles == {}
    # another phone in the room is not held back
    assert unlock_facilitator(
        store, Access(), workshop["id"], secret, client="10.0.0.8", limiter=limiter
    )
    # once the oldest wrong try leaves the window, this client tries again
    clock.now += 57
    assert unlock_facilitator(
        store, access, workshop["id"], secret, client="10.0.0.7", limiter=limiter
    )


def test_wrong_secrets_from_many_clients_are_limited_per_workshop(store, secured):
    workshop, secret = secured
    other = store.create_workshop("Autre atelier")
    other_secret = reset_facilitator_secret(store, other["id"])
    limiter = TryLimiter(per_client=5, per_workshop=12, window_s=60, clock=Clock())
    for n in range(12):
        assert not unlock_facilitator(
            store, Access(), workshop["id"], "nope", client=f"10.0.1.{n}", limiter=limiter
        )
    with pytest.raises(TooManyTries):
        unlock_facilitator(
            store, Access(), workshop["id"], secret, client="10.0.2.1", limiter=limiter
        )
    # the other workshop's secret is not held back
    assert unlock_facilitator(
        store, Access(), other["id"], other_secret, client="10.0.2.1", limiter=limiter
    )


def test_wrong_join_codes_are_limited_per_client_and_in_all(store, workshop):
    limiter = TryLimiter(per_client=10, all_codes=25, window_s=300, clock=Clock())
    for n in range(10):
        assert (
            join_workshop(store, Access(), f"WRONG{n}", client="phone-a", limiter=limiter) is None
        )
    with pytest.raises(TooManyTries):
        join_workshop(store, Access(), workshop["join_code"], client="phone-a", limiter=limiter)
    assert join_workshop(store, Access(), workshop["join_code"], client="phone-b", limiter=limiter)
    # a guess spread over many phones meets the limit of join codes in all
    for n in range(15):
        join_workshop(store, Access(), "ZZZZZZ", client=f"phone-{n}", limiter=limiter)
    with pytest.raises(TooManyTries):
        join_workshop(store, Access(), workshop["join_code"], client="phone-new", limiter=limiter)


def test_a_refused_try_costs_far_less_than_checking_a_secret(store, secured):
    workshop, secret = secured
    limiter = TryLimiter(per_client=1, per_workshop=1000, window_s=600)
    access = Access()
    started = time.perf_counter()
    unlock_facilitator(store, access, workshop["id"], "wrong", client="x", limiter=limiter)
    checked = time.perf_counter() - started
    tries = 200
    started = time.perf_counter()
    for _ in range(tries):
        with pytest.raises(TooManyTries):
            unlock_facilitator(store, access, workshop["id"], secret, client="x", limiter=limiter)
    refused = (time.perf_counter() - started) / tries
    # a refusal is a workshop lookup and a dictionary check, the check an scrypt hash
    assert refused * 10 < checked, (refused, checked)


@pytest.fixture
def phones(db_path):
    app = Starlette(routes=web_routes(db_path))
    clients = []

    def phone(address: str) -> TestClient:
        client = TestClient(app, client=(address, 50000))
        clients.append(client)
        return client

    yield phone
    for client in clients:
        client.close()


def test_the_room_pages_refuse_a_phone_guessing_codes(phones, workshop):
    guesser = phones("192.168.1.50")
    for n in range(TRIES.per_client):
        assert guesser.get("/room", params={"code": f"GUESS{n}"}).status_code == 404
    refused = guesser.get("/room", params={"code": workshop["join_code"]})
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert "Trop d&#39;essais erronés" in refused.text or "Trop d'essais erronés" in refused.text
    # the link of the QR code, the state a page polls: refused too
    assert guesser.get(f"/room/{workshop['join_code']}").status_code == 429
    assert guesser.get("/room/ABCDEF/state").status_code == 429
    # a phone at another address joins
    other = phones("192.168.1.51")
    assert other.get(f"/room/{workshop['join_code']}").status_code == 200


def test_the_room_state_counts_unknown_codes_of_one_client_only(phones, workshop):
    stale = phones("192.168.1.60")
    for _ in range(TRIES.per_client):
        assert stale.get("/room/GONE42/state").status_code == 404
    assert stale.get("/room/GONE42/state").status_code == 429
    # many phones on a deleted workshop's page do not lock the room's join code for others
    for n in range(40):
        phones(f"192.168.2.{n}").get("/room/GONE42/state")
    assert phones("192.168.3.1").get(f"/room/{workshop['join_code']}").status_code == 200


def unlock_button(at):
    return next(b for b in at.button if b.label == t("join.unlock", "fr"))


def test_the_join_page_refuses_wrong_secrets_with_a_message(db_path, monkeypatch, secured):
    monkeypatch.setenv("COCREATE_ACCESS", "secret")
    workshop, secret = secured
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.switch_page(JOIN_PAGE).run()
    for n in range(TRIES.per_client):
        at.text_input(key="join_facilitator_code").set_value(workshop["join_code"])
        at.text_input(key="join_secret").set_value(f"wrong-{n}")
        unlock_button(at).click().run()
        assert not at.exception, at.exception
        assert [e.value for e in at.error] == [t("join.wrong_secret", "fr")]
    # the right secret now waits too: the message says how long
    at.text_input(key="join_secret").set_value(secret)
    unlock_button(at).click().run()
    assert not at.exception, at.exception
    [message] = [e.value for e in at.error]
    assert message.startswith("Trop d'essais erronés. Attendez ")
    # the session did not become the workshop's facilitator
    assert at.session_state["access"].roles == {}


def test_wrong_staff_secrets_are_limited_too(store):
    from cocreate.triage import add_staff_member, local_admin, sign_in_session

    member, secret = add_staff_member(
        store, local_admin("admin"), "Léa Martin", "valuator", "Voirie"
    )
    limiter = TryLimiter(per_client=3, per_workshop=20, window_s=60, clock=Clock())
    for n in range(3):
        assert (
            sign_in_session(store, Access(), "Léa Martin", f"x{n}", client="c", limiter=limiter)
            is None
        )
    with pytest.raises(TooManyTries):
        sign_in_session(store, Access(), "Léa Martin", secret, client="c", limiter=limiter)
    access = Access()
    assert sign_in_session(store, access, "Léa Martin", secret, client="d", limiter=limiter)
    assert access.staff.name == "Léa Martin"
