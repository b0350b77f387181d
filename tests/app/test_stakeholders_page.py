"""Stakeholders page: start from a typical map or a file, add actors and relations and see
them on the network and the power/interest grid, edit the tables, and see who must say yes
to a cluster and whether citizens are missing."""

import pyarrow as pa
import pytest

from cocreate.ingest import submit_idea
from cocreate.stakeholders import load_starter_map, map_from_graph, read_graphml, workshop_graph
from cocreate.store import Store
from cocreate.ui.stakeholder_view import map_bytes

STAKEHOLDERS_PAGE = "cocreate/ui/pages/stakeholders.py"


@pytest.fixture
def workshop(db_path):
    with Store(db_path) as store:
        return store.create_workshop("Rue apaisée", language="fr")


def open_page(app, workshop):
    app.session_state["workshop_id"] = workshop["id"]
    app.switch_page(STAKEHOLDERS_PAGE).run()
    assert not app.exception, app.exception
    return app


def stored(db_path, workshop):
    with Store(db_path) as store:
        return store.list_actors(workshop["id"]), store.list_relations(workshop["id"])


def chart_tables(chart):
    return [pa.ipc.open_stream(d.data.data).read_pandas() for d in chart.proto.datasets]


def table_with(chart, *columns, without="-"):
    """The one data table of a chart that has ``columns`` (and not ``without``)."""
    [table] = [
        t
        for t in chart_tables(chart)
        if set(columns) <= set(t.columns) and without not in t.columns
    ]
    return table


def test_an_empty_map_loads_the_city_project_starter_in_french(app, db_path, workshop):
    open_page(app, workshop)
    assert app.info[0].value.startswith("Aucun acteur sur cette carte")
    starters = app.radio(key="stakeholders_starter_start")
    assert starters.options == ["Un projet urbain type", "Le trio habitants, ville, entreprises"]
    starters.set_value("city-project")
    app.button(key="stakeholders_load_start").click().run()
    assert not app.exception, app.exception

    actors, relations = stored(db_path, workshop)
    assert len(actors) == 12 and len(relations) == 15
    assert {a["name"] for a in actors} >= {"Cabinet du maire", "Conseil de quartier"}
    assert app.success[0].value == "12 acteurs, 15 relations et 0 liens ajoutés."
    assert [m.value for m in app.metric][:2] == ["12", "15"]
    # the network shows every actor by name, the grid puts each in its quadrant
    nodes = table_with(app.tabs[0].get("vega_lite_chart")[0], "betweenness")
    assert set(nodes["name"]) == {a["name"] for a in actors}
    grid = table_with(app.tabs[1].get("vega_lite_chart")[0], "quadrant_id")
    quadrants = dict(zip(grid["name"], grid["quadrant"], strict=True))
    assert quadrants["Cabinet du maire"] == "Gérer de près"
    assert quadrants["Préfecture"] == "Satisfaire"
    assert quadrants["Association des habitants du quartier"] == "Tenir informé"


def add_actor(app, name, group, power, interest, stance="unknown"):
    app.text_input(key="stakeholders_new_name_start").set_value(name)
    app.selectbox(key="stakeholders_new_group_start").set_value(group)
    app.slider(key="stakeholders_new_power_start").set_value(power)
    app.slider(key="stakeholders_new_interest_start").set_value(interest)
    app.selectbox(key="stakeholders_new_stance_start").set_value(stance)
    app.button(key="FormSubmitter:stakeholders_add_actor_start-Ajouter l'acteur").click().run()
    assert not app.exception, app.exception


