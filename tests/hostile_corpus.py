"""A corpus of hostile and broken idea files (issue 22), generated on demand, and what
importing each must give.

    python tests/hostile_corpus.py OUT_DIR     # writes the files and manifest.json there

Every file has a kind and an expectation: ``texts`` (exactly these idea texts are stored,
in this order: the encoding kinds check there is no silent mojibake), ``refused`` (a one-line
message naming the file) or ``either`` (its ideas or a one-line message; damaged and fuzzed
files). The texts are written here, in French, German and English, with the characters
exports carry (accents, ``’``, ``«»``, ``€``, ``œ``); no real citizen's text is used.
"""

from __future__ import annotations

import csv
import io
import json
import random
import signal
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import hostile_files

SEED = 22
PHRASES = [
    "Des bancs à l’ombre sur la place du marché",
    "Une piste cyclable protégée rue de l’Église",
    "Planter des arbres fruitiers près de l’école",
    "Un café associatif « ouvert à tous » le dimanche",
    "Réduire la vitesse à 30 km/h près des crèches",
    "Un budget de 5 000 € pour la fête du quartier",
    "Des fontaines d’eau potable dans chaque parc",
    "Rénover le cœur de ville et ses façades",
    "Mehr Fahrradständer am Bahnhof und größere Grünflächen",
    "Öffentliche Toiletten, die nachts geöffnet sind",
    "Safer crossings near the primary school",
    "More benches and shade along the river walk",
    "Jardins partagés derrière la médiathèque",
    "Éclairage public économe dans les rues piétonnes",
    "Un marché de producteurs le samedi matin à Saint-Étienne",
    "Fermer la rue aux voitures devant l’école élémentaire",
]
TEXT_HEADERS = ["texte", "Proposition", "Idée", "text", "description", "contribution"]
OUT_OF_RANGE_VOTES = [
    "99999999999999999999999",
    "1e30",
    "Infinity",
    "-Infinity",
    "NaN",
    "9" * 5000,
    "-99999999999999999999999",
    "1e400",
]
OUT_OF_RANGE_DATES = ["1e20", "-1e20", "1e400", "9999999999999999999", "Infinity", "-5e15"]


def _phrases(rng: random.Random, count: int) -> list[str]:
    return [f"{rng.choice(PHRASES)} ({n + 1})" for n in range(count)]


