"""Clusters page with a local naming model set by COCREATE_NAMING_URL: the caption says so,
a re-clustering takes its checked names; a URL off the machine is refused with a warning."""

import shutil

import pytest

from cocreate.store import Store

from .conftest import CLUSTERS_PAGE

RECLUSTER = "FormSubmitter:clusters_again_form-Regrouper à nouveau"


@pytest.fixture
def clustered_demo(db_path, demo_clustered_file):
    shutil.copyfile(demo_clustered_file, db_path)
    with Store(db_path) as store:
        workshop = store.get_workshop("demo")
        offline = {c["label"] for c in store.active_clusters(workshop["id"])}
    return workshop, offline


def test_recluster_with_the_local_model(app, db_path, clustered_demo, naming_server, monkeypatch):
    demo, offline = clustered_demo
    monkeypatch.setenv("COCREATE_NAMING_URL", naming_server.url)
    host = f"127.0.0.1:{naming_server.server_address[1]}"
    app.session_state["workshop_id"] = demo["id"]
    app.switch_page(CLUSTERS_PAGE).run()
    assert not app.exception, app.exception
    said = [c.value for c in app.caption]
    assert any(f"Noms proposés par le modèle local à l'adresse {host}" in c for c in said)

    app.button(key=RECLUSTER).click().run()
    assert not app.exception, app.exception
    with Store(db_path) as store:
        labels = {c["label"] for c in store.active_clusters(demo["id"])}
        naming = store.latest_clustering(demo["id"])["params"]["naming"]
    assert naming_server.requests and naming["host"] == host and naming["proposed"] > 0
    assert labels != offline and all(label.endswith(" partagé") for label in labels)
    # the wall's cards carry the proposed names
    assert {s.value for s in app.tabs[0].subheader} >= labels


def test_a_url_off_the_machine_is_refused_on_the_page(app, clustered_demo, monkeypatch):
    demo, _ = clustered_demo
    monkeypatch.setenv("COCREATE_NAMING_URL", "http://8.8.8.8/v1")
    app.session_state["workshop_id"] = demo["id"]
    app.switch_page(CLUSTERS_PAGE).run()
    assert not app.exception, app.exception
    [warning] = [w.value for w in app.warning if "8.8.8.8" in w.value]
    assert "ne quittent jamais la machine" in warning


def test_off_by_default_no_caption(app, clustered_demo, monkeypatch):
    demo, _ = clustered_demo
    monkeypatch.delenv("COCREATE_NAMING_URL", raising=False)
    app.session_state["workshop_id"] = demo["id"]
    app.switch_page(CLUSTERS_PAGE).run()
    assert not app.exception, app.exception
    assert not any("modèle local" in c.value for c in app.caption)


def test_a_forbidden_word_asks_the_local_model_again_and_refuses_its_names_holding_it(
    app, db_path, clustered_demo, naming_server, monkeypatch
):
    demo, _ = clustered_demo
    monkeypatch.setenv("COCREATE_NAMING_URL", naming_server.url)
    app.session_state["workshop_id"] = demo["id"]
    app.switch_page(CLUSTERS_PAGE).run()
    asked = len(naming_server.requests)

    app.text_input(key="clusters_never_word").set_value("Partagé")
    app.button(key="FormSubmitter:clusters_never_form-Ne plus utiliser").click().run()
    assert not app.exception, app.exception
    # the local model was asked again; every name it proposed held the word: all offline
    assert len(naming_server.requests) > asked
    with Store(db_path) as store:
        labels = [c["label"] for c in store.active_clusters(demo["id"])]
        naming = store.latest_clustering(demo["id"])["params"]["naming"]
    assert naming["proposed"] == 0 and labels
    assert not any("partag" in label.lower() for label in labels), labels
