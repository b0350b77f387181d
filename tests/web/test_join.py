"""Joining the room: by the typed code or the QR link, once; the rater is kept by the cookie
and by the URL, so a reload or a lost connection keeps the participant."""

from urllib.parse import parse_qs, urlsplit

from .conftest import joined, raters


def test_join_by_typed_code_in_any_case_with_spaces(phone, workshop, db_path):
    client = phone()
    page = client.get("/room")
    assert page.status_code == 200
    assert "Rejoindre un atelier" in page.text and 'name="code"' in page.text
    code = workshop["join_code"]
    typed = f" {code[:3].lower()} {code[3:].lower()} "
    response = client.get("/room", params={"code": typed}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/room/{code}"
    room = client.get(response.headers["location"])
    assert "Place du marché" in room.text
    assert "Votre idée pour : Comment rendre la place plus agréable ?" in room.text
    assert len(raters(db_path, workshop["id"])) == 1


def test_a_wrong_code_says_so_and_keeps_what_was_typed(phone, workshop):
    response = phone().get("/room", params={"code": "zzz999"})
    assert response.status_code == 404
    assert "Aucun atelier n&#39;a le code « zzz999 »" in response.text
    assert 'value="zzz999"' in response.text
    assert phone().get("/room/ZZZ999").status_code == 404


def test_join_by_link_puts_the_token_in_the_url_and_a_cookie(phone, workshop, db_path):
    client = phone()
    code = workshop["join_code"]
    first = client.get(f"/room/{code}", follow_redirects=False)
    assert first.status_code == 303
    token = parse_qs(urlsplit(first.headers["location"]).query)["r"][0]
    [rater] = raters(db_path, workshop["id"])
    assert rater["token"] == token and rater["kind"] == "participant"
    cookie = first.headers["set-cookie"]
    assert f"cocreate_room_{code}={token}" in cookie
    assert "HttpOnly" in cookie and "Path=/room" in cookie


def test_a_reload_keeps_the_rater_by_cookie_or_by_url(phone, workshop, db_path):
    code = workshop["join_code"]
    client = phone()
    url, token = joined(client, code)
    # reload of the page's address, and the bare QR link again (cookie only)
    assert joined(client, code)[1] == token
    assert client.get(url).status_code == 200
    # the same link on a phone that lost its cookies (the token in the URL only)
    other = phone()
    assert joined(other, code, r=token)[1] == token
    assert [r["token"] for r in raters(db_path, workshop["id"])] == [token]


def test_a_known_token_is_never_replaced(phone, workshop, db_path):
    code = workshop["join_code"]
    client = phone()
    _, mine = joined(client, code)
    _, theirs = joined(phone(), code)
    # the link names a known rater: it wins over the cookie, and no rater is made
    assert joined(client, code, r=theirs)[1] == theirs
    # an unknown token in the link: the cookie's rater, not a new one
    assert joined(phone(), code, r="no-such-token")[1] != mine  # a new phone: a new rater
    assert joined(client, code, r="no-such-token")[1] == theirs
    assert len(raters(db_path, workshop["id"])) == 3


def test_a_rater_of_another_workshop_is_not_taken(phone, workshop, db_path):
    from cocreate.store import Store

    with Store(db_path) as store:
        other = store.create_workshop("Autre atelier")
        foreign = store.add_rater(other["id"])["token"]
    _, token = joined(phone(), workshop["join_code"], r=foreign)
    assert token != foreign
    assert [r["token"] for r in raters(db_path, workshop["id"])] == [token]
