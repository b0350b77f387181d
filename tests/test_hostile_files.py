"""Files that took the server down are refused in a few seconds with a message naming them,
while this process's memory stays where it was; ordinary files read as before."""

import json
import resource
import time
import zipfile
from collections import Counter

import hostile_corpus
import hostile_files
import openpyxl
import pytest

from cocreate import ingest
from cocreate.ingest import IngestError, import_file, preview_file, read_table
from cocreate.sandbox import GIB, MIB, run_limited

FAR_CELL = {
    "en": "far-cell.xlsx: a sheet reaches cell XFD1048576 (16384 columns x 1048576 rows), "
    "over the 10 million cells a sheet may hold; refused",
    "fr": "far-cell.xlsx: une feuille va jusqu'à la cellule XFD1048576 (16384 colonnes x "
    "1048576 lignes), au-delà des 10 millions de cellules admises ; refusé",
}
OUT_OF_MEMORY = {
    "en": "{name}: reading it needs more than 1 GiB of memory (text repeated many times, or a "
    "sheet filled far beyond its data?); refused",
    "fr": "{name}: sa lecture demande plus de 1 GiB de mémoire (texte répété de nombreuses "
    "fois, ou feuille remplie bien au-delà de ses données ?) ; refusé",
}


def rss_kib() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() // 1024


def refusal(path, seconds=15):
    """The messages (en, fr) a read of ``path`` is refused with; it must take under
    ``seconds`` and leave this process's memory as it was."""
    peak, now = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, rss_kib()
    start = time.monotonic()
    with pytest.raises(IngestError) as refused:
        read_table(path)
    assert time.monotonic() - start < seconds
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 64 * 1024
    assert rss_kib() - now < 64 * 1024
    return {lang: refused.value.problem.message(lang) for lang in ("en", "fr")}


def test_a_sheet_whose_only_cell_is_the_last_one_is_refused_with_its_size(tmp_path):
    path = hostile_files.far_cell_xlsx(tmp_path / "far-cell.xlsx")
    assert path.stat().st_size < 2000
    assert refusal(path) == FAR_CELL


def test_a_sheet_from_a1_to_the_last_cell_is_refused_before_it_is_read(tmp_path):
    path = hostile_files.far_cell_xlsx(tmp_path / "far-cell.xlsx", with_a1=True)
    assert refusal(path, seconds=5) == FAR_CELL


def test_the_same_sheet_without_its_dimension_ends_only_the_worker(tmp_path):
    # nothing claims the extent: the reader asks for 512 GiB, in the worker, which aborts
    path = hostile_files.far_cell_xlsx(tmp_path / "far.xlsx", with_a1=True, dimension=False)
    assert refusal(path) == {
        lang: message.format(name="far.xlsx") for lang, message in OUT_OF_MEMORY.items()
    }


def test_one_giant_shared_string_in_200_cells_is_refused_for_its_memory(tmp_path):
    path = hostile_files.giant_shared_string_xlsx(tmp_path / "strings.xlsx")
    assert path.stat().st_size < 130_000
    assert refusal(path) == {
        lang: message.format(name="strings.xlsx") for lang, message in OUT_OF_MEMORY.items()
    }


def test_an_ods_cell_repeated_over_the_whole_sheet_is_refused(tmp_path):
    messages = refusal(hostile_files.repeated_cell_ods(tmp_path / "repeated.ods"))
    assert messages["en"].startswith("repeated.ods: cannot read this file (Cell limit exceeded")


def test_a_refused_file_stores_nothing_and_the_next_file_imports(store, workshop, tmp_path):
    with pytest.raises(IngestError):
        import_file(store, workshop["id"], hostile_files.far_cell_xlsx(tmp_path / "far.xlsx"))
    assert store.list_ideas(workshop["id"]) == []
    good = tmp_path / "good.csv"
    good.write_text("texte\nDes bancs à l'ombre sur la place\n", encoding="utf-8")
    assert import_file(store, workshop["id"], good).added == 1


def test_a_dimension_that_claims_too_much_is_checked_against_the_cells(tmp_path):
    """Some writers claim A1:XFD1048576 for a small sheet: the cells decide, and it is read."""
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>titre</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>texte</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Bancs</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Des bancs sur la place</t></is></c></row>'
    )
    path = hostile_files._xlsx(tmp_path / "claims.xlsx", rows, "A1:XFD1048576")
    table = read_table(path)
    assert table.columns == ["titre", "texte"]
    assert table.rows == [(2, {"titre": "Bancs", "texte": "Des bancs sur la place"})]


