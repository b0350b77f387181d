"""Ideas page: add an idea, import a file with its mapping preview, search the list."""

import pytest

from cocreate.store import Store

from .conftest import IDEAS_PAGE


@pytest.fixture
def ideas_page(app, db_path):
    with Store(db_path) as store:
        workshop = store.create_workshop("Quartier", language="fr")
    app.session_state["workshop_id"] = workshop["id"]
    app.switch_page(IDEAS_PAGE).run()
    assert not app.exception, app.exception
    return app, workshop


def stored_ideas(db_path, workshop):
    with Store(db_path) as store:
        return store.list_ideas(workshop["id"])


def test_without_a_workshop_the_page_points_to_the_workshop_page(app):
    app.switch_page(IDEAS_PAGE).run()
    assert app.info[0].value.startswith("Aucun atelier choisi")


def test_add_an_idea(ideas_page, db_path):
    app, workshop = ideas_page
    app.text_area(key="ideas_add_text").set_value("Des bancs à l'ombre sur la place du marché")
    app.text_input(key="ideas_add_author").set_value("Zoé")
    app.button[0].click().run()
    assert not app.exception
    [idea] = stored_ideas(db_path, workshop)
    assert (idea["text"], idea["author"], idea["source"]) == (
        "Des bancs à l'ombre sur la place du marché",
        "Zoé",
        "form",
    )
    assert app.success[0].value == "Idée ajoutée."
    listed = app.dataframe[0].value
    assert listed["Idée"].tolist() == ["Des bancs à l'ombre sur la place du marché"]


def test_an_empty_idea_is_refused(ideas_page, db_path):
    app, workshop = ideas_page
    app.text_area(key="ideas_add_text").set_value("   ")
    app.button[0].click().run()
    assert app.error[0].value == "form: texte de l'idée vide"
    assert stored_ideas(db_path, workshop) == []


def test_import_a_file_with_mapping_preview(ideas_page, db_path):
    app, workshop = ideas_page
    content = "Identifiant;Titre;Proposition;Thématique\n"
    content += "1;Vélo;Des pistes cyclables protégées;Mobilité\n"
    content += "2;Arbres;Planter des arbres dans les cours d'école;Nature\n"
    content += "3;Vide;;Nature\n"
    app.file_uploader(key="ideas_upload").set_value(
        ("consultation.csv", content.encode("cp1252"), "text/csv")
    ).run()
    assert not app.exception, app.exception
    file_selects = [s for s in app.selectbox if s.key and s.key.startswith("ideas_map_text_")]
    assert file_selects[0].value == "Proposition"
    preview = app.dataframe[0].value
    assert preview["Idée"].tolist()[:2] == [
        "Des pistes cyclables protégées",
        "Planter des arbres dans les cours d'école",
    ]
    app.button(key="ideas_import_button").click().run()
    assert not app.exception, app.exception
    ideas = stored_ideas(db_path, workshop)
    # the empty proposal falls back on its title: nothing lost
    assert [i["text"] for i in ideas] == [
        "Des pistes cyclables protégées",
        "Planter des arbres dans les cours d'école",
        "Vide",
    ]
    assert {i["source"] for i in ideas} == {"consultation.csv"}
    assert app.success[0].value.startswith("Import terminé. 3 lignes lues : 3 ajoutées")
    # the same file again adds nothing
    app.button(key="ideas_import_button").click().run()
    assert len(stored_ideas(db_path, workshop)) == 3
    assert "0 ajoutées, 3 déjà présentes" in app.success[0].value


def test_changing_the_mapping_changes_what_is_imported(ideas_page, db_path):
    app, workshop = ideas_page
    content = "titre,texte\nBancs,Installer des bancs\n"
    app.file_uploader(key="ideas_upload").set_value(("f.csv", content.encode(), "text/csv")).run()
    [text_select] = [s for s in app.selectbox if s.key and s.key.startswith("ideas_map_text_")]
    text_select.set_value("titre").run()
    app.button(key="ideas_import_button").click().run()
    assert [i["text"] for i in stored_ideas(db_path, workshop)] == ["Bancs"]


def test_search_and_filter_the_list(ideas_page, db_path):
    app, workshop = ideas_page
    with Store(db_path) as store:
        from cocreate.ingest import submit_idea

        submit_idea(
            store, workshop["id"], "Un parking vélo sécurisé à la gare", category="mobilité"
        )
        submit_idea(
            store, workshop["id"], "Plant trees in the school playground", category="nature"
        )
    app.run()
    assert len(app.dataframe[0].value) == 2
    app.text_input(key="ideas_search").set_value("velo").run()
    assert app.dataframe[0].value["Idée"].tolist() == ["Un parking vélo sécurisé à la gare"]
    app.text_input(key="ideas_search").set_value("").run()
    app.selectbox(key="ideas_language").set_value("en").run()
    assert app.dataframe[0].value["Idée"].tolist() == ["Plant trees in the school playground"]
