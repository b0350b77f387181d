"""The server's environment: `cocreate serve --allow-new-workshops` reaches the app."""

from click.testing import CliRunner

from cocreate.access import ALLOW_NEW_WORKSHOPS_ENV_VAR
from cocreate.cli import cli
from cocreate.server import server_env


def test_the_permission_to_create_workshops_is_given_only_when_asked(monkeypatch, tmp_path):
    monkeypatch.delenv(ALLOW_NEW_WORKSHOPS_ENV_VAR, raising=False)
    assert ALLOW_NEW_WORKSHOPS_ENV_VAR not in server_env(tmp_path / "c.db", "secret")
    allowed = server_env(tmp_path / "c.db", "secret", allow_new_workshops=True)
    assert allowed[ALLOW_NEW_WORKSHOPS_ENV_VAR] == "1"
    # set in the shell, it passes through
    monkeypatch.setenv(ALLOW_NEW_WORKSHOPS_ENV_VAR, "1")
    assert server_env(tmp_path / "c.db", "secret")[ALLOW_NEW_WORKSHOPS_ENV_VAR] == "1"


def test_serve_offers_the_option():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--allow-new-workshops" in result.output
