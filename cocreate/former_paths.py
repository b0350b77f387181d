"""Module paths from before the package split (issue 17) that still import: code written
against ``cocreate.embed`` or ``cocreate.stakeholder_formats`` keeps working. Each former
module is now part of a package that re-exports all of its public names, so the former path
gives that package (``import cocreate.embed`` is ``cocreate.clustering``).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
from types import ModuleType

FORMER_MODULES = {
    "cocreate.embed": "cocreate.clustering",
    "cocreate.cluster": "cocreate.clustering",
    "cocreate.labels": "cocreate.clustering",
    "cocreate.stakeholder_formats": "cocreate.stakeholders",
}


class FormerPathFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds a former module path and loads the package that holds it now."""

    def find_spec(self, fullname: str, path=None, target=None):
        if fullname in FORMER_MODULES:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec) -> ModuleType:
        # the package itself, not a copy: one object, whichever path imported it
        return importlib.import_module(FORMER_MODULES[spec.name])

    def exec_module(self, module: ModuleType) -> None:
        """The package ran when it was imported; nothing more to run."""


def install() -> None:
    if not any(isinstance(finder, FormerPathFinder) for finder in sys.meta_path):
        sys.meta_path.append(FormerPathFinder())