def test_add_two_actors_and_a_relation_and_see_them_on_the_map_and_grid(app, db_path, workshop):
    open_page(app, workshop)
    add_actor(app, "Mairie de quartier", "city", 5, 4, "supports")
    assert app.success[0].value == "« Mairie de quartier » ajouté."
    # the first actor leaves the start screen: the next one is added from the Edit tab
    app.text_input(key="stakeholders_new_name_edit").set_value("Collectif Rue Verte")
    app.selectbox(key="stakeholders_new_group_edit").set_value("citizens")
    app.slider(key="stakeholders_new_power_edit").set_value(1)
    app.slider(key="stakeholders_new_interest_edit").set_value(5)
    app.selectbox(key="stakeholders_new_stance_edit").set_value("opposes")
    app.button(key="FormSubmitter:stakeholders_add_actor_edit-Ajouter l'acteur").click().run()
    assert not app.exception, app.exception

    app.selectbox(key="stakeholders_new_source").set_value("collectif_rue_verte")
    app.selectbox(key="stakeholders_new_type").set_value("opposes")
    app.selectbox(key="stakeholders_new_target").set_value("mairie_de_quartier")
    app.number_input(key="stakeholders_new_weight").set_value(2.0)
    app.button(key="FormSubmitter:stakeholders_add_relation-Ajouter la relation").click().run()
    assert not app.exception, app.exception
    assert app.success[0].value == ("Ajouté : Collectif Rue Verte s'oppose à Mairie de quartier.")

    actors, relations = stored(db_path, workshop)
    assert [(a["key"], a["group"], a["power"], a["interest"], a["stance"]) for a in actors] == [
        ("mairie_de_quartier", "city", 5, 4, "supports"),
        ("collectif_rue_verte", "citizens", 1, 5, "opposes"),
    ]
    [relation] = relations
    assert (relation["source_key"], relation["type"], relation["target_key"]) == (
        "collectif_rue_verte",
        "opposes",
        "mairie_de_quartier",
    )
    assert (relation["weight"], relation["direction"]) == (2.0, "directed")

    network = app.tabs[0].get("vega_lite_chart")[0]
    nodes = table_with(network, "betweenness")
    assert sorted(nodes["name"]) == ["Collectif Rue Verte", "Mairie de quartier"]
    assert dict(zip(nodes["name"], nodes["group"], strict=True)) == {
        "Collectif Rue Verte": "Habitants et collectifs d'habitants",
        "Mairie de quartier": "Services de la ville et élus",
    }
    [edge] = table_with(network, "relation_id", without="mx").to_dict("records")
    [arrow] = table_with(network, "relation_id", "mx").to_dict("records")
    assert (arrow["x"], arrow["x2"]) == (edge["x"], edge["x2"])  # it points at the town hall
    assert (edge["source"], edge["relation"], edge["target"], edge["weight"]) == (
        "Collectif Rue Verte",
        "s'oppose à",
        "Mairie de quartier",
        2.0,
    )
    assert edge["colour"] == "#D55E00"  # opposition stands out

    grid = table_with(app.tabs[1].get("vega_lite_chart")[0], "quadrant_id")
    rows = grid.set_index("name")
    assert rows.loc["Mairie de quartier", "quadrant"] == "Gérer de près"
    assert rows.loc["Collectif Rue Verte", "quadrant"] == "Tenir informé"
    assert rows.loc["Collectif Rue Verte", "stance"] == "Opposé"
    assert (rows.loc["Collectif Rue Verte", "x"], rows.loc["Collectif Rue Verte", "y"]) == (5, 1)


def test_a_second_actor_with_the_same_name_is_refused(app, db_path, workshop):
    open_page(app, workshop)
    add_actor(app, "Mairie", "city", 5, 4)
    app.text_input(key="stakeholders_new_name_edit").set_value("  mairie ")
    app.selectbox(key="stakeholders_new_group_edit").set_value("state")
    app.button(key="FormSubmitter:stakeholders_add_actor_edit-Ajouter l'acteur").click().run()
    assert app.error[0].value == "Il y a déjà un acteur nommé « mairie »."
    assert len(stored(db_path, workshop)[0]) == 1


