"""House rules a reviewer would otherwise check by hand: translations and layering."""

import ast
import importlib
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


# the library from the bottom up: a module imports only from layers below its own (or from its
# own package); siblings in one layer stay independent of each other
LAYERS = (
    {"i18n", "language", "former_paths", "sandbox", "uploads", "spreadsheet"},
    {"records", "privacy"},
    {"store"},
    {"ingest", "access", "clustering"},
    {"templates", "server"},
    {"scoring", "stakeholders", "triage"},
    # indicators count what triage (with scoring and stakeholders) decided
    {"indicators"},
    # the bundle holds clusters, scores, the map, decisions and age bands: above them all
    {"export"},
    {"demo", "report"},
    {"cli_triage"},
    {"cli", "ui", "web"},
    {"__init__", "__main__"},
)


def layer_of(unit: str) -> int:
    [layer] = [number for number, units in enumerate(LAYERS) if unit in units]
    return layer


def unit_of(path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def cocreate_imports(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "cocreate" and len(parts) > 1:
                yield node.lineno, parts[1]


def test_every_module_belongs_to_a_layer():
    units = {unit_of(p) for p in python_files(PACKAGE)}
    assert units - set().union(*LAYERS) == set()


def test_no_module_imports_from_its_own_layer_or_above():
    upward = [
        f"{p.relative_to(PACKAGE)}:{line} imports cocreate.{target}"
        for p in python_files(PACKAGE)
        for line, target in cocreate_imports(p)
        if target != unit_of(p) and layer_of(target) >= layer_of(unit_of(p))
    ]
    assert upward == []


# rules that decide what is stored or who sees what, moved from cocreate/ui into the library
MOVED_DOWN = {
    "round_board": "cocreate.scoring",
    "save_actors": "cocreate.stakeholders",
    "save_relations": "cocreate.stakeholders",
    "save_links": "cocreate.stakeholders",
    "actors_table": "cocreate.stakeholders",
    "relations_table": "cocreate.stakeholders",
    "links_table": "cocreate.stakeholders",
    "shown_graph": "cocreate.stakeholders",
    "duplicate_suggestions": "cocreate.clustering",
    "merge_batches": "cocreate.clustering",
    "distinct_representatives": "cocreate.clustering",
    "wall_rows": "cocreate.clustering",
    "model_spec_for": "cocreate.clustering",
}


def test_rules_that_decide_what_is_stored_live_below_the_ui():
    defined_in_ui = {
        f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}"
        for path in python_files(PACKAGE / "ui")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name in MOVED_DOWN
    }
    assert defined_in_ui == set()
    for name, package in MOVED_DOWN.items():
        assert callable(getattr(importlib.import_module(package), name)), (package, name)


def test_the_ui_deletes_nothing_itself():
    """Deleting stored rows is a rule (which rows go): the library decides it, not a page."""
    deletes = [
        f"{path.relative_to(PACKAGE)}:{node.lineno} .{node.func.attr}("
        for path in python_files(PACKAGE / "ui")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr.startswith(("delete_", "retire_", "undo_"))
    ]
    assert deletes == []
