"""Workshop page: create from a template, open an existing one, switch language."""

from cocreate.store import Store


def test_create_a_workshop_from_a_template(app, db_path):
    assert app.header[0].value == "Atelier"
    app.selectbox(key="workshop_template").set_value("cycle-friendly-centre").run()
    title = app.text_input(key="workshop_title_cycle-friendly-centre")
    assert title.value == "Un centre-ville cyclable"
    title.set_value("Vélo au centre, atelier du 3 mars")
    app.button[-1].click().run()  # the form's "Créer"
    assert not app.exception
    with Store(db_path) as store:
        [workshop] = store.list_workshops()
    assert workshop["title"] == "Vélo au centre, atelier du 3 mars"
    assert workshop["template"] == "cycle-friendly-centre"
    assert workshop["challenge"].startswith("Comment pourrions-nous rendre le centre-ville")
    assert workshop["language"] == "fr"
    assert app.success[0].value == "Atelier « Vélo au centre, atelier du 3 mars » créé."
    assert app.session_state["workshop_id"] == workshop["id"]
    assert app.query_params["w"] == [workshop["slug"]] or app.query_params["w"] == workshop["slug"]
    assert any(m.value == workshop["join_code"] for m in app.metric)


def test_a_title_is_required(app, db_path):
    app.selectbox(key="workshop_template").set_value("blank").run()
    app.button[-1].click().run()
    assert app.error[0].value == "Un atelier a besoin d'un titre."
    with Store(db_path) as store:
        assert store.list_workshops() == []


def test_open_an_existing_workshop(app, db_path):
    with Store(db_path) as store:
        store.create_workshop("Premier")
        second = store.create_workshop("Second", challenge="Comment faire ?")
    app.run()
    app.selectbox(key="workshop_pick").set_value(second["id"]).run()
    app.button(key="workshop_open").click().run()
    assert app.session_state["workshop_id"] == second["id"]
    assert app.subheader[0].value == "Second"
    assert "Atelier en cours" in [c.value for c in app.sidebar.caption]


def test_the_interface_switches_to_english(app):
    app.sidebar.radio(key="lang").set_value("en").run()
    assert app.header[0].value == "Workshop"
    assert app.selectbox(key="workshop_template").label == "Start from a template"