def test_a_bad_file_names_its_row_and_stores_nothing(app, db_path, workshop):
    open_page(app, workshop)
    content = "Label,Type,Group,Power\nMairie,actor,city,5\nHabitants,actor,martians,2\n"
    app.file_uploader(key="stakeholders_upload_start").set_value(
        ("acteurs.csv", content.encode("utf-8"), "text/csv")
    )
    app.run()
    app.button(key="stakeholders_import_start").click().run()
    assert not app.exception, app.exception
    [error] = app.error
    assert "Rien n'a été enregistré : 1 problème(s)" in error.value
    assert "acteurs.csv, ligne 3, colonne Group: groupe inconnu « martians »" in error.value
    assert stored(db_path, workshop) == ([], [])
    assert app.info[0].value.startswith("Aucun acteur")  # still the start screen


def test_edit_the_actors_and_relations_tables(app, db_path, workshop):
    with Store(db_path) as store:
        load_starter_map(store, workshop["id"], "trio", "fr")
    open_page(app, workshop)
    table = app.data_editor(key="stakeholders_actors_table").value
    assert list(table["name"]) == ["Habitants", "La ville (élus et services)", "Entreprises"]
    companies = list(table["key"]).index("companies")
    residents = list(table["key"]).index("residents")
    # a new row, a changed power and a deleted row, as the grid sends them
    app.session_state["stakeholders_actors_table"] = {
        "edited_rows": {residents: {"power": 4}},
        "added_rows": [{"name": "Université", "group": "academia", "power": 2, "interest": 3}],
        "deleted_rows": [companies],
    }
    app.run()
    app.button(key="stakeholders_save_actors").click().run()
    assert not app.exception, app.exception
    assert app.success[0].value == "Enregistré : 1 ajouté(s), 1 modifié(s), 1 supprimé(s)."
    actors, relations = stored(db_path, workshop)
    assert {a["key"]: a["power"] for a in actors} == {"residents": 4, "city": 5, "universite": 2}
    # the deleted actor's relations went with it
    assert {(r["source_key"], r["target_key"]) for r in relations} == {
        ("city", "residents"),
        ("residents", "city"),
    }

    # a relation row without its type is refused with its row, and nothing changes
    app.session_state["stakeholders_relations_table"] = {
        "edited_rows": {},
        "added_rows": [{"source": "universite", "target": "city"}],
        "deleted_rows": [],
    }
    app.run()
    app.button(key="stakeholders_save_relations").click().run()
    assert "ligne 3, colonne Relation: Relation est vide" in app.error[0].value
    assert len(stored(db_path, workshop)[1]) == 2

    app.session_state["stakeholders_relations_table"] = {
        "edited_rows": {0: {"type": "funds"}},
        "added_rows": [{"source": "universite", "target": "city", "type": "informs"}],
        "deleted_rows": [1],
    }
    app.run()
    app.button(key="stakeholders_save_relations").click().run()
    assert not app.exception, app.exception
    assert {
        (r["source_key"], r["type"], r["target_key"]) for r in stored(db_path, workshop)[1]
    } == {
        ("city", "funds", "residents"),
        ("universite", "informs", "city"),
    }


@pytest.fixture
def lanes(db_path, workshop):
    """The city-project map and a cluster of two ideas about bike lanes."""
    with Store(db_path) as store:
        load_starter_map(store, workshop["id"], "city-project", "fr")
        ideas = [
            submit_idea(store, workshop["id"], text)
            for text in ("Des pistes cyclables protégées", "Une piste le long du canal")
        ]
        cluster = store.create_cluster(
            workshop["id"], label="Pistes cyclables", keywords=[], centroid=[0.0], pinned=False
        )
        store.add_assignments(
            [{"idea_id": i["id"], "cluster": cluster, "similarity": 1.0} for i in ideas]
        )
    return cluster


def link(app, actor, role):
    app.selectbox(key="stakeholders_new_link_actor").set_value(actor)
    app.selectbox(key="stakeholders_new_link_role").set_value(role)
    app.button(key="FormSubmitter:stakeholders_add_link-Relier").click().run()
    assert not app.exception, app.exception


