"""The Clusters page's two levels (issue 20): the wall switches between groups and themes
holding groups, in French and English; a theme is renamed, pinned, merged, and a group moved
under another theme from the Edit tab, and the store keeps it."""

import shutil

import pytest

from cocreate.clustering import cluster_workshop, theme_cards
from cocreate.store import Store
from cocreate.templates import load_demo

from .conftest import CLUSTERS_PAGE


@pytest.fixture(scope="module")
def clustered_file(tmp_path_factory, minilm):
    """The demo clustered through the library with the session's MiniLM, made once."""
    path = tmp_path_factory.mktemp("themes") / "demo.db"
    with Store(path) as store:
        workshop, _ = load_demo(store)
        cluster_workshop(store, workshop["id"], model=minilm, seed=2)
    return path


@pytest.fixture
def clustered_page(app, db_path, clustered_file):
    """The Clusters page open on a fresh copy of the clustered demo."""
    shutil.copyfile(clustered_file, db_path)
    with Store(db_path) as store:
        demo = store.get_workshop("demo")
    app.session_state["workshop_id"] = demo["id"]
    app.switch_page(CLUSTERS_PAGE).run()
    assert not app.exception, app.exception
    return app, demo


def themes_of(db_path, workshop):
    with Store(db_path) as store:
        return theme_cards(
            store.active_themes(workshop["id"]),
            [{**c, "votes": 0} for c in store.active_clusters(workshop["id"])],
            store.assignments(workshop["id"]),
        )


def test_the_wall_shows_themes_holding_their_groups_in_both_languages(clustered_page, db_path):
    app, demo = clustered_page
    themes = themes_of(db_path, demo)
    assert len(themes) >= 2
    assert app.metric[4].label == "Thèmes" and app.metric[4].value == str(len(themes))
    app.radio(key="clusters_level").set_value("themes").run()
    assert not app.exception, app.exception
    titles = [s.value for s in app.tabs[0].subheader]
    assert titles == [theme["label"] for theme in themes]
    captions = [c.value for c in app.tabs[0].caption]
    first = themes[0]
    assert f"{first['size']} idées · groupes : {len(first['groups'])}" in captions[0]
    # every group of the wall sits under exactly one theme, and its name is shown there
    badges = "\n".join(m.value for m in app.tabs[0].markdown)
    with Store(db_path) as store:
        groups = store.active_clusters(demo["id"])
    assert sum(len(theme["groups"]) for theme in themes) == len(groups)
    for group in groups:
        assert f"{group['label']} · {group['size']}" in badges

    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception, app.exception
    assert app.radio(key="clusters_level").value == "themes"
    captions = [c.value for c in app.tabs[0].caption]
    assert f"{first['size']} ideas · groups: {len(first['groups'])}" in captions[0]
    assert app.metric[4].label == "Themes"


def test_a_theme_is_renamed_pinned_merged_and_gets_a_group(clustered_page, db_path):
    app, demo = clustered_page
    first, second, *_ = themes_of(db_path, demo)
    app.selectbox(key="clusters_theme_pick").set_value(first["id"]).run()
    app.text_input(key=f"clusters_theme_label_{first['id']}").input("Mobilités douces")
    app.button(key="clusters_theme_save_label").click().run()
    assert not app.exception, app.exception
    assert app.success[0].value == "Thème renommé « Mobilités douces »."
    with Store(db_path) as store:
        renamed = store.get_cluster(first["id"])
    assert (renamed["label"], renamed["label_edited"]) == ("Mobilités douces", 1)

    moved = second["groups"][0]
    app.selectbox(key="clusters_theme_move_group").set_value(moved["id"]).run()
    app.selectbox(key="clusters_theme_move_to").set_value(first["id"]).run()
    app.button(key="clusters_theme_move_submit").click().run()
    assert not app.exception, app.exception
    with Store(db_path) as store:
        group = store.get_cluster(moved["id"])
        assert (group["parent_id"], group["pinned"]) == (first["id"], 1)
        assert store.get_cluster(first["id"])["pinned"] == 1

    app.multiselect(key="clusters_theme_merge_pick").set_value([first["id"], second["id"]]).run()
    app.button(key="clusters_theme_merge_submit").click().run()
    assert not app.exception, app.exception
    after = themes_of(db_path, demo)
    assert second["id"] not in {theme["id"] for theme in after}
    merged = next(theme for theme in after if theme["id"] == first["id"])
    held = {g["id"] for g in merged["groups"]}
    assert {g["id"] for g in first["groups"] + second["groups"]} <= held


def test_a_theme_of_several_groups_is_split_in_two(clustered_page, db_path):
    app, demo = clustered_page
    before = themes_of(db_path, demo)
    theme = next(t for t in before if len(t["groups"]) >= 2)
    app.selectbox(key="clusters_theme_pick").set_value(theme["id"]).run()
    app.button(key="clusters_theme_split").click().run()
    assert not app.exception, app.exception
    after = themes_of(db_path, demo)
    assert len(after) == len(before) + 1
    new = next(t for t in after if t["id"] not in {b["id"] for b in before})
    kept = next(t for t in after if t["id"] == theme["id"])
    assert kept["groups"] and new["groups"]
    moved = {g["id"] for g in kept["groups"] + new["groups"]}
    assert moved == {g["id"] for g in theme["groups"]}
    assert kept["pinned"] and new["pinned"]
    assert app.success[0].value == f"Thème coupé : le nouveau thème s'appelle « {new['label']} »."
