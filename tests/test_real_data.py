"""Importing the real participation exports in ../shared/data: every row accounted for,
the counts the data README gives, known formats recognised, a second import adds nothing."""

import json

import pytest

from cocreate.ingest import import_file, preview_file

# file, format recognised, rows (data README / SOURCE.md), rows rejected for an empty text
REAL_FILES = [
    ("polis-opendata/vtaiwan.uberx/comments.csv", "polis", 197, 0),
    ("polis-opendata/derived/polis_scoop_hivemind_5topics.csv", "csv", 780, 0),
    ("osp-decidim-samples/subset_consommer_proposals.csv", "decidim", 268, 0),
    ("osp-decidim-samples/subset_FEAMP_consultation.xls", "decidim", 408, 0),
    ("makeorg-mondedapres/mondedapres_2020_05_28.csv", "makeorg", 18_690, 0),
    # five 2014 winners have no title in the official open data
    ("paris-bp-laureats/bp_projets_gagnants_opendata_2024.csv", "paris_bp", 1214, 5),
    ("paris-bp-laureats/bp_projets_gagnants_from_sqlite.csv", "paris_bp", 1341, 0),
    ("paris-bp-laureats/bp_laureats_with_descriptions.csv", "paris_bp", 549, 0),
    ("decide-madrid-2024/proposals_latest.csv", "consul", 2738, 0),
    ("actons-postcovid/actons_items.csv", "csv", 187, 0),
    ("helsinki-omastadi/pro_merged.csv", "csv", 4778, 0),
    ("apresmaintenant-misc/toguna_ideas_stats.xlsx", "xlsx", 87, 0),
]


@pytest.mark.parametrize(("relative", "format_name", "rows", "rejected"), REAL_FILES)
def test_real_export_imports_every_row_once(
    data_dir, store, workshop, relative, format_name, rows, rejected
):
    first = import_file(store, workshop["id"], data_dir / relative)
    assert first.format_name == format_name
    assert first.rows_read == rows
    assert first.rejected == rejected
    assert first.added == rows - rejected
    assert store.count_ideas(workshop["id"]) == rows - rejected
    second = import_file(store, workshop["id"], data_dir / relative)
    assert (second.added, second.already_stored, second.changed) == (0, rows - rejected, 0)
    assert store.count_ideas(workshop["id"]) == rows - rejected


def test_polis_comments_keep_ids_authors_and_agree_counts(data_dir, store):
    english = store.create_workshop("UBI", language="en")
    import_file(store, english["id"], data_dir / "polis-opendata/scoop-hivemind.ubi/comments.csv")
    rows = store.list_ideas(english["id"])
    original = json.loads(rows[0]["original"])
    assert rows[0]["source_id"] == original["comment-id"]
    assert rows[0]["author"] == original["author-id"]
    assert rows[0]["votes"] == int(original["agrees"])
    assert rows[0]["created"].startswith("20")
    assert sum(r["language"] == "en" for r in rows) / len(rows) > 0.95


def test_madrid_html_is_stripped_and_the_original_kept(data_dir, store, workshop):
    import_file(store, workshop["id"], data_dir / "decide-madrid-2024/proposals_latest.csv")
    with_html = [
        r
        for r in store.list_ideas(workshop["id"])
        if "<p>" in json.loads(r["original"])["description"]
    ]
    assert len(with_html) > 100
    assert not any("<p>" in r["text"] or "&nbsp;" in r["text"] for r in with_html)
    assert all(r["title"] for r in with_html)
    languages = store.idea_facets(workshop["id"])["language"]
    assert max(languages, key=languages.get) == "es"


def test_paris_semicolon_bom_file_maps_french_headers(data_dir):
    preview = preview_file(
        data_dir / "paris-bp-laureats/bp_projets_gagnants_opendata_2024.csv", limit=50
    )
    table = preview.table
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ";")
    assert preview.mapping["category"] == "Thématique"
    assert preview.mapping["source_id"] == "Identifiant du projet lauréat"
    assert preview.rows_total == 1214


def test_makeorg_authors_and_votes(data_dir, store, workshop):
    report = import_file(
        store, workshop["id"], data_dir / "makeorg-mondedapres/mondedapres_2020_05_28.csv"
    )
    assert report.mapping == {"text": "proposition", "author": "auteur", "votes": "votes"}
    top = store.list_ideas(workshop["id"], limit=1)[0]
    assert top["text"].startswith("Il faut")
    assert top["votes"] == 2665
    assert top["language"] == "fr"
    french = store.count_ideas(workshop["id"], language="fr")
    assert french / report.added > 0.98


def test_headerless_spreadsheet_is_read_by_column_letter(data_dir, store, workshop):
    path = data_dir / "apresmaintenant-misc/Recovery-Export-06-05.xlsx"
    report = import_file(store, workshop["id"], path, mapping={"text": "D", "source_id": "C"})
    assert report.rows_read == report.added == 388
    assert [w.code for w in report.warnings] == ["no_header"]
    assert store.list_ideas(workshop["id"], limit=1)[0]["text"].startswith("Et si")
