"""Clusters page on the demo workshop: cluster it from the page, then edit the wall
(rename, pin, merge near-duplicates, merge, split, move) and check what the store keeps."""

import shutil

import pyarrow as pa
import pytest

from cocreate.clustering import cluster_workshop, rename_cluster
from cocreate.clustering.labels import fold
from cocreate.ingest import submit_idea
from cocreate.privacy import hide_personal_data_many
from cocreate.records import IdeaRecord
from cocreate.store import Store
from cocreate.templates import load_demo

from .conftest import CLUSTERS_PAGE


def open_clusters_page(app):
    app.switch_page(CLUSTERS_PAGE).run()
    assert not app.exception, app.exception
    return app


@pytest.fixture
def demo(db_path):
    with Store(db_path) as store:
        workshop, _ = load_demo(store)
    return workshop


@pytest.fixture(scope="module")
def clustered_demo_file(tmp_path_factory, minilm):
    """A database holding the demo clustered through the library with the session's MiniLM,
    made once: each test gets its own copy (clustering takes seconds on a busy CPU)."""
    path = tmp_path_factory.mktemp("clustered") / "demo.db"
    with Store(path) as store:
        workshop, _ = load_demo(store)
        cluster_workshop(store, workshop["id"], model=minilm, seed=2, duplicate_threshold=0.8)
    return path


@pytest.fixture
def clustered(app, db_path, clustered_demo_file):
    """The Clusters page open on a fresh copy of the clustered demo."""
    shutil.copyfile(clustered_demo_file, db_path)
    with Store(db_path) as store:
        demo = store.get_workshop("demo")
    app.session_state["workshop_id"] = demo["id"]
    return open_clusters_page(app), demo


def clusters_of(db_path, workshop):
    with Store(db_path) as store:
        return store.active_clusters(workshop["id"])


def members_of(db_path, workshop):
    with Store(db_path) as store:
        groups = {}
        for row in store.assignments(workshop["id"]):
            groups.setdefault(row["cluster_id"], set()).add(row["idea_id"])
        return groups


def demo_records(db_path, workshop):
    """The workshop's ideas as records, to cluster a copy of them elsewhere."""
    with Store(db_path) as store:
        return [
            IdeaRecord(
                text=i["text"], source_key=str(i["id"]), title=i["title"], language=i["language"]
            )
            for i in store.list_ideas(workshop["id"], limit=None)
        ]


def card_titles(app):
    """The subheaders inside the wall's cards (the Edit tab's section titles excluded)."""
    return [s.value for s in app.tabs[0].subheader]


def test_without_ideas_the_page_points_to_the_ideas_page(app, db_path):
    with Store(db_path) as store:
        workshop = store.create_workshop("Vide", language="fr")
    app.session_state["workshop_id"] = workshop["id"]
    open_clusters_page(app)
    assert app.info[0].value.startswith("Pas encore d'idées à regrouper")
    assert not app.button


