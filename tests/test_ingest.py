"""Reading idea files: encodings, delimiters, spreadsheets, JSON, mapping, bad input."""

import json

import openpyxl
import pytest

from cocreate.ingest import (
    IngestError,
    clean_text,
    guess_mapping,
    import_file,
    parse_created,
    preview_file,
    read_table,
    submit_idea,
)

FRENCH_EXCEL = "Identifiant;Titre;Proposition;Thématique;Soutiens\r\n"
FRENCH_EXCEL += "1;Vélo;Des pistes cyclables protégées, rue de l'Église;Mobilité;12\r\n"
FRENCH_EXCEL += "2;Arbres;Planter des arbres « partout »;Nature;3\r\n"


def write(tmp_path, name, content, encoding="utf-8"):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding=encoding, newline="")
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_french_excel_csv_in_any_encoding(tmp_path, encoding):
    path = write(tmp_path, "idees.csv", FRENCH_EXCEL, encoding)
    table = read_table(path)
    assert table.delimiter == ";"
    assert table.columns[3] == "Thématique"
    preview = preview_file(path, default_language="fr")
    assert preview.mapping == {
        "text": "Proposition",
        "title": "Titre",
        "category": "Thématique",
        "votes": "Soutiens",
        "source_id": "Identifiant",
    }
    first = preview.ideas[0]
    assert first.text == "Des pistes cyclables protégées, rue de l'Église"
    assert (first.title, first.category, first.votes, first.source_id) == (
        "Vélo",
        "Mobilité",
        12,
        "1",
    )
    assert first.language == "fr"
    assert preview.ideas[1].text == "Planter des arbres « partout »"


def test_tsv_and_english_headers(tmp_path):
    content = "idea_id\tauthor\ttopic\tdate\tdescription\n"
    content += "a1\tSam\tparks\t2026-03-04\tMore benches and shade in Riverside park please\n"
    preview = preview_file(write(tmp_path, "ideas.tsv", content))
    assert preview.table.delimiter == "\t"
    assert preview.mapping == {
        "text": "description",
        "author": "author",
        "category": "topic",
        "created": "date",
        "source_id": "idea_id",
    }
    idea = preview.ideas[0]
    assert (idea.author, idea.created, idea.language) == ("Sam", "2026-03-04T00:00:00", "en")