def test_who_must_say_yes_to_a_cluster_and_citizens_missing(app, db_path, workshop, lanes):
    open_page(app, workshop)
    cluster_tab = app.tabs[2]
    picker = cluster_tab.selectbox(key="stakeholders_cluster")
    assert (picker.value, picker.options) == (lanes, ["Pistes cyclables · 0 acteur(s) relié(s)"])
    assert cluster_tab.error[0].value.startswith("Aucun habitant n'est relié à ce regroupement")

    link(app, "roads_department", "owner")
    assert app.success[0].value == (
        "Direction de la voirie relié à « Pistes cyclables » comme Porteur."
    )
    with Store(db_path) as store:
        assert store.get_cluster(lanes)["pinned"] == 1  # re-clustering keeps the link
    cluster_tab = app.tabs[2]
    must = cluster_tab.markdown[0].value
    assert "**Direction de la voirie** · Porteur" in must
    # the council funds the roads department: its yes is needed, and the page says why
    assert "**Conseil municipal**  \n  via : *finance* → Direction de la voirie" in must
    assert (
        "**Préfecture**  \n  via : *réglemente* → Conseil municipal → *finance* → Direction" in must
    )
    assert must.index("Direction de la voirie** · Porteur") < must.index("**Conseil municipal**")
    assert cluster_tab.error[0].value.startswith("Aucun habitant")
    assert "Manquent aussi" in cluster_tab.warning[0].value

    link(app, "residents_association", "affected")
    cluster_tab = app.tabs[2]
    assert not cluster_tab.error
    linked = cluster_tab.dataframe[0].value
    assert list(linked["Nom"]) == [
        "Association des habitants du quartier",
        "Direction de la voirie",
    ]
    # the linked cluster is drawn on the map with its two actors
    targets = table_with(app.tabs[0].get("vega_lite_chart")[0], "kind")
    assert list(targets["name"]) == ["Pistes cyclables"]

    # the links table takes a link out again
    links = app.data_editor(key="stakeholders_links_table").value
    assert list(zip(links["actor"], links["role"], strict=True)) == [
        ("roads_department", "owner"),
        ("residents_association", "affected"),
    ]
    app.session_state["stakeholders_links_table"] = {
        "edited_rows": {},
        "added_rows": [],
        "deleted_rows": [0],
    }
    app.run()
    app.button(key="stakeholders_save_links").click().run()
    assert not app.exception, app.exception
    assert app.success[0].value == "Enregistré : 0 ajouté(s), 0 modifié(s), 1 supprimé(s)."
    with Store(db_path) as store:
        kept = store.list_stakeholder_links(workshop["id"])
    assert [(row["actor_key"], row["role"]) for row in kept] == [
        ("residents_association", "affected")
    ]
    assert app.tabs[2].info[0].value.startswith("Personne pour l'instant")


def test_exports_give_back_the_map_and_the_page_speaks_english(app, db_path, workshop):
    with Store(db_path) as store:
        load_starter_map(store, workshop["id"], "trio", "en")
        G = workshop_graph(store, workshop["id"])
    open_page(app, workshop)
    labels = [d.proto.label for d in app.get("download_button")]
    assert labels == ["GraphML", "GEXF", "JSON", "Kumu (XLSX)"]
    path = db_path.parent / "map.graphml"
    path.write_bytes(map_bytes(G, "graphml"))
    assert map_from_graph(read_graphml(path)) == map_from_graph(G)

    app.sidebar.radio(key="lang").set_value("en").run()
    assert app.header[0].value == "Stakeholders · Rue apaisée"
    assert [tab.label for tab in app.tabs][:3] == ["Map", "Power / interest", "Who must say yes"]
    grid = table_with(app.tabs[1].get("vega_lite_chart")[0], "quadrant_id")
    assert (
        dict(zip(grid["name"], grid["quadrant"], strict=True))[
            "The city (elected officials and services)"
        ]
        == "Manage closely"
    )
