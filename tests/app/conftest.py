"""AppTest runs the real Streamlit app in-process on the test's database file."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"
IDEAS_PAGE = "cocreate/ui/pages/ideas.py"
WORKSHOP_PAGE = "cocreate/ui/pages/workshop.py"
CLUSTERS_PAGE = "cocreate/ui/pages/clusters.py"


@pytest.fixture
def app(db_path):
    """The app after its first run, on the Workshop page, in French."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at
