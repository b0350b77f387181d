"""The presenter view shows a join link and QR code phones can open, or, when the server only
listens on this computer, says so and how to open it to the room, with no dead QR code."""

import pytest
from streamlit.testing.v1 import AppTest

from cocreate import access

from .conftest import APP

PRESENT_PAGE = "cocreate/ui/pages/present.py"
LAN = "192.168.1.20"


@pytest.fixture
def presenter(workshop, monkeypatch):
    """Opens the presenter view of ``workshop`` in a language, with the server's environment
    set as `cocreate serve` sets it; this machine's network address is ``LAN``."""
    monkeypatch.delenv("COCREATE_PUBLIC_URL", raising=False)
    monkeypatch.setattr(access, "lan_address", lambda: LAN)

    def open_in(lang: str = "fr", **env: str) -> AppTest:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.query_params["lang"] = lang
        at.run()
        at.switch_page(PRESENT_PAGE).run()
        assert not at.exception, at.exception
        return at

    return open_in


def shown(at) -> str:
    return " ".join(e.value for e in at.markdown)


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "::1"])
def test_a_server_on_this_computer_only_says_so_in_french(presenter, workshop, host):
    at = presenter("fr", COCREATE_HOST=host)
    text = shown(at)
    assert "Les téléphones ne peuvent pas encore rejoindre" in text
    assert "<code>cocreate serve --host 0.0.0.0</code>" in text
    assert workshop["join_code"] in text
    assert "/room/" not in text and "Rejoignez sur" not in text
    assert not at.get("image")  # no QR code nobody can open


def test_a_server_on_this_computer_only_says_so_in_english(presenter):
    at = presenter("en", COCREATE_HOST="localhost")
    text = shown(at)
    assert "Phones cannot join yet: cocreate is open to this computer only." in text
    assert "<code>cocreate serve --host 0.0.0.0</code>" in text
    assert not at.get("image")


@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
def test_a_server_open_to_the_room_shows_the_network_link_and_qr_code(presenter, workshop, host):
    at = presenter("fr", COCREATE_HOST=host)
    text = shown(at)
    assert f"http://{LAN}:8501/room/{workshop['join_code']}" in text
    assert "Les téléphones ne peuvent pas encore rejoindre" not in text
    assert len(at.get("image")) == 1


def test_a_server_on_one_address_shows_that_address(presenter, workshop):
    at = presenter("en", COCREATE_HOST="10.0.0.7")
    text = shown(at)
    assert "Join at" in text and f"http://10.0.0.7:8501/room/{workshop['join_code']}" in text
    assert len(at.get("image")) == 1


def test_a_public_url_is_shown_whatever_the_server_listens_on(presenter, workshop):
    at = presenter("fr", COCREATE_HOST="localhost", COCREATE_PUBLIC_URL="https://atelier.example/")
    text = shown(at)
    assert f"https://atelier.example/room/{workshop['join_code']}" in text
    assert "Les téléphones ne peuvent pas encore rejoindre" not in text
    assert len(at.get("image")) == 1


def test_no_network_at_all_is_said_too(presenter, monkeypatch):
    monkeypatch.setattr(access, "lan_address", lambda: "127.0.0.1")
    at = presenter("fr", COCREATE_HOST="0.0.0.0")
    text = shown(at)
    assert "Les téléphones ne peuvent pas encore rejoindre" in text
    assert "relié à aucun réseau" in text
    assert not at.get("image")
