"""The duplicates tab of the Clusters page: every group reachable page by page, an idea taken
out of its group ("not a duplicate") and put back, the merge of the chosen ideas only."""

import shutil

import pytest

from cocreate.clustering import cluster_workshop
from cocreate.clustering.edits import open_duplicate_group
from cocreate.store import Store
from cocreate.templates import load_demo

from .conftest import CLUSTERS_PAGE

PER_PAGE = 20


@pytest.fixture(scope="module")
def grouped_demo_file(tmp_path_factory, minilm):
    """The demo clustered once with the real model, then its ideas in hand-made near-duplicate
    groups: one of 3, then pairs (60 groups, three pages)."""
    path = tmp_path_factory.mktemp("grouped") / "demo.db"
    with Store(path) as store:
        workshop, _ = load_demo(store)
        cluster_workshop(store, workshop["id"], model=minilm, seed=2)
        ids = sorted(i["id"] for i in store.list_ideas(workshop["id"]))
        groups = [ids[0:3]] + [ids[i : i + 2] for i in range(3, len(ids) - 1, 2)]
        group_of = {idea_id: n for n, group in enumerate(groups, start=1) for idea_id in group}
        store.add_assignments(
            [
                {**a, "cluster": a["cluster_id"], "duplicate_group": group_of.get(a["idea_id"])}
                for a in store.assignments(workshop["id"])
            ]
        )
    return path


@pytest.fixture
def duplicates_tab(app, db_path, grouped_demo_file):
    shutil.copyfile(grouped_demo_file, db_path)
    with Store(db_path) as store:
        demo = store.get_workshop("demo")
        groups = {}
        for a in store.assignments(demo["id"]):
            if a["duplicate_group"] is not None:
                groups.setdefault(a["duplicate_group"], []).append(a["idea_id"])
    app.session_state["workshop_id"] = demo["id"]
    app.switch_page(CLUSTERS_PAGE).run()
    assert not app.exception, app.exception
    return app, demo, list(groups.values())


def range_caption(app):
    return " ".join(c.value for c in app.tabs[2].caption)


def merge_buttons(app):
    return [b for b in app.button if b.key.startswith("clusters_merge_dup_")]


def shown_ideas(app):
    return {
        int(b.key.rsplit("_", 1)[1]) for b in app.button if b.key.startswith("clusters_not_dup_")
    }


def test_every_group_is_reachable_page_by_page(duplicates_tab):
    app, _, groups = duplicates_tab
    total = len(groups)
    assert app.tabs[2].label == f"Doublons ({total})"
    assert len(merge_buttons(app)) == PER_PAGE
    assert f"groupes 1 à {PER_PAGE} sur {total}" in range_caption(app)
    seen = shown_ideas(app)
    pages = app.selectbox(key="clusters_dup_page")
    assert pages.options == [str(p) for p in range(1, -(-total // PER_PAGE) + 1)]
    for page in range(2, len(pages.options) + 1):
        app.selectbox(key="clusters_dup_page").set_value(page).run()
        assert not app.exception, app.exception
        first, last = (page - 1) * PER_PAGE + 1, min(page * PER_PAGE, total)
        assert f"groupes {first} à {last} sur {total}" in range_caption(app)
        assert len(merge_buttons(app)) == last - first + 1
        seen |= shown_ideas(app)
    assert seen == {i for group in groups for i in group}


def test_not_a_duplicate_takes_the_idea_out_of_its_group_then_undo(duplicates_tab, db_path):
    app, demo, groups = duplicates_tab
    app.selectbox(key="clusters_dup_page").set_value(2).run()
    on_page = shown_ideas(app)
    pair = next(g for g in groups if len(g) == 2 and set(g) <= on_page)
    app.button(key=f"clusters_not_dup_{pair[1]}").click().run()
    assert not app.exception, app.exception
    assert app.success[0].value == f"L'idée n°{pair[1]} n'est plus proposée comme doublon."
    # a pair left with one idea is done: neither idea is suggested any more
    assert not set(pair) & shown_ideas(app)
    assert app.tabs[2].label == f"Doublons ({len(groups) - 1})"
    with Store(db_path) as store:
        [mark] = store.not_duplicate_marks(demo["id"])
        [line] = store.triage_history(demo["id"], idea_id=pair[1])
    assert (mark["idea_id"], mark["marked_by"], line["action"]) == (
        pair[1],
        "facilitator",
        "not_duplicate",
    )
    marked = app.tabs[2].expander[0]
    assert marked.label == "Idées marquées « pas un doublon » (1)"
    assert f"n°{pair[1]}" in marked.markdown[0].value and "l'animateur" in marked.markdown[0].value

    app.button(key=f"clusters_undo_not_dup_{mark['id']}").click().run()
    assert not app.exception, app.exception
    assert app.tabs[2].label == f"Doublons ({len(groups)})"
    with Store(db_path) as store:
        assert store.not_duplicate_marks(demo["id"]) == []


def test_merge_only_the_chosen_ideas_into_the_one_kept(duplicates_tab, db_path):
    app, demo, groups = duplicates_tab
    [trio] = [g for g in groups if len(g) == 3]
    group_key = int(merge_buttons(app)[0].key.rsplit("_", 1)[1])
    assert group_key in trio  # the largest group comes first, its most voted idea kept
    primary, stays = [i for i in trio if i != group_key]
    app.radio(key=f"clusters_dup_keep_{group_key}").set_value(primary).run()
    # the idea chosen to keep has no toggle; the one kept before can be switched off
    app.toggle(key=f"clusters_dup_pick_{group_key}").set_value(False).run()
    assert app.button(key=f"clusters_merge_dup_{group_key}").label == "Fusionner ces 2 idées"
    app.button(key=f"clusters_merge_dup_{group_key}").click().run()
    assert not app.exception, app.exception
    assert app.success[0].value == "2 idées fusionnées."
    with Store(db_path) as store:
        merges = store.active_merges(demo["id"])
        left = open_duplicate_group(store, group_key)
    assert [(m["primary_idea_id"], m["merged_idea_id"]) for m in merges] == [(primary, stays)]
    # the idea not chosen stays suggested with the one kept
    assert sorted(left) == sorted([group_key, primary])
    assert app.tabs[2].label == f"Doublons ({len(groups)})"