def test_cluster_button_groups_the_demo_and_shows_the_wall(app, db_path, demo):
    app.session_state["workshop_id"] = demo["id"]
    open_clusters_page(app)
    assert app.info[0].value == "Les 122 idées de cet atelier ne sont pas encore regroupées."
    app.select_slider(key="clusters_first_granularity").set_value(0.75)
    app.number_input(key="clusters_first_seed").set_value(4)
    app.button[0].click().run()  # the form's "Regrouper les idées", default model (USE)
    assert not app.exception, app.exception

    with Store(db_path) as store:
        clustering = store.latest_clustering(demo["id"])
        clusters = store.active_clusters(demo["id"])
        unassigned = [a for a in store.assignments(demo["id"]) if a["cluster_id"] is None]
    assert (clustering["model_id"], clustering["seed"]) == ("use-multilingual-v3", 4)
    assert clustering["params"]["granularity"] == 0.75
    # as many groups as the library finds with the same model, seed and granularity
    with Store(":memory:") as scratch:
        copy = scratch.create_workshop("Copie", language="fr")
        scratch.add_ideas(copy["id"], demo_records(db_path, demo), source="copie")
        expected = cluster_workshop(scratch, copy["id"], seed=4, granularity=0.75)
    assert len(clusters) == expected.n_clusters
    assert 5 <= len(clusters) <= 20
    assert unassigned == []
    summary = app.success[0].value
    assert summary.startswith(
        f"122 idées regroupées avec use-multilingual-v3 (graine 4) : {len(clusters)} groupes"
    )
    assert "122 textes encodés, 0 repris du cache" in summary
    # one card per cluster, largest first, with its size in the members expander
    assert card_titles(app) == [c["label"] for c in clusters]
    sizes = [e.label for e in app.tabs[0].expander][: len(clusters)]
    assert sizes == [f"Les {c['size']} idées" for c in clusters]
    assert [m.value for m in app.metric][:2] == [str(len(clusters)), "122"]
    # the first card's full list: every idea, closest to the centre first
    listed = app.tabs[0].expander[0].markdown[0].value.splitlines()
    assert len(listed) == clusters[0]["size"]
    closeness = [float(line.split("`")[1]) for line in listed]
    assert closeness == sorted(closeness, reverse=True)


def test_loose_ideas_are_flagged_on_their_card(clustered, db_path):
    app, demo = clustered
    with Store(db_path) as store:
        loose = sum(a["loose"] for a in store.assignments(demo["id"]))
    lists = "\n".join(e.markdown[0].value for e in app.tabs[0].expander if e.markdown)
    assert loose and lists.count("à l'écart : à vérifier") == loose
    assert app.metric[2].value == str(loose)


def test_rename_a_cluster(clustered, db_path):
    app, demo = clustered
    first = clusters_of(db_path, demo)[0]
    app.selectbox(key="clusters_edit_pick").set_value(first["id"]).run()
    app.text_input(key=f"clusters_label_{first['id']}").set_value("  Rues   scolaires ")
    app.button(key="clusters_save_label").click().run()
    assert not app.exception, app.exception
    renamed = clusters_of(db_path, demo)[0]
    assert (renamed["id"], renamed["label"], renamed["label_edited"]) == (
        first["id"],
        "Rues scolaires",
        1,
    )
    assert app.success[0].value == "Groupe renommé « Rues scolaires »."
    assert "Rues scolaires" in card_titles(app)


def test_an_empty_name_is_refused(clustered, db_path):
    app, demo = clustered
    first = clusters_of(db_path, demo)[0]
    app.text_input(key=f"clusters_label_{first['id']}").set_value("   ")
    app.button(key="clusters_save_label").click().run()
    assert app.error[0].value == "Un groupe a besoin d'un nom."
    assert clusters_of(db_path, demo)[0]["label"] == first["label"]


def test_merge_a_duplicate_suggestion_then_undo(clustered, db_path):
    app, demo = clustered
    [merge_button, *_] = [b for b in app.button if b.key.startswith("clusters_merge_dup_")]
    suggestions = len([b for b in app.button if b.key.startswith("clusters_merge_dup_")])
    primary = int(merge_button.key.rsplit("_", 1)[1])
    merge_button.click().run()
    assert not app.exception, app.exception
    with Store(db_path) as store:
        merges = store.active_merges(demo["id"])
        ideas = store.count_ideas(demo["id"])
    assert merges and {m["primary_idea_id"] for m in merges} == {primary}
    assert ideas == 122  # nothing deleted
    assert app.success[0].value == f"{len(merges) + 1} idées fusionnées."
    left = [b for b in app.button if b.key.startswith("clusters_merge_dup_")]
    assert len(left) == suggestions - 1
    # the merged idea stays on its card, flagged as repeating the primary one
    lists = [e.markdown[0].value for e in app.tabs[0].expander if e.markdown]
    assert sum(f"reprend le n°{primary}" in text for text in lists) == len(merges)
    assert app.tabs[2].label == f"Doublons ({suggestions - 1})"

    app.button(key=f"clusters_undo_{merges[0]['id']}").click().run()
    with Store(db_path) as store:
        assert store.active_merges(demo["id"]) == []
    assert app.success[0].value == "Fusion annulée."