# ordinary files: the worker hands back exactly what reading in this process gives -----------


def in_process(path, **options):
    return ingest._read_here(
        path,
        encoding=options.get("encoding"),
        delimiter=options.get("delimiter"),
        sheet=options.get("sheet"),
        name=path.name,
    )


def ordinary_files(folder):
    csv_path = folder / "idees.csv"
    csv_path.write_bytes(
        "Identifiant;Titre;Proposition;Soutiens\r\n1;Vélo;Des pistes « protégées »;12\r\n"
        "2;Arbres;Planter des arbres;\r\n3;Trop;de;champs;ici\r\n".encode("cp1252")
    )
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Consultation du 12/05"])
    sheet.append([])
    sheet.append(["id", "titre", "proposition", "date", "votes"])
    sheet.append([1, "Bancs", "Des bancs à l'ombre", "2026-03-04", 3.0])
    sheet.append([2, "Fontaine", "Une fontaine d'eau potable", None, 2.5])
    book.create_sheet("Notes").append(["rien"])
    xlsx_path = folder / "idees.xlsx"
    book.save(xlsx_path)
    ods_path = hostile_files.ods(
        folder / "idees.ods",
        hostile_files.ods_row("titre", "texte")
        + hostile_files.ods_row("Bancs", "Des bancs à l'ombre"),
    )
    json_path = folder / "idees.json"
    json_path.write_text(
        json.dumps({"ideas": [{"id": 1, "body": {"fr": "Un kiosque"}, "tags": ["a"]}, 7]}),
        encoding="utf-8",
    )
    jsonl_path = folder / "idees.jsonl"
    jsonl_path.write_text('{"text": "Des arbres"}\n{broken\n', encoding="utf-8")
    return [csv_path, xlsx_path, ods_path, json_path, jsonl_path]


def test_ordinary_files_read_in_the_worker_as_in_this_process(tmp_path):
    for path in ordinary_files(tmp_path):
        assert read_table(path) == in_process(path), path.name
    xlsx = tmp_path / "idees.xlsx"
    assert read_table(xlsx, sheet="Notes") == in_process(xlsx, sheet="Notes")


def test_the_real_files_read_in_the_worker_as_in_this_process(data_dir):
    paths = [*data_dir.rglob("*.xls*"), *data_dir.rglob("*.json")]
    paths += sorted(data_dir.rglob("*.csv"), key=lambda p: p.stat().st_size)[-3:]
    for path in paths:
        assert outcome(read_table, path) == outcome(in_process, path), path


def outcome(read, path):
    """What a reader gives: the table, or the message of the file it refuses."""
    try:
        return read(path)
    except IngestError as error:
        return str(error)


def test_a_preview_hands_over_only_its_rows_and_counts_them_all(tmp_path):
    path = tmp_path / "many.csv"
    path.write_text(
        "texte\n" + "".join(f"Idée numéro {n} pour la place\n" for n in range(500)),
        encoding="utf-8",
    )
    preview = preview_file(path, limit=20)
    assert preview.rows_total == 500
    assert len(preview.table.rows) == len(preview.ideas) == 20
    assert preview.ideas[19].text == "Idée numéro 19 pour la place"


# the hostile-file corpus (issue 22): thousands of files, each its ideas or one line -----------