def test_xlsx_with_a_title_row_above_the_header(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Export"
    sheet.append(["Consultation citoyenne, extraction du 12/05"])
    sheet.append([])
    sheet.append(["ID", "Titre", "Description", "Votes"])
    sheet.append([7, "Bancs", "Installer des bancs place du marché", 4])
    sheet.append([8, "Fontaines", "", 1])
    path = tmp_path / "export.xlsx"
    book.save(path)
    preview = preview_file(path)
    assert preview.table.columns == ["ID", "Titre", "Description", "Votes"]
    assert [i.source_id for i in preview.ideas] == ["7", "8"]
    # an empty description falls back on the title
    assert preview.ideas[1].text == "Fontaines"
    assert preview.ideas[0].line == 4


def test_json_and_jsonl_with_nested_decidim_fields(tmp_path):
    records = [
        {"id": 1, "title": {"fr": "Jardins"}, "body": {"fr": "<p>Des jardins <b>partagés</b></p>"}},
        {"id": 2, "title": {"fr": "Compost"}, "body": {"fr": "Un composteur par immeuble"}},
    ]
    json_path = write(tmp_path, "proposals.json", json.dumps({"proposals": records}))
    preview = preview_file(json_path)
    assert preview.known_format.name == "decidim"
    assert preview.mapping["text"] == "body/fr"
    assert preview.ideas[0].text == "Des jardins\npartagés"
    assert preview.ideas[0].original["body/fr"].startswith("<p>")
    lines = "\n".join(json.dumps(r) for r in records) + "\n{broken\n"
    jsonl = preview_file(write(tmp_path, "proposals.jsonl", lines))
    assert len(jsonl.ideas) == 2
    assert [(p.line, p.code) for p in jsonl.problems] == [(3, "bad_json")]


def test_bad_rows_are_reported_with_file_line_and_column(tmp_path, store, workshop):
    content = "id,text,votes\n1,Une bonne idée,3\n2,,1\n3,Trop,de,champs\n"
    content += f'4,"{"x" * 60_000}",0\n5,"Multi\nligne",beaucoup\n6,Encore une,2\n'
    path = write(tmp_path, "idees.csv", content)
    report = import_file(store, workshop["id"], path)
    problems = {(p.line, p.code) for p in report.problems}
    assert problems == {(3, "empty_text"), (4, "too_many_fields"), (5, "text_too_long")}
    assert str(report.problems[0]) == "idees.csv, line 3, column 'text' (B): empty idea text"
    assert report.problems[0].message("fr") == (
        "idees.csv, ligne 3, colonne 'text' (B): texte de l'idée vide"
    )
    # a bad vote count is a warning: the idea is kept, its original value too
    assert [(w.line, w.code) for w in report.warnings] == [(6, "bad_votes")]
    assert report.added == 3
    texts = [row["text"] for row in store.list_ideas(workshop["id"])]
    assert texts == ["Une bonne idée", "Multi\nligne", "Encore une"]
    multi = store.list_ideas(workshop["id"], search="multi")[0]
    assert (multi["votes"], json.loads(multi["original"])["votes"], multi["line"]) == (
        None,
        "beaucoup",
        6,
    )


def test_refused_file_changes_nothing(tmp_path, store, workshop):
    good = write(tmp_path, "ok.csv", "text\nGarder ceci\n")
    import_file(store, workshop["id"], good)
    no_text = write(tmp_path, "numbers.csv", "a,b\n1,2\n3,4\n")
    with pytest.raises(IngestError) as error:
        import_file(store, workshop["id"], no_text)
    assert error.value.problem.code == "no_text_column"
    assert "numbers.csv, line 1" in str(error.value)
    with pytest.raises(IngestError, match="holds no data"):
        import_file(store, workshop["id"], write(tmp_path, "empty.csv", "\n\n"))
    with pytest.raises(IngestError, match="no column 'nope'"):
        import_file(store, workshop["id"], good, mapping={"text": "nope"})
    with pytest.raises(IngestError, match="damaged or not a spreadsheet"):
        import_file(store, workshop["id"], write(tmp_path, "fake.xlsx", b"PK\x03\x04garbage"))
    assert [row["text"] for row in store.list_ideas(workshop["id"])] == ["Garder ceci"]


def test_explicit_mapping_wins_and_can_exclude_a_field(tmp_path):
    path = write(tmp_path, "f.csv", "titre,texte,auteur\nA,Idée longue,Zoé\n")
    table = read_table(path)
    assert guess_mapping(table)[0] == {"text": "texte", "title": "titre", "author": "auteur"}
    mapping, _ = guess_mapping(table, {"text": "TITRE", "author": ""})
    assert mapping == {"text": "titre"}
    assert guess_mapping(table, {"text": "B"})[0]["text"] == "texte"


def test_reimport_adds_nothing_even_without_ids_and_with_repeated_rows(tmp_path, store, workshop):
    content = "text,author\nMême idée,A\nMême idée,A\nMême idée,B\n"
    path = write(tmp_path, "noid.csv", content)
    first = import_file(store, workshop["id"], path)
    assert (first.added, first.exact_duplicates) == (3, 2)
    second = import_file(store, workshop["id"], path)
    assert (second.added, second.already_stored) == (0, 3)
    assert store.count_ideas(workshop["id"]) == 3


def test_typed_idea_is_cleaned_detected_and_validated(store, workshop):
    stored = submit_idea(store, workshop["id"], "  Plant trees in the school playground  ")
    assert stored["text"] == "Plant trees in the school playground"
    assert stored["language"] == "en"
    assert stored["source"] == "form"
    with pytest.raises(IngestError, match="empty idea text"):
        submit_idea(store, workshop["id"], "   ")
    assert store.count_ideas(workshop["id"]) == 1


def test_a_submission_sent_twice_with_its_client_token_is_stored_once(store, workshop):
    first = submit_idea(store, workshop["id"], "Des bancs au square", client_token="phone-1-7")
    again = submit_idea(store, workshop["id"], "Des bancs au square", client_token="phone-1-7")
    other = submit_idea(store, workshop["id"], "Des bancs au square", client_token="phone-2-1")
    assert again["id"] == first["id"] and other["id"] != first["id"]
    assert other["duplicate_of"] == first["id"]
    assert store.count_ideas(workshop["id"]) == 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-10-03T18:42:00", "2026-10-03T18:42:00"),
        ("03/04/2020", "2020-04-03T00:00:00"),
        ("1472552518501", "2016-08-30T10:21:58+00:00"),
        ("Tue Aug 30 17:21:58 WIB 2016", "2016-08-30T17:21:58"),
    ],
)
def test_dates_in_platform_formats(value, expected):
    assert parse_created(value) == expected


def test_clean_text_strips_html_and_keeps_paragraphs():
    assert clean_text("<p>Un&nbsp;parc</p><p>pour   tous</p>") == "Un parc\npour tous"
    assert clean_text("a < b and c > d") == "a < b and c > d"