def test_pin_then_recluster_keeps_the_pinned_group(clustered, db_path):
    app, demo = clustered
    before = clusters_of(db_path, demo)
    pinned = before[1]
    app.selectbox(key="clusters_edit_pick").set_value(pinned["id"]).run()
    app.button(key="clusters_pin").click().run()
    assert not app.exception, app.exception
    assert app.success[0].value == "Groupe épinglé."
    assert {c["id"]: c["pinned"] for c in clusters_of(db_path, demo)}[pinned["id"]] == 1
    assert app.button(key="clusters_pin").label == "Désépingler"
    members = members_of(db_path, demo)[pinned["id"]]

    app.select_slider(key="clusters_again_granularity").set_value(2.0)
    app.button(key="FormSubmitter:clusters_again_form-Regrouper à nouveau").click().run()
    assert not app.exception, app.exception
    after = clusters_of(db_path, demo)
    assert len(after) > len(before)
    assert pinned["id"] in {c["id"] for c in after}
    assert members_of(db_path, demo)[pinned["id"]] == members
    assert "graine 2" in app.success[0].value  # the wall's seed is kept by default


def test_merge_two_clusters(clustered, db_path):
    app, demo = clustered
    first, second, *_ = clusters_of(db_path, demo)
    app.multiselect(key="clusters_merge_pick").select(first["id"]).select(second["id"])
    app.text_input(key="clusters_merge_label").set_value("Écoles et vélo").run()
    app.button(key="clusters_merge_submit").click().run()
    assert not app.exception, app.exception
    after = {c["id"]: c for c in clusters_of(db_path, demo)}
    assert second["id"] not in after
    merged = after[first["id"]]
    assert (merged["label"], merged["pinned"], merged["size"]) == (
        "Écoles et vélo",
        1,
        first["size"] + second["size"],
    )
    assert app.success[0].value == "2 groupes fusionnés."
    assert app.text_input(key=f"clusters_label_{first['id']}").value == "Écoles et vélo"
    assert card_titles(app)[0] == "Écoles et vélo :material/push_pin:"


def test_split_a_cluster_and_move_an_idea(clustered, db_path):
    app, demo = clustered
    before = clusters_of(db_path, demo)
    biggest = before[0]
    app.selectbox(key="clusters_edit_pick").set_value(biggest["id"]).run()
    app.button(key="clusters_split").click().run()
    assert not app.exception, app.exception
    clusters = {c["id"]: c for c in clusters_of(db_path, demo)}
    [part] = [c for c in clusters.values() if c["id"] not in {b["id"] for b in before}]
    assert clusters[biggest["id"]]["size"] + part["size"] == biggest["size"]
    assert clusters[biggest["id"]]["pinned"] and part["pinned"]
    assert app.success[0].value.startswith("Groupe coupé")

    source, target = clusters_of(db_path, demo)[-1], clusters_of(db_path, demo)[0]
    app.selectbox(key="clusters_move_from").set_value(source["id"]).run()
    idea_id = app.selectbox(key="clusters_move_idea").value
    app.selectbox(key="clusters_move_to").set_value(target["id"])
    app.button(key="clusters_move_submit").click().run()
    assert not app.exception, app.exception
    with Store(db_path) as store:
        row = next(a for a in store.assignments(demo["id"]) if a["idea_id"] == idea_id)
    assert (row["cluster_id"], row["manual"]) == (target["id"], 1)
    assert app.success[0].value.startswith("Idée déplacée vers")


def test_new_ideas_wait_until_placed(clustered, db_path):
    app, demo = clustered

    with Store(db_path) as store:
        submit_idea(store, demo["id"], "Des pistes cyclables protégées rue de la gare")
    app.run()
    assert app.info[0].value == "1 nouvelles idées ne sont pas encore au mur."
    app.button(key="clusters_place").click().run()
    assert not app.exception, app.exception
    with Store(db_path) as store:
        assert all(a["cluster_id"] for a in store.assignments(demo["id"]))
    assert app.success[0].value == "1 nouvelles idées placées au mur."


