"""House rules a reviewer would otherwise check by hand: translations and layering."""

import ast
import re
import string
from pathlib import Path

import pytest

from cocreate.i18n import LANGUAGES, STRINGS, t

PACKAGE = Path(__file__).resolve().parent.parent / "cocreate"
UI_TEXT_CALLS = {
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "write",
    "info",
    "success",
    "warning",
    "error",
    "button",
    "form_submit_button",
    "text_input",
    "text_area",
    "selectbox",
    "radio",
    "checkbox",
    "number_input",
    "file_uploader",
    "metric",
    "expander",
    "toast",
    "page_link",
    "download_button",
    "multiselect",
    "slider",
    "Page",
}


def placeholders(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_exists_in_both_languages_with_the_same_placeholders(key):
    entry = STRINGS[key]
    assert set(entry) == set(LANGUAGES)
    assert all(entry[lang].strip() for lang in LANGUAGES)
    assert placeholders(entry["fr"]) == placeholders(entry["en"])


def test_every_part_of_the_table_is_merged():
    from cocreate import i18n

    modules = {p.stem for p in (PACKAGE / "i18n").glob("*.py")} - {"__init__"}
    assert modules == {part.__name__.rsplit(".", 1)[1] for part in i18n.PARTS}


def test_unknown_key_fails_loudly():
    with pytest.raises(KeyError):
        t("no.such.key", "fr")


def python_files(folder):
    return sorted(folder.rglob("*.py"))


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module.split(".")[0]


def test_only_the_ui_package_imports_streamlit():
    offenders = [
        p.relative_to(PACKAGE)
        for p in python_files(PACKAGE)
        if "streamlit" in set(imported_modules(p)) and "ui" not in p.relative_to(PACKAGE).parts
    ]
    assert offenders == []


SQL_CALLS = {"execute", "executemany", "executescript", "query"}
SQL_KEYWORD = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE) ")


def sql_uses(path):
    """Calls of ``.execute(``/``.executemany(``/``.executescript(``/``.query(`` on anything,
    and string constants holding an SQL keyword ("SELECT ", "INSERT "...)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SQL_CALLS
        ):
            yield f"{path.relative_to(PACKAGE)}:{node.lineno} .{node.func.attr}("
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and SQL_KEYWORD.search(node.value)
        ):
            yield f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value[:40]!r}"


def test_only_the_store_touches_sql():
    outside = [p for p in python_files(PACKAGE) if p.relative_to(PACKAGE).parts[0] != "store"]
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in outside
        if {"sqlite3", "sqlite_utils"} & set(imported_modules(p))
    ]
    assert offenders == []
    assert [use for p in outside for use in sql_uses(p)] == []
    # the check finds what it looks for: the store itself is full of it
    assert any(True for p in python_files(PACKAGE / "store") for _ in sql_uses(p))


def is_label_literal(node):
    # ":material/...:" icon names are not words a person reads
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return False
    return any(ch.isalpha() for ch in node.value) and not node.value.startswith(":")


def test_ui_pages_show_no_untranslated_literal():
    """A literal label in a page would stay in one language: every label goes through t()."""
    found = []
    for path in python_files(PACKAGE / "ui"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in UI_TEXT_CALLS:
                continue
            candidates = node.args[:1] + [
                k.value for k in node.keywords if k.arg in ("label", "title")
            ]
            for arg in candidates:
                if is_label_literal(arg):
                    found.append(f"{path.name}:{node.lineno} {arg.value!r}")
    assert found == []
