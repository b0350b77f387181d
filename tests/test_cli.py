"""The command line, through click's runner, on a real database file."""

import json

from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.store import Store, migrations


def run(db_path, *args):
    result = CliRunner().invoke(cli, ["--db", str(db_path), *args])
    return result


def test_init_creates_the_database(db_path):
    result = run(db_path, "init")
    assert result.exit_code == 0
    count = len(migrations._migrations)
    assert result.output == f"Database ready: {db_path} ({count} migrations)\n"
    assert db_path.exists()


def test_demo_loads_once_and_lists(db_path):
    first = run(db_path, "demo")
    assert first.exit_code == 0, first.output
    assert "122 added" in first.output
    assert "Scoring round 1 revealed with 120 answers" in first.output
    assert "Stakeholder map: 12 actors added" in first.output
    again = run(db_path, "demo")
    assert "0 added, 122 already stored" in again.output
    assert "Stakeholder map: 0 actors added" in again.output
    assert "Scoring round" not in again.output
    assert run(db_path, "demo", "--if-missing").output.startswith("Demo workshop already in")
    listing = run(db_path, "ideas", "--workshop", "demo", "--limit", "3")
    assert listing.exit_code == 0
    assert "122 ideas, 2 exact duplicates" in listing.output
    assert len([line for line in listing.output.splitlines() if line.startswith("#")]) == 3
    found = json.loads(run(db_path, "ideas", "-w", "demo", "-s", "velo", "--format", "json").output)
    assert found and all("vélo" in idea["text"].lower() for idea in found)
    assert "demo\t" in run(db_path, "workshops").output


def test_import_creates_the_workshop_and_is_idempotent(db_path, tmp_path):
    path = tmp_path / "idees.csv"
    path.write_text(
        "id;texte;auteur\n1;Plus de bancs;Léa\n2;Des fontaines;Ali\n", encoding="cp1252"
    )
    result = run(db_path, "import", str(path), "--workshop", "Quartier Nord")
    assert result.exit_code == 0, result.output
    assert "Created workshop quartier-nord" in result.output
    assert "text=texte, author=auteur, source_id=id" in result.output
    assert "2 added" in result.output
    second = run(db_path, "import", str(path), "-w", "quartier-nord")
    assert "0 added, 2 already stored" in second.output
    with Store(db_path) as store:
        workshop = store.get_workshop("quartier-nord")
        assert [i["author"] for i in store.list_ideas(workshop["id"])] == ["Léa", "Ali"]


def test_import_with_bad_rows_reports_them_and_exits_1(db_path, tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text("text,votes\nBonne idée,1\n,2\n", encoding="utf-8")
    result = run(db_path, "import", str(path), "-w", "w", "--map", "text=text")
    assert result.exit_code == 1
    assert "rejected: mixed.csv, line 3, column 'text' (A): empty idea text" in result.output
    assert "1 added" in result.output


def test_refused_file_is_a_clean_error_and_creates_no_workshop(db_path, tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    result = run(db_path, "import", str(path), "-w", "new one")
    assert result.exit_code == 1
    assert result.output.startswith("Error: numbers.csv, line 1: no column holds the idea text")
    assert "Traceback" not in result.output
    with Store(db_path) as store:
        assert store.list_workshops() == []
    bad_map = run(db_path, "import", str(path), "-w", "x", "--map", "colour=a")
    assert bad_map.exit_code == 2
    assert "'colour': fields are text, title" in bad_map.output
    assert run(db_path, "ideas", "-w", "nope").output == "Error: No workshop named 'nope'.\n"


def test_create_workshop_from_template(db_path):
    result = run(
        db_path, "create-workshop", "--template", "cycle-friendly-centre", "--language", "en"
    )
    assert result.exit_code == 0, result.output
    with Store(db_path) as store:
        workshop = store.get_workshop("cycle-friendly-city-centre")
        assert workshop["challenge"].startswith("How might we")
        assert workshop["template"] == "cycle-friendly-centre"
    unknown = run(db_path, "create-workshop", "X", "--template", "nope")
    assert unknown.exit_code == 1 and "No workshop template 'nope'" in unknown.output


def test_python_dash_m_runs_the_cli():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "cocreate", "--help"], capture_output=True, text=True, check=True
    )
    assert "import" in result.stdout and "serve" in result.stdout


def test_words_never_in_names_are_listed_added_and_allowed_again(db_path):
    listed = run(
        db_path, "never-in-names", "--add", "Vélo", "--add", "Champ-de-Mars", "--by", "Ana"
    )
    assert listed.exit_code == 0, listed.output
    assert "Vélo\tadded by Ana" in listed.output and "Champ-de-Mars\tadded by Ana" in listed.output
    assert "2 words of this database" in listed.output
    refused = run(db_path, "never-in-names", "--add", "deux mots")
    assert refused.exit_code == 1 and "one word at a time" in refused.output
    unknown = run(db_path, "never-in-names", "--allow", "trottinette")
    assert unknown.exit_code == 1 and "'trottinette' is not in the list" in unknown.output
    allowed = run(db_path, "never-in-names", "--allow", "VELO")
    assert allowed.exit_code == 0 and "Vélo" not in allowed.output
    with Store(db_path) as store:
        assert [w["written"] for w in store.words_never_in_names()] == ["Champ-de-Mars"]
