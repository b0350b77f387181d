"""The idea form: answered after the commit, Post/Redirect/Get with a confirmation and the
list of my ideas; the same form sent twice stores one idea; a refused or failed idea keeps
the typed text on the phone with the reason."""

import sqlite3
import threading

from cocreate.store import Store

from .conftest import field, joined


def send(client, code, token, text, client_token, **extra):
    data = {"r": token, "client": client_token, "text": text, **extra}
    return client.post(f"/room/{code}/idea", data=data, follow_redirects=False)


def stored_texts(db_path, workshop_id):
    with Store(db_path) as store:
        return [i["text"] for i in store.list_ideas(workshop_id)]


def test_an_idea_is_stored_then_confirmed_with_my_ideas(phone, workshop, db_path):
    code = workshop["join_code"]
    client = phone()
    url, token = joined(client, code)
    form_token = field(client.get(url).text, "client")
    response = send(client, code, token, "Des bancs à l'ombre", form_token, author=" Mila ")
    assert response.status_code == 303
    with Store(db_path) as store:
        [idea] = store.list_ideas(workshop["id"])
    assert (idea["text"], idea["author"], idea["source"]) == (
        "Des bancs à l'ombre",
        "Mila",
        "participants",
    )
    page = client.get(response.headers["location"])
    assert "Idée reçue, merci !" in page.text
    assert "Vos idées (1)" in page.text and "Des bancs à l&#39;ombre" in page.text
    # a new form, a new client token: the next idea is its own
    assert field(page.text, "client") != form_token


def test_the_same_form_sent_twice_stores_one_idea(phone, workshop, db_path):
    code = workshop["join_code"]
    client = phone()
    _, token = joined(client, code)
    first = send(client, code, token, "Une fontaine", "f" * 32)
    again = send(client, code, token, "Une fontaine", "f" * 32)
    assert first.headers["location"] == again.headers["location"]
    assert stored_texts(db_path, workshop["id"]) == ["Une fontaine"]
    # the same text in a new form is a new idea (a person may mean it twice)
    send(client, code, token, "Une fontaine", "e" * 32)
    assert stored_texts(db_path, workshop["id"]) == ["Une fontaine", "Une fontaine"]


def test_another_phone_with_the_same_form_token_stores_its_own_idea(phone, workshop, db_path):
    code = workshop["join_code"]
    first, second = phone(), phone()
    send(first, code, joined(first, code)[1], "Des arbres", "a" * 32)
    send(second, code, joined(second, code)[1], "Des arbres", "a" * 32)
    assert len(stored_texts(db_path, workshop["id"])) == 2
    # each phone lists only its own
    page = first.get(f"/room/{code}")
    assert "Vos idées (1)" in page.text


def test_an_empty_idea_keeps_the_text_and_says_why(phone, workshop, db_path):
    code = workshop["join_code"]
    client = phone()
    _, token = joined(client, code)
    response = send(client, code, token, "   \n ", "b" * 32, author="Jo")
    assert response.status_code == 400
    assert "Votre idée n&#39;a pas été enregistrée : texte de l&#39;idée vide." in response.text
    assert field(response.text, "author") == "Jo"
    assert field(response.text, "client") == "b" * 32
    assert stored_texts(db_path, workshop["id"]) == []


def test_a_failed_write_keeps_the_typed_text(phone, workshop, db_path, monkeypatch):
    code = workshop["join_code"]
    client = phone()
    _, token = joined(client, code)

    def busy(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr("cocreate.web.routes.submit_idea", busy)
    response = send(client, code, token, "Un kiosque à musique", "c" * 32)
    assert response.status_code == 503
    assert "Pas enregistré : le serveur est occupé." in response.text
    assert ">Un kiosque à musique</textarea>" in response.text
    assert field(response.text, "client") == "c" * 32
    monkeypatch.undo()
    # sent again, the same form stores it once
    assert send(client, code, token, "Un kiosque à musique", "c" * 32).status_code == 303
    assert stored_texts(db_path, workshop["id"]) == ["Un kiosque à musique"]


def test_a_too_long_idea_is_refused_with_its_length(phone, workshop, db_path):
    code = workshop["join_code"]
    client = phone()
    _, token = joined(client, code)
    response = send(client, code, token, "mot " * 13_000, "d" * 32)
    assert response.status_code == 400
    assert "au-delà de la limite de 50000" in response.text
    assert stored_texts(db_path, workshop["id"]) == []


def test_fifty_phones_sending_at_once_store_every_idea_once(phone, workshop, db_path):
    code = workshop["join_code"]
    clients = [phone() for _ in range(50)]
    tokens = [joined(client, code)[1] for client in clients]
    answers = []

    def send_two(number):
        client, token = clients[number], tokens[number]
        for n in range(2):
            text = f"Idée {n} du téléphone {number}"
            first = send(client, code, token, text, f"{number:08d}{n}")
            again = send(client, code, token, text, f"{number:08d}{n}")  # a double tap
            answers.append((first.status_code, again.status_code))

    threads = [threading.Thread(target=send_two, args=(number,)) for number in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert answers == [(303, 303)] * 100
    texts = stored_texts(db_path, workshop["id"])
    assert len(texts) == 100 and len(set(texts)) == 100