def chart_tables(chart):
    return [pa.ipc.open_stream(d.data.data).read_pandas() for d in chart.proto.datasets]


def test_map_shows_every_idea_and_the_downloads_are_offered(clustered, db_path):
    app, demo = clustered
    [chart] = app.tabs[1].get("vega_lite_chart")
    points, centres = sorted(chart_tables(chart), key=len, reverse=True)
    clusters = clusters_of(db_path, demo)
    assert len(points) == 122
    assert set(points["group"]) == set(centres["group"]) == {c["label"] for c in clusters}
    with Store(db_path) as store:
        listed = store.list_ideas(demo["id"])
    # as projected: personal data hidden ("Ask for Angela" -> "Ask for [NAME]")
    shown = hide_personal_data_many([i["text"] for i in listed])
    ideas = {idea["id"]: text for idea, text in zip(listed, shown, strict=True)}
    tooltip = points.set_index("idea_id")["text"]
    assert all(ideas[i].startswith(text.rstrip("…")) for i, text in tooltip.items())
    downloads = app.get("download_button")
    assert [d.proto.label for d in downloads] == ["Télécharger (CSV)", "Télécharger (JSONL)"]


def test_the_page_speaks_english(clustered):
    app, _ = clustered
    app.sidebar.radio(key="lang").set_value("en").run()
    assert app.header[0].value == "Clusters · Démo : notre quartier en 2030"
    assert [tab.label for tab in app.tabs][:2] == ["Wall", "Map"]


def test_the_kept_wall_follows_changes_made_elsewhere(clustered, db_path):
    """The wall is kept between reruns until the workshop changes, whoever changes it."""
    app, demo = clustered
    app.run()  # a plain rerun is served from the cache
    first = clusters_of(db_path, demo)[0]
    assert first["label"] in card_titles(app)
    with Store(db_path) as other_session:
        rename_cluster(other_session, first["id"], "Renommé ailleurs")
    app.run()
    assert "Renommé ailleurs" in card_titles(app)
    assert first["label"] not in card_titles(app)


def test_the_page_says_when_the_ideas_split_no_finer(app, db_path, demo, use_model):
    # "much more groups" on 122 ideas: the clusterer uses a coarser granularity, and the
    # page tells the facilitator why the wall has no more groups and what gives more
    finest = "Ces idées ne se divisent pas davantage"
    app.session_state["workshop_id"] = demo["id"]
    for granularity, said in ((2.0, True), (1.0, False)):
        with Store(db_path) as store:
            summary = cluster_workshop(store, demo["id"], model=use_model, granularity=granularity)
        assert summary.finest_reached is said
        open_clusters_page(app)
        captions = [c.value for c in app.caption]
        assert any(c.startswith(finest) for c in captions) is said, captions


def test_map_names_of_neighbouring_groups_move_off_each_other():
    import pandas as pd

    from cocreate.ui.wall import (
        LABEL_LINE_PX,
        MAP_HEIGHT_PX,
        MAP_PADDING_PX,
        axis_domain,
        place_labels,
    )

    # two long names on almost the same centre, a third far to the right
    names = ["Repair café · déchetterie mobile", "Riverside · fitness trail", "Arbres"]
    centres = pd.DataFrame(
        {
            "group": names,
            "x": [0.0, 0.5, 9.0],
            "y": [0.0, 0.0, 0.0],
        }
    )
    placed = place_labels(centres, x_domain=(-10.0, 10.0), y_domain=(-10.0, 10.0))
    px_per_unit = (MAP_HEIGHT_PX - 2 * MAP_PADDING_PX) / 20.0
    offsets = (placed["label_y"] - placed["y"]) * px_per_unit
    # the first keeps its place just above its centre, the far one too; the second moves
    assert offsets[0] == pytest.approx(12) and offsets[2] == pytest.approx(12)
    assert abs(offsets[1] - offsets[0]) >= LABEL_LINE_PX
    assert list(placed["group"]) == list(centres["group"])
    # a map of one idea (or none) still gets a scale to place it on
    assert axis_domain(pd.Series([2.0])) == (1.0, 3.0)
    assert axis_domain(pd.Series([], dtype=float)) == (0.0, 1.0)
    assert axis_domain(pd.Series([3.0, -1.0])) == (-1.0, 3.0)