CORPUS_BATCH = 256


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The corpus written to a temporary folder and imported, in batches, each batch in a
    worker of cocreate.sandbox with a memory and a time limit (each file also under
    ``hostile_corpus.FILE_SECONDS``): (manifest entries, what each import gave)."""
    folder = tmp_path_factory.mktemp("corpus")
    entries = hostile_corpus.write_corpus(folder)
    results = []
    for first in range(0, len(entries), CORPUS_BATCH):
        answer = run_limited(
            hostile_corpus.import_batch,
            str(folder),
            str(folder / f"batch-{first}.db"),
            first,
            first + CORPUS_BATCH,
            memory=2 * GIB,
            seconds=600,
            max_answer=256 * MIB,
        )
        results += json.loads(answer)
    assert [r["file"] for r in results] == [e["file"] for e in entries]
    return folder, entries, results


def one_line_about(message, file_name):
    return "\n" not in message and message.startswith(file_name)


def test_every_hostile_file_gives_its_ideas_or_a_one_line_message(corpus, capsys):
    _, entries, results = corpus
    assert len(entries) >= 2000
    outcomes = Counter()
    wrong = []
    for entry, result in zip(entries, results, strict=True):
        outcomes[entry["kind"], result["outcome"]] += 1
        messages = [result.get("message") or "", *result.get("messages", [])]
        expected = {"texts": "ideas", "refused": "refused"}.get(entry["expect"])
        if result["outcome"] in ("unhandled", "hang") or (
            expected and result["outcome"] != expected
        ):
            wrong.append((entry["file"], result["outcome"], result.get("message")))
        elif not all(one_line_about(m, entry["file"]) for m in messages if m):
            wrong.append((entry["file"], "not one line naming the file", messages))
    kinds = sorted({kind for kind, _ in outcomes})
    with capsys.disabled():
        print(f"\n{'kind':30s} {'files':>6s} {'ideas':>6s} {'refused':>8s} {'unhandled':>10s} hung")
        for kind in kinds:
            counts = [outcomes[kind, o] for o in ("ideas", "refused", "unhandled", "hang")]
            print(
                f"{kind:30s} {sum(counts):6d} {counts[0]:6d} {counts[1]:8d} {counts[2]:10d} "
                f"{counts[3]:4d}"
            )
        totals = Counter(result["outcome"] for result in results)
        print(
            f"{'total':30s} {len(results):6d} {totals['ideas']:6d} {totals['refused']:8d} "
            f"{totals['unhandled']:10d} {totals['hang']:4d}"
        )
    assert wrong == []


def test_no_hostile_file_stores_mojibake_or_loses_an_idea(corpus):
    """Mixed UTF-8/cp1252 lines, UTF-16 without BOM, other delimiters, one-column sheets,
    out-of-range values, lone surrogates: exactly the texts written are stored."""
    _, entries, results = corpus
    checked = [(e, r) for e, r in zip(entries, results, strict=True) if e["expect"] == "texts"]
    assert len(checked) > 1000
    differ = [(e["file"], r["texts"], e["texts"]) for e, r in checked if r["texts"] != e["texts"]]
    assert differ == []
    mixed = [r for e, r in checked if e["kind"] == "mixed-encoding"]
    # each mixed file says how many of its lines it repaired
    assert all(
        any("lines were not UTF-8 like the rest of the file" in m for m in r["messages"])
        for r in mixed
    )


def test_out_of_range_values_are_reported_on_their_row(corpus):
    _, entries, results = corpus
    for entry, result in zip(entries, results, strict=True):
        if entry["kind"].startswith("out-of-range"):
            where = f"{entry['file']}, line 2" if entry["file"].endswith(".csv") else "line 1"
            said = [m for m in result["messages"] if where in m]
            ending = "row skipped" if entry["bad_values"] == "skip" else "left empty"
            assert len(said) == 1 and said[0].endswith(ending), (entry, result["messages"])


def test_no_hostile_file_takes_more_than_a_few_seconds_per_megabyte(corpus, capsys):
    _, _, results = corpus
    large = [r for r in results if r["bytes"] >= 64 * 1024]
    worst = max(large, key=lambda r: r["seconds"] / r["bytes"])
    per_mb = worst["seconds"] / (worst["bytes"] / 1e6)
    with capsys.disabled():
        print(
            f"\nslowest per MB: {worst['file']} {worst['bytes']:,} bytes in "
            f"{worst['seconds']:.2f} s = {per_mb:.1f} s/MB; slowest file "
            f"{max(r['seconds'] for r in results):.2f} s; all {len(results)} files "
            f"{sum(r['seconds'] for r in results):.1f} s"
        )
    assert per_mb < 10
    assert max(r["seconds"] for r in results) < hostile_corpus.FILE_SECONDS


def test_one_file_of_each_kind_imports_through_the_sandbox_as_in_the_corpus(
    corpus, store, tmp_path
):
    """The corpus reads in-process (inside its limited batches); the real import reads in a
    worker of its own: for one file of each kind, and the files of issue 18, both agree."""
    folder, entries, results = corpus
    firsts = {}
    for entry, result in zip(entries, results, strict=True):
        firsts.setdefault(entry["kind"], (entry, result))
    for kind, (entry, result) in firsts.items():
        target = store.create_workshop(f"sandbox {kind}")
        start = time.monotonic()
        try:
            import_file(
                store,
                target["id"],
                folder / entry["file"],
                bad_values=entry.get("bad_values", "keep"),
            )
        except IngestError as error:
            assert result["outcome"] == "refused", kind
            assert error.problem.message("en") == result["message"]
        else:
            assert result["outcome"] == "ideas", kind
        assert [i["text"] for i in store.list_ideas(target["id"])] == result["texts"], kind
        assert time.monotonic() - start < 15
    issue_18 = [
        hostile_files.far_cell_xlsx(tmp_path / "far-cell.xlsx"),
        hostile_files.far_cell_xlsx(tmp_path / "from-a1.xlsx", with_a1=True, dimension=False),
        hostile_files.repeated_cell_ods(tmp_path / "repeated.ods"),
    ]
    for path in issue_18:
        target = store.create_workshop(f"sandbox {path.name}")
        with pytest.raises(IngestError) as refused:
            import_file(store, target["id"], path)
        assert one_line_about(refused.value.problem.message("en"), path.name)
        assert store.list_ideas(target["id"]) == []


# each failure of issue 22, with the message a person reads ---------------------------------


def write(folder, name, data):
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_out_of_range_values_keep_the_row_or_skip_it_as_asked(store, workshop, tmp_path):
    path = write(
        tmp_path,
        "votes.json",
        '[{"text": "Des bancs", "votes": 99999999999999999999999},'
        ' {"text": "Une fontaine", "votes": 1e30, "created": 1e20},'
        ' {"text": "Un kiosque", "votes": Infinity}, {"text": "Des arbres", "votes": 4}]',
    )
    kept = import_file(store, workshop["id"], path)
    assert [(i["text"], i["votes"]) for i in store.list_ideas(workshop["id"])] == [
        ("Des bancs", None),
        ("Une fontaine", None),
        ("Un kiosque", None),
        ("Des arbres", 4),
    ]
    assert [str(w) for w in kept.warnings] == [
        "votes.json, line 1, column 'votes': votes '99999999999999999999999' out of range; "
        "left empty",
        "votes.json, line 2, column 'votes': votes '1e+30' out of range; left empty",
        "votes.json, line 2, column 'created': date '1e+20' out of range (years 1 to 9999); "
        "left empty",
        "votes.json, line 3, column 'votes': votes 'inf' is not a whole number; left empty",
    ]
    other = store.create_workshop("Autre")
    skipped = import_file(store, other["id"], path, bad_values="skip")
    assert [i["text"] for i in store.list_ideas(other["id"])] == ["Des arbres"]
    assert skipped.rejected == 3
    assert skipped.problems[0].message("fr") == (
        "votes.json, ligne 1, colonne 'votes': votes '99999999999999999999999' hors limites ; "
        "ligne écartée"
    )


def test_a_5000_digit_vote_is_one_short_message(tmp_path):
    path = write(tmp_path, "long.csv", "texte;votes\nDes bancs;" + "9" * 5000 + "\n")
    [warning] = preview_file(path).warnings
    assert str(warning) == (
        "long.csv, line 2, column 'votes' (B): votes '9999999999999999999999999999999999999..."
        " (5000 chars)' out of range; left empty"
    )


def test_mixed_utf8_and_cp1252_lines_are_repaired_and_counted(tmp_path):
    data = (
        b"texte;auteur\n"
        + "Des bancs à l’ombre;Zoé\n".encode()
        + "Un café près de l’école;Hélène\n".encode("cp1252")
        + "Rénover le cœur de ville;Jérôme\n".encode("cp1252")
    )
    preview = preview_file(write(tmp_path, "mixed.csv", data))
    assert [i.text for i in preview.ideas] == [
        "Des bancs à l’ombre",
        "Un café près de l’école",
        "Rénover le cœur de ville",
    ]
    assert [i.author for i in preview.ideas] == ["Zoé", "Hélène", "Jérôme"]
    assert preview.table.encoding == "utf-8+cp1252"
    assert [w.message("fr") for w in preview.warnings] == [
        "mixed.csv: 2 lignes n'étaient pas en UTF-8 comme le reste du fichier : lues en cp1252"
    ]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, encoding):
    path = write(tmp_path, "u16.csv", "texte\tauteur\nDes bancs à l’ombre\tZoé\n".encode(encoding))
    preview = preview_file(path)
    assert [(i.text, i.author) for i in preview.ideas] == [("Des bancs à l’ombre", "Zoé")]
    assert preview.table.encoding == encoding


@pytest.mark.parametrize("delimiter", ["|", "^"])
def test_pipe_and_caret_delimiters_are_recognised(tmp_path, delimiter):
    text = f"titre{delimiter}texte\nBancs{delimiter}Des bancs, à l'ombre\n"
    preview = preview_file(write(tmp_path, "d.csv", text))
    assert preview.table.delimiter == delimiter
    assert [(i.title, i.text) for i in preview.ideas] == [("Bancs", "Des bancs, à l'ombre")]


def test_a_one_name_header_keeps_commas_inside_the_ideas(tmp_path):
    path = write(tmp_path, "one.csv", "Idées\nDes bancs, des arbres\nUne fontaine\n")
    assert [i.text for i in preview_file(path).ideas] == ["Des bancs, des arbres", "Une fontaine"]


def test_a_one_column_sheet_header_is_not_an_idea(tmp_path):
    cells = ["Propositions", "Des bancs à l'ombre", "Une fontaine"]
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{c}</t></is></c></row>'
        for r, c in enumerate(cells, start=1)
    )
    preview = preview_file(hostile_files._xlsx(tmp_path / "one.xlsx", rows, None))
    assert preview.table.columns == ["Propositions"]
    assert [(i.line, i.text) for i in preview.ideas] == [
        (2, "Des bancs à l'ombre"),
        (3, "Une fontaine"),
    ]


def test_repeated_header_names_are_numbered(tmp_path):
    path = write(tmp_path, "h.csv", "texte,abc,abc,abc_2,abc\nDes bancs,1,2,3,4\n")
    assert read_table(path).columns == ["texte", "abc", "abc_3", "abc_2", "abc_4"]


def test_a_damaged_or_entity_declaring_workbook_is_refused_in_one_line(tmp_path):
    good = hostile_files._xlsx(
        tmp_path / "good.xlsx",
        "".join(
            f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>idée {r}</t></is></c></row>'
            for r in range(1, 200)
        ),
        None,
    )
    data = bytearray(good.read_bytes())
    start = data.find(b"xl/worksheets/sheet1.xml") + 60
    data[start : start + 8] = b"\x00" * 8
    damaged = write(tmp_path, "damaged.xlsx", bytes(data))
    with pytest.raises(IngestError) as refused:
        read_table(damaged)
    assert str(refused.value).startswith(
        "damaged.xlsx: the spreadsheet is damaged or not a spreadsheet ("
    )
    sheet = (
        f'<!DOCTYPE x [<!ENTITY e "boom">]><worksheet xmlns="{hostile_files.MAIN_NS}">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(tmp_path / "dtd.xlsx", "w") as out:
        for name in source.namelist():
            out.writestr(name, sheet if name.endswith("sheet1.xml") else source.read(name))
    with pytest.raises(IngestError) as refused:
        read_table(tmp_path / "dtd.xlsx")
    assert str(refused.value) == (
        "dtd.xlsx: the spreadsheet declares XML entities (a DTD in xl/worksheets/sheet1.xml), "
        "which Excel never writes; refused"
    )


def test_deep_json_is_refused_and_a_deep_jsonl_line_rejected(tmp_path):
    deep = "[" * 5000 + "]" * 5000
    with pytest.raises(IngestError, match=r"^deep.json: data nested too deeply"):
        read_table(write(tmp_path, "deep.json", deep))
    lines = f'{{"text": "Des bancs"}}\n{{"text": "x", "l": {deep}}}\n'
    preview = preview_file(write(tmp_path, "deep.jsonl", lines))
    assert [i.text for i in preview.ideas] == ["Des bancs"]
    assert [str(p) for p in preview.problems] == [
        "deep.jsonl, line 2: record nested too deeply to be read; rejected"
    ]


def test_a_lone_surrogate_is_replaced_and_reported(store, workshop, tmp_path):
    path = write(tmp_path, "s.jsonl", '{"text": "Des bancs \\ud800", "author": "\\udfff"}\n')
    report = import_file(store, workshop["id"], path)
    [idea] = store.list_ideas(workshop["id"])
    assert (idea["text"], idea["author"]) == ("Des bancs \ufffd", "\ufffd")
    assert [str(w) for w in report.warnings] == [
        "s.jsonl, line 1: invalid character (a lone UTF-16 surrogate) replaced by \ufffd"
    ]


def test_the_cli_skips_rows_with_bad_values_when_asked(db_path, tmp_path):
    from click.testing import CliRunner

    from cocreate.cli import cli

    path = write(tmp_path, "v.csv", "texte;votes\nDes bancs;1e30\nUne fontaine;3\n")
    result = CliRunner().invoke(cli, ["import", str(path), "-w", "Place", "--bad-values", "skip"])
    assert result.exit_code == 1
    assert (
        "rejected: v.csv, line 2, column 'votes' (B): votes '1e30' is not a whole number; "
        "row skipped" in result.output
    )
