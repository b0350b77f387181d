"""The participant pages over a real SQLite file, through Starlette's TestClient."""

from __future__ import annotations

import re

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from cocreate.store import Store
from cocreate.web import web_routes


@pytest.fixture
def workshop(db_path) -> dict:
    with Store(db_path) as store:
        return store.create_workshop(
            "Place du marché", challenge="Comment rendre la place plus agréable ?"
        )


@pytest.fixture
def phone(db_path):
    """A new phone (its own cookies) on the pages of the database ``db_path``."""
    app = Starlette(routes=web_routes(db_path))
    clients = []

    def new_phone() -> TestClient:
        client = TestClient(app)
        clients.append(client)
        return client

    yield new_phone
    for client in clients:
        client.close()


def field(html: str, name: str) -> str:
    """The value of the first form field ``name`` on a page."""
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def joined(client: TestClient, code: str, **query) -> tuple[str, str]:
    """Open the room page by its link; returns (the page's URL, the rater token)."""
    response = client.get(f"/room/{code}", params=query)
    assert response.status_code == 200
    token = field(response.text, "r")
    return str(response.url), token


def raters(db_path, workshop_id: int) -> list[dict]:
    with Store(db_path) as store:
        return [r for r in store.db["raters"].rows if r["workshop_id"] == workshop_id]