def test_the_groups_level_narrows_to_one_theme_and_says_each_ideas_second_theme(clustered, db_path):
    app, demo = clustered
    with Store(db_path) as store:
        themes = store.active_themes(demo["id"])
        groups = store.active_clusters(demo["id"])
        assignments = store.assignments(demo["id"])
    theme_label = {theme["id"]: theme["label"] for theme in themes}
    # each card says its theme, as a badge of its own
    badges = "\n".join(m.value for m in app.tabs[0].markdown)
    for group in groups:
        assert f":violet-badge[Thème : {theme_label[group['parent_id']]}]" in badges
    theme = next(th for th in themes if sum(g["parent_id"] == th["id"] for g in groups) >= 2)
    under = [g for g in groups if g["parent_id"] == theme["id"]]
    app.selectbox(key="clusters_wall_theme").set_value(theme["id"]).run()
    assert not app.exception, app.exception
    assert sorted(card_titles(app)) == sorted(g["label"] for g in under)
    # an idea between two themes says its second theme and how close it is
    between = [a for a in assignments if a["secondary_theme_id"] in theme_label]
    assert between, "the demo holds ideas between two themes"
    idea = between[0]
    line = f":green-badge[2e thème : {theme_label[idea['secondary_theme_id']]} · "
    line += f"{idea['secondary_similarity']:.2f}]"
    app.selectbox(key="clusters_wall_theme").set_value(None).run()
    members = "\n".join(m.value for m in app.tabs[0].markdown)
    assert line in members
    app.sidebar.radio(key="lang").set_value("en").run()
    assert app.selectbox(key="clusters_wall_theme").label == "Groups of the theme"
    assert "2nd theme: " in "\n".join(m.value for m in app.tabs[0].markdown)


def test_a_themes_box_opens_its_groups_as_cards(clustered, db_path):
    app, demo = clustered
    with Store(db_path) as store:
        themes = store.active_themes(demo["id"])
        groups = store.active_clusters(demo["id"])
    app.radio(key="clusters_level").set_value("themes").run()
    theme = next(th for th in themes if sum(g["parent_id"] == th["id"] for g in groups) >= 2)
    under = [g for g in groups if g["parent_id"] == theme["id"]]
    opener = app.button(key=f"clusters_open_groups_{theme['id']}")
    assert opener.label == f"Voir ses {len(under)} groupes en cartes"
    opener.click().run()
    assert not app.exception, app.exception
    assert app.radio(key="clusters_level").value == "groups"
    assert app.selectbox(key="clusters_wall_theme").value == theme["id"]
    assert sorted(card_titles(app)) == sorted(g["label"] for g in under)


def test_a_theme_is_pinned_with_its_groups_then_unpinned_from_the_edit_tab(clustered, db_path):
    app, demo = clustered
    with Store(db_path) as store:
        theme = store.active_themes(demo["id"])[0]
    app.selectbox(key="clusters_theme_pick").set_value(theme["id"]).run()
    assert app.button(key="clusters_theme_pin").label == "Épingler le thème"
    app.button(key="clusters_theme_pin").click().run()
    assert not app.exception, app.exception
    assert app.success[0].value == "Thème épinglé."
    with Store(db_path) as store:
        under = [c for c in store.active_clusters(demo["id"]) if c["parent_id"] == theme["id"]]
        assert store.get_cluster(theme["id"])["pinned"] == 1
    assert under and all(group["pinned"] for group in under)
    # the theme's box on the wall shows the pin; the button now unpins
    app.radio(key="clusters_level").set_value("themes").run()
    assert f"{theme['label']} :material/push_pin:" in card_titles(app)
    assert app.button(key="clusters_theme_pin").label == "Désépingler le thème"
    app.button(key="clusters_theme_pin").click().run()
    assert app.success[0].value == "Thème désépinglé."
    with Store(db_path) as store:
        assert store.get_cluster(theme["id"])["pinned"] == 0