def _csv_text(header: list[str], rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


class Corpus:
    """Writes files into ``folder`` and keeps what each must give."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entries: list[dict] = []
        self.rng = random.Random(SEED)

    def add(self, kind: str, suffix: str, data: bytes, expect: str, **details) -> Path:
        path = self.folder / f"{kind}-{len(self.entries):05d}{suffix}"
        path.write_bytes(data)
        self.entries.append({"file": path.name, "kind": kind, "expect": expect, **details})
        return path

    def add_texts(self, kind: str, suffix: str, data: bytes, texts: list[str], **details) -> None:
        self.add(kind, suffix, data, "texts", texts=texts, **details)

    # the kinds of the issue -------------------------------------------------------------

    def mixed_encodings(self, count: int) -> None:
        """CSV files whose lines are UTF-8 and cp1252 by turns (a UTF-8 export appended to
        by a cp1252 editor), sometimes with a UTF-8 byte-order mark."""
        for _ in range(count):
            rng = self.rng
            texts = _phrases(rng, rng.randint(2, 12))
            delimiter = rng.choice([";", ","])
            lines = [_csv_text([rng.choice(TEXT_HEADERS), "auteur"], [], delimiter).encode()]
            encodings = [rng.choice(["utf-8", "cp1252"]) for _ in texts]
            # at least one accented line of each encoding, or the file is not mixed
            encodings[0], encodings[-1] = "utf-8", "cp1252"
            rng.shuffle(encodings)
            for text, encoding in zip(texts, encodings, strict=True):
                author = rng.choice(["Zoé", "Hélène", "Jérôme", "François"])
                line = _csv_text(["x"], [[text, author]], delimiter).split("\r\n", 1)[1]
                lines.append(line.encode(encoding))
            bom = b"\xef\xbb\xbf" if rng.random() < 0.2 else b""
            self.add_texts("mixed-encoding", ".csv", bom + b"".join(lines), texts)

    def utf16_without_bom(self, count: int) -> None:
        for index in range(count):
            rng = self.rng
            texts = _phrases(rng, rng.randint(1, 8))
            delimiter = rng.choice([";", ",", "\t"])
            text = _csv_text(
                [rng.choice(TEXT_HEADERS), "votes"], [[t, "3"] for t in texts], delimiter
            )
            encoding = "utf-16-le" if index % 2 else "utf-16-be"
            self.add_texts("utf16-no-bom", ".csv", text.encode(encoding), texts)

    def delimiters(self, count: int) -> None:
        """``|`` and ``^`` (and the usual ones), with commas and semicolons inside the texts."""
        for index in range(count):
            rng = self.rng
            delimiter = "|^;,\t"[index % 5]
            texts = [f"{t}, et aussi; ceci" for t in _phrases(rng, rng.randint(2, 8))]
            header = ["id", rng.choice(TEXT_HEADERS), "auteur"]
            rows = [[str(n), t, "Zoé"] for n, t in enumerate(texts)]
            data = _csv_text(header, rows, delimiter).encode()
            self.add_texts(
                f"delimiter-{['pipe', 'caret', 'semicolon', 'comma', 'tab'][index % 5]}",
                ".csv",
                data,
                texts,
            )

    def header_duplicates(self, count: int) -> None:
        """Header lines of many identical cells beside the text column: read in time linear
        in the cells."""
        sizes = [2, 50, 500, 2000, 4000]
        for index in range(count):
            width = sizes[index % len(sizes)]
            texts = _phrases(self.rng, 2)
            header = ["texte"] + ["abc"] * width
            rows = [[t] + ["x"] * width for t in texts]
            self.add_texts(
                "header-duplicates", ".csv", _csv_text(header, rows, ",").encode(), texts
            )
        # a 1 MB line of one repeated name and nothing else: no text column, one line said
        self.add("header-duplicates", ".csv", b",".join([b"abc"] * 250_000) + b"\n", "refused")

    def out_of_range(self, count: int) -> None:
        """A vote count or a date no store or calendar holds: the row kept without it, or
        skipped when the import says so."""
        values = [("votes", v) for v in OUT_OF_RANGE_VOTES]
        values += [("created", v) for v in OUT_OF_RANGE_DATES]
        for index in range(count):
            field, value = values[index % len(values)]
            form = ["csv", "json", "jsonl"][index // len(values) % 3]
            skip = index // (3 * len(values)) % 2 == 1
            text = f"{self.rng.choice(PHRASES)} ({index})"
            good = f"{self.rng.choice(PHRASES)} (bon {index})"
            if form == "csv":
                data = f"texte;{field}\n{text};{value}\n{good};12\n".encode()
            else:
                # JSON numbers as JSON writes them: Infinity and NaN bare, the rest as literals
                records = [
                    f'{{"text": {json.dumps(text)}, "{field}": {value}}}',
                    f'{{"text": {json.dumps(good)}, "{field}": 12}}',
                ]
                data = (
                    "\n".join(records) if form == "jsonl" else f"[{', '.join(records)}]"
                ).encode()
            texts = [good] if skip else [text, good]
            self.add_texts(
                f"out-of-range-{field}",
                f".{form}",
                data,
                texts,
                bad_values="skip" if skip else "keep",
            )

    def lone_surrogates(self, count: int) -> None:
        halves = ["\\ud800", "\\udfff", "\\udbff", "\\udc00"]
        for index in range(count):
            half = halves[index % len(halves)]
            base = self.rng.choice(PHRASES)
            where = ["text", "title", "author", "key"][index // len(halves) % 4]
            fields = {
                "text": f'"{base} {half}x"' if where == "text" else json.dumps(base),
                "title": f'"titre {half}"' if where == "title" else '"titre"',
                "author": f'"{half}"' if where == "author" else '"Zoé"',
            }
            body = ", ".join(f'"{k}": {v}' for k, v in fields.items())
            if where == "key":
                body += f', "cl\\u00e9 {half}": 1'
            expected = f"{base} \ufffdx" if where == "text" else base
            if index % 2:
                self.add_texts("lone-surrogate", ".jsonl", f"{{{body}}}\n".encode(), [expected])
            else:
                self.add_texts("lone-surrogate", ".json", f"[{{{body}}}]".encode(), [expected])

    def deep_nesting(self, count: int) -> None:
        """JSON nested hundreds to a hundred thousand levels: refused (JSON) or the record
        rejected and the others kept (JSONL)."""
        depths = [1000, 2000, 10_000, 100_000]
        for index in range(count):
            depth = depths[index % len(depths)]
            good = f"{self.rng.choice(PHRASES)} ({index})"
            if index % 3 == 0:
                self.add("deep-json", ".json", b"[" * depth + b"]" * depth, "refused")
            elif index % 3 == 1:
                deep = '{"a":' * depth + "1" + "}" * depth
                self.add(
                    "deep-json", ".json", f'[{{"text": "{good}", "x": {deep}}}]'.encode(), "refused"
                )
            else:
                deep = "[" * depth + "]" * depth
                data = f'{{"text": "{good}"}}\n{{"text": "x", "l": {deep}}}\n'.encode()
                self.add_texts("deep-jsonl", ".jsonl", data, [good])

    def damaged_spreadsheets(self, count: int) -> None:
        """Workbooks with bytes flipped in a member, cut short, a member missing or replaced,
        a stored member whose checksum no longer matches."""
        texts = _phrases(self.rng, 30)
        rows = "".join(
            f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{t}</t></is></c>'
            f'<c r="B{r}"><v>{r}</v></c></row>'
            for r, t in enumerate(["texte", *texts], start=1)
        )
        base = self.folder / "_base.xlsx"
        hostile_files._xlsx(base, rows, None)
        deflated = base.read_bytes()
        with zipfile.ZipFile(base) as archive:
            members = {name: archive.read(name) for name in archive.namelist()}
        stored = io.BytesIO()
        with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as archive:
            for name, data in members.items():
                archive.writestr(name, data)
        stored_bytes = stored.getvalue()
        base.unlink()
        for index in range(count):
            rng = self.rng
            how = index % 5
            if how in (0, 1):  # flipped bytes, deflated or stored (bad checksum)
                data = bytearray(deflated if how == 0 else stored_bytes)
                start = data.find(b"xl/worksheets/sheet1.xml") + 30
                for _ in range(rng.randint(1, 4)):
                    data[rng.randrange(start, len(data))] ^= rng.randrange(1, 256)
                data = bytes(data)
            elif how == 2:  # cut short
                data = deflated[: rng.randrange(10, len(deflated) - 1)]
            else:  # a member missing (3) or replaced by garbage (4)
                victim = rng.choice(sorted(members))
                buffer = io.BytesIO()
                with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                    for name, member in members.items():
                        if name != victim:
                            archive.writestr(name, member)
                        elif how == 4:
                            archive.writestr(name, rng.randbytes(rng.randint(0, 300)))
                data = buffer.getvalue()
            self.add(
                f"damaged-xlsx-{['flipped', 'checksum', 'cut', 'missing', 'garbage'][how]}",
                ".xlsx",
                data,
                "either",
            )

    def dtd_spreadsheets(self, count: int) -> None:
        """A DTD declaring entities (inner, external, "billion laughs") in a sheet, the shared
        strings or the workbook."""
        declarations = [
            '<!DOCTYPE x [<!ENTITY e "boom">]>',
            '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
            '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
            '<!DOCTYPE x SYSTEM "http://example.invalid/x.dtd">',
        ]
        for index in range(count):
            declaration = declarations[index % len(declarations)]
            sheet = (
                f'<?xml version="1.0" encoding="UTF-8"?>{declaration}'
                f'<worksheet xmlns="{hostile_files.MAIN_NS}"><sheetData>'
                '<row r="1"><c r="A1" t="inlineStr"><is><t>texte</t></is></c></row>'
                '<row r="2"><c r="A2" t="inlineStr"><is><t>&e;</t></is></c></row>'
                "</sheetData></worksheet>"
            )
            path = self.folder / "_dtd.xlsx"
            hostile_files._xlsx(path, "", None)
            with zipfile.ZipFile(path) as archive:
                members = {name: archive.read(name) for name in archive.namelist()}
            path.unlink()
            members["xl/worksheets/sheet1.xml"] = sheet.encode()
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, member in members.items():
                    archive.writestr(name, member)
            self.add("dtd-xlsx", ".xlsx", buffer.getvalue(), "refused")

    def one_column_sheets(self, count: int) -> None:
        """A spreadsheet of one column: its header names the field and is not an idea."""
        headers = [
            "Idée",
            "Idées",
            "texte",
            "Proposition",
            "Propositions",
            "Contribution",
            "text",
            "Commentaire",
        ]
        for index in range(count):
            texts = _phrases(self.rng, self.rng.randint(1, 6))
            cells = [headers[index % len(headers)], *texts]
            start = self.rng.choice([1, 1, 3])  # a title block above, sometimes
            rows = "".join(
                f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{t}</t></is></c></row>'
                for r, t in enumerate(cells, start=start)
            )
            path = self.folder / "_one.xlsx"
            hostile_files._xlsx(path, rows, None)
            data = path.read_bytes()
            path.unlink()
            self.add_texts("one-column-xlsx", ".xlsx", data, texts)

    # controls and fuzz -------------------------------------------------------------------

    def single_encodings(self, count: int) -> None:
        """Whole files in cp1252, UTF-8 with and without BOM, UTF-16 with BOM."""
        encodings = ["cp1252", "utf-8", "utf-8-sig", "utf-16"]
        for index in range(count):
            texts = _phrases(self.rng, self.rng.randint(1, 6))
            encoding = encodings[index % len(encodings)]
            data = _csv_text(["texte"], [[t] for t in texts], ";").encode(encoding)
            self.add_texts(f"encoding-{encoding}", ".csv", data, texts)

    def fuzzed(self, count: int) -> None:
        """Valid CSV, JSON and JSONL with bytes flipped, inserted or cut: ideas or a message."""
        for index in range(count):
            rng = self.rng
            texts = _phrases(rng, rng.randint(1, 6))
            suffix = [".csv", ".json", ".jsonl"][index % 3]
            if suffix == ".csv":
                data = _csv_text(
                    ["texte", "votes", "date"], [[t, "3", "2026-03-04"] for t in texts], ";"
                ).encode()
            elif suffix == ".json":
                data = json.dumps(
                    [{"text": t, "votes": 3} for t in texts], ensure_ascii=False
                ).encode()
            else:
                data = "\n".join(
                    json.dumps({"text": t}, ensure_ascii=False) for t in texts
                ).encode()
            data = bytearray(data)
            for _ in range(rng.randint(1, 6)):
                spot = rng.randrange(len(data) + 1)
                choice = rng.random()
                if choice < 0.4 and data:
                    data[min(spot, len(data) - 1)] = rng.randrange(256)
                elif choice < 0.8:
                    data[spot:spot] = rng.choice(
                        [b'"', b"\x00", b"\r", b"\n", b";", b"{", b"\xff", b"\xc3", b"\\u", b"[["]
                    )
                else:
                    del data[spot:]
            self.add(f"fuzzed-{suffix[1:]}", suffix, bytes(data), "either")

    def write(self) -> list[dict]:
        self.mixed_encodings(300)
        self.utf16_without_bom(150)
        self.delimiters(150)
        self.header_duplicates(40)
        self.out_of_range(252)
        self.lone_surrogates(96)
        self.deep_nesting(90)
        self.damaged_spreadsheets(300)
        self.dtd_spreadsheets(40)
        self.one_column_sheets(80)
        self.single_encodings(100)
        self.fuzzed(450)
        (self.folder / "manifest.json").write_text(json.dumps(self.entries, ensure_ascii=False))
        return self.entries


def write_corpus(folder: Path) -> list[dict]:
    folder.mkdir(parents=True, exist_ok=True)
    return Corpus(folder).write()


# importing, inside a worker of cocreate.sandbox ------------------------------------------

FILE_SECONDS = 20


class _TooLong(Exception):
    pass


def _alarm(signum, frame):
    raise _TooLong


def import_batch(folder: str, database: str, first: int, last: int) -> bytes:
    """Import the manifest's files ``first`` to ``last`` (excluded) into a workshop each, in
    this process (a worker the test started with a memory and a time limit), each file under
    :data:`FILE_SECONDS`; what each gave, as JSON."""
    from cocreate.ingest import IngestError, import_file
    from cocreate.store import Store

    entries = json.loads((Path(folder) / "manifest.json").read_text())[first:last]
    results = []
    signal.signal(signal.SIGALRM, _alarm)
    with Store(database) as store:
        for entry in entries:
            path = Path(folder) / entry["file"]
            workshop = store.create_workshop(entry["file"], language="fr")
            start = time.perf_counter()
            result = {"file": entry["file"]}
            signal.setitimer(signal.ITIMER_REAL, FILE_SECONDS)
            try:
                report = import_file(
                    store,
                    workshop["id"],
                    path,
                    bad_values=entry.get("bad_values", "keep"),
                    isolated=False,
                )
            except IngestError as error:
                result.update(outcome="refused", message=error.problem.message("en"))
            except _TooLong:
                result.update(outcome="hang")
            except Exception as error:  # what the test counts: it must never happen
                result.update(outcome="unhandled", message=f"{type(error).__name__}: {error}")
            else:
                messages = [p.message("en") for p in report.problems + report.warnings]
                result.update(outcome="ideas", added=report.added, messages=messages)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            result["seconds"] = time.perf_counter() - start
            result["bytes"] = path.stat().st_size
            result["texts"] = [idea["text"] for idea in store.list_ideas(workshop["id"])]
            results.append(result)
    return json.dumps(results, ensure_ascii=False).encode()


if __name__ == "__main__":
    made = write_corpus(Path(sys.argv[1]))
    for kind, count in sorted(Counter(entry["kind"] for entry in made).items()):
        print(f"{kind:32s} {count:5d}")
    print(f"{'total':32s} {len(made):5d}")
