"""`cocreate serve` runs serve_app.py, which Streamlit recognises as an app with routes: the
Streamlit pages and the room pages in one process."""

from pathlib import Path

from cocreate.server import APP_SCRIPT, streamlit_command

ROOT = Path(__file__).resolve().parents[2]


def test_cocreate_serve_runs_the_entry_with_the_room_pages():
    command = streamlit_command(8501, "0.0.0.0")
    assert command[3:5] == ["run", str(ROOT / "serve_app.py")]
    # a script given explicitly is run as given (the browser tests, bench/app.py)
    assert streamlit_command(8501, "localhost", app=ROOT / "app.py")[4] == str(ROOT / "app.py")
    assert APP_SCRIPT.exists()


def test_streamlit_finds_the_app_with_its_routes():
    from streamlit.web.server.app_discovery import discover_asgi_app

    found = discover_asgi_app(ROOT / "serve_app.py")
    assert found.is_asgi_app and found.app_name == "app"
    from starlette.routing import Route

    from cocreate.web import web_routes

    paths = {route.path for route in web_routes() if isinstance(route, Route)}
    assert paths == {
        "/room",
        "/room/{code}",
        "/room/{code}/state",
        "/room/{code}/idea",
        "/room/{code}/score",
    }