PERSONAL = (
    "Un jardin partagé derrière l'école, appelez-moi au 06 12 34 56 78 ou marie.durand@example.org"
)


def test_the_projected_wall_hides_personal_data_until_the_facilitator_shows_it(
    app, db_path, minilm
):
    """The wall, its members lists and the theme wall show "[PHONE]" and
    "[EMAIL]" instead of what a participant typed; the toggle off shows the text as typed."""
    with Store(db_path) as store:
        workshop, _ = load_demo(store)
        submit_idea(store, workshop["id"], PERSONAL)
        cluster_workshop(store, workshop["id"], model=minilm, seed=2)
    app.session_state["workshop_id"] = workshop["id"]
    open_clusters_page(app)

    def shown() -> str:
        return "\n".join(str(m.value) for m in app.markdown)

    # the placeholders are drawn as text: their brackets escaped in the markdown
    assert "\\[PHONE\\]" in shown() and "\\[EMAIL\\]" in shown()
    assert "06 12 34 56 78" not in shown() and "marie.durand" not in shown()
    app.radio(key="clusters_level").set_value("themes").run()
    assert "06 12 34 56 78" not in shown()
    app.toggle(key="clusters_hide_personal").set_value(False).run()
    app.radio(key="clusters_level").set_value("groups").run()
    assert "06 12 34 56 78" in shown() and "marie.durand@example.org" in shown()


def test_a_word_forbidden_on_the_edit_tab_leaves_the_names_and_can_be_allowed_again(
    clustered, db_path
):
    app, demo = clustered
    before = clusters_of(db_path, demo)
    groups_before = set(map(frozenset, members_of(db_path, demo).values()))
    largest = max((c for c in before if c["level"] == 0), key=lambda c: c["size"])
    word = largest["label"].replace("·", " ").split()[0]
    submit = "FormSubmitter:clusters_never_form-Ne plus utiliser"

    app.text_input(key="clusters_never_word").set_value("deux mots")
    app.button(key=submit).click().run()
    assert not app.exception, app.exception
    assert app.error[0].value.startswith("Non ajouté : 'deux mots': one word at a time")
    with Store(db_path) as store:
        assert store.words_never_in_names() == []

    app.text_input(key="clusters_never_word").set_value(word)
    app.button(key=submit).click().run()
    assert not app.exception, app.exception
    assert app.success[0].value == (
        f"« {word} » ne nommera plus aucun groupe ni thème : les noms ont été refaits."
    )
    with Store(db_path) as store:
        [stored] = store.words_never_in_names()
    assert stored["written"] == word and stored["added_by"] == "facilitator"
    after = clusters_of(db_path, demo)
    assert set(map(frozenset, members_of(db_path, demo).values())) == groups_before
    for cluster in after:
        assert fold(word) not in {fold(w) for w in cluster["label"].replace("·", " ").split()}
    assert not any(word in title for title in card_titles(app))
    lines = [m.value for m in app.tabs[3].markdown if "ajouté par" in m.value]
    assert lines and lines[0].startswith(f"**{word}** · ajouté par l'animateur")

    app.button(key=f"clusters_never_remove_{stored['id']}").click().run()
    assert not app.exception, app.exception
    assert app.success[0].value.startswith(f"« {word} » peut de nouveau nommer des groupes")
    with Store(db_path) as store:
        assert store.words_never_in_names() == []
    assert largest["label"] in {c["label"] for c in clusters_of(db_path, demo)}
