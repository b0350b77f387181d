"""Roles of a live workshop: secrets stored hashed, joining by code, the server-side check."""

import pytest
from click.testing import CliRunner

from cocreate import access
from cocreate.access import (
    ACCESS_ENV_VAR,
    FACILITATOR,
    PARTICIPANT,
    Access,
    AccessDenied,
    hash_secret,
    is_loopback,
    join_workshop,
    new_secret,
    require_role,
    reset_facilitator_secret,
    room_host,
    set_phase,
    unlock_facilitator,
    verify_secret,
)
from cocreate.cli import cli


@pytest.fixture(autouse=True)
def roles_apply(monkeypatch):
    monkeypatch.setenv(ACCESS_ENV_VAR, "secret")


def test_secret_is_stored_hashed_salted_and_checked(store, workshop):
    secret = reset_facilitator_secret(store, workshop["id"])
    stored = store.get_workshop(workshop["id"])["facilitator_secret_hash"]
    assert secret not in stored and stored.startswith("scrypt$")
    assert hash_secret(secret) != hash_secret(secret)  # a fresh salt each time
    assert verify_secret(secret, stored)
    assert verify_secret(f"  {secret.upper()} ", stored)  # typed on a phone
    assert not verify_secret(new_secret(), stored)
    assert not verify_secret(secret, None)
    assert not verify_secret(secret, "garbage")


def test_only_the_right_secret_unlocks_the_facilitator_role(store, workshop):
    secret = reset_facilitator_secret(store, workshop["id"])
    access = Access()
    assert access.role(workshop["id"]) is None
    assert not unlock_facilitator(store, access, workshop["id"], "wrong-secret")
    assert access.role(workshop["id"]) is None
    assert unlock_facilitator(store, access, workshop["id"], secret)
    assert access.is_facilitator(workshop["id"])
    # a new secret locks the old one out
    reset_facilitator_secret(store, workshop["id"])
    assert not unlock_facilitator(store, Access(), workshop["id"], secret)


def test_participant_joins_by_code_once_and_cannot_facilitate(store, workshop):
    access = Access()
    assert join_workshop(store, access, "NOPE00") is None
    assert join_workshop(store, access, workshop["slug"]) is None  # a name is not a code
    code = workshop["join_code"]
    joined = join_workshop(store, access, f" {code.lower()[:3]} {code.lower()[3:]} ")
    assert joined["id"] == workshop["id"]
    assert access.role(workshop["id"]) == PARTICIPANT
    token = access.rater_tokens[workshop["id"]]
    assert store.get_rater(token)["kind"] == "participant"
    join_workshop(store, access, code)
    assert access.rater_tokens[workshop["id"]] == token  # same anonymous rater
    require_role(access, workshop["id"], PARTICIPANT)
    with pytest.raises(AccessDenied):
        require_role(access, workshop["id"], FACILITATOR)
    with pytest.raises(AccessDenied):
        set_phase(store, access, workshop["id"], "score")
    assert store.get_workshop(workshop["id"])["phase"] == "collect"


def test_facilitator_moves_the_phase(store, workshop):
    access = Access()
    access.grant_facilitator(workshop["id"])
    require_role(access, workshop["id"], PARTICIPANT)  # a facilitator may do what they may
    set_phase(store, access, workshop["id"], "score")
    assert store.get_workshop(workshop["id"])["phase"] == "score"
    with pytest.raises(ValueError, match="Unknown phase"):
        set_phase(store, access, workshop["id"], "party")


def test_roles_of_one_workshop_do_not_open_another(store, workshop):
    other = store.create_workshop("Autre atelier")
    access = Access()
    access.grant_facilitator(workshop["id"])
    with pytest.raises(AccessDenied):
        require_role(access, other["id"], PARTICIPANT)


def test_open_mode_makes_everyone_facilitator(store, workshop, monkeypatch):
    monkeypatch.setenv(ACCESS_ENV_VAR, "open")
    assert Access().is_facilitator(workshop["id"])


def test_cli_prints_a_secret_once_and_never_stores_it(db_path):
    runner = CliRunner()
    created = runner.invoke(cli, ["--db", str(db_path), "create-workshop", "Parc"])
    assert created.exit_code == 0, created.output
    secret = created.output.split("Facilitator secret: ")[1].split()[0]
    for stored in db_path.parent.glob(db_path.name + "*"):  # the file and its WAL
        assert secret.encode() not in stored.read_bytes()
    renewed = runner.invoke(cli, ["--db", str(db_path), "secret", "-w", "parc"])
    new = renewed.output.split("Facilitator secret: ")[1].split()[0]
    assert new != secret


@pytest.mark.parametrize(
    ("bind", "opened", "expected"),
    [
        # a server on this computer only: no address phones can reach
        ("localhost", None, None),
        ("127.0.0.1", "localhost", None),
        ("::1", "127.0.0.1", None),
        # every interface (Streamlit's default when no address is given): the network address
        ("0.0.0.0", "localhost", "192.168.1.20"),
        ("::", None, "192.168.1.20"),
        ("", "127.0.0.1", "192.168.1.20"),
        (None, None, "192.168.1.20"),
        # one address: that one
        ("10.0.0.7", None, "10.0.0.7"),
        ("fe80::1", None, "[fe80::1]"),
        # the page was opened on an address that is not this computer's loopback: it answered
        ("0.0.0.0", "atelier.local", "atelier.local"),
        ("127.0.0.1", "atelier.example", "atelier.example"),
    ],
)
def test_the_room_host_is_one_phones_can_reach(monkeypatch, bind, opened, expected):
    monkeypatch.setattr(access, "lan_address", lambda: "192.168.1.20")
    assert room_host(bind, opened) == expected


def test_no_network_leaves_no_room_host(monkeypatch):
    monkeypatch.setattr(access, "lan_address", lambda: "127.0.0.1")
    assert room_host("0.0.0.0") is None
    assert is_loopback("localhost") and is_loopback("127.0.1.1") and not is_loopback("10.0.0.1")


def test_new_workshops_from_the_join_page_need_the_facilitators_permission(monkeypatch):
    from cocreate.access import ALLOW_NEW_WORKSHOPS_ENV_VAR, new_workshops_allowed

    monkeypatch.delenv(ALLOW_NEW_WORKSHOPS_ENV_VAR, raising=False)
    assert not new_workshops_allowed()
    for value, allowed in (("1", True), ("true", True), ("0", False), ("", False)):
        monkeypatch.setenv(ALLOW_NEW_WORKSHOPS_ENV_VAR, value)
        assert new_workshops_allowed() is allowed
    # on this computer only, whoever sits there facilitates and creates
    monkeypatch.delenv(ALLOW_NEW_WORKSHOPS_ENV_VAR)
    monkeypatch.setenv(ACCESS_ENV_VAR, "open")
    assert new_workshops_allowed()
