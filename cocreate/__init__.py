"""cocreate: offline toolkit for design-thinking co-creation in cities."""

from cocreate import former_paths
from cocreate.ingest import IngestError, import_file, preview_file, read_table, submit_idea
from cocreate.records import IdeaRecord, ImportReport, RowProblem
from cocreate.store import Store, StoreError, default_db_path
from cocreate.templates import create_workshop_from_template, list_templates, load_demo

# code written before the package split imports cocreate.embed & co. (see former_paths)
former_paths.install()

__all__ = [
    "Store",
    "StoreError",
    "default_db_path",
    "IngestError",
    "import_file",
    "preview_file",
    "read_table",
    "submit_idea",
    "IdeaRecord",
    "ImportReport",
    "RowProblem",
    "create_workshop_from_template",
    "list_templates",
    "load_demo",
]
