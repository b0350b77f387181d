"""Code written before the package split keeps working. For every module of the release
before the split (fixtures/former_public_names.json, read off that release): each name of
its ``__all__`` still imports from its former path and from the package that owns it now,
and each other top-level name it defined still lives in one module of that package."""

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

from cocreate.former_paths import FORMER_MODULES

FORMER = json.loads(
    (Path(__file__).parent / "fixtures" / "former_public_names.json").read_text(encoding="utf-8")
)
EXPORTED = [(module, name) for module, names in sorted(FORMER.items()) for name in names["__all__"]]
OTHER = [(module, name) for module, names in sorted(FORMER.items()) for name in names["other"]]


def owner_of(module: str) -> str:
    return FORMER_MODULES.get(module, module)


@pytest.mark.parametrize(("module", "name"), EXPORTED)
def test_every_exported_name_imports_from_its_former_path(module, name):
    assert hasattr(importlib.import_module(module), name), f"{module}.{name} is gone"


@pytest.mark.parametrize(("module", "name"), EXPORTED)
def test_every_exported_name_imports_from_the_package_that_owns_it(module, name):
    owner = importlib.import_module(owner_of(module))
    assert hasattr(owner, name), f"{owner.__name__} does not export {name}"


def modules_of(package_name: str) -> list:
    package = importlib.import_module(package_name)
    found = [package]
    for info in pkgutil.iter_modules(getattr(package, "__path__", [])):
        found.append(importlib.import_module(f"{package_name}.{info.name}"))
    return found


@pytest.mark.parametrize(("module", "name"), OTHER)
def test_every_other_top_level_name_still_lives_in_the_owning_package(module, name):
    holders = [m.__name__ for m in modules_of(owner_of(module)) if hasattr(m, name)]
    assert holders, f"{module}.{name} is in no module of {owner_of(module)}"


def test_the_former_module_files_are_gone_and_their_paths_give_the_owning_package():
    package = Path(__file__).resolve().parent.parent / "cocreate"
    for former, owner in FORMER_MODULES.items():
        assert not (package / (former.split(".")[-1] + ".py")).exists()
        assert importlib.import_module(former) is importlib.import_module(owner)


def test_a_fresh_interpreter_imports_a_former_path_with_from_import():
    code = "from cocreate.stakeholder_formats import read_map; print(read_map.__module__)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "cocreate.stakeholders.formats"
