"""Exports of a workshop: the one-table export (:mod:`cocreate.export.table`, CSV or JSONL),
and the research bundle (:mod:`cocreate.export.bundle`: tables in CSV, Parquet and JSONL, the
stakeholder map, Polis-compatible CSVs, embeddings, a data card) with its way back into a
database (:func:`import_bundle`).

Every export applies the privacy defaults (:class:`cocreate.privacy.PrivacyOptions`: free
text redacted, authors as pseudonyms, personal columns dropped) unless told otherwise, writes
CSV cells safe against formula injection (:mod:`cocreate.spreadsheet`), and leaves an entry in
the audit log (``Store.audit_entries``).

The package, one module per part (lower ones never import the higher ones): ``scrub`` (the
privacy treatment), ``table`` (the one-table export), ``tables`` (the bundle's tables),
``datacard`` (datapackage.json and README), ``bundle`` (writing and reading), ``restore``
(a bundle into a database).
"""

from cocreate.export.audit import audit_bytes, write_audit_log
from cocreate.export.bundle import (
    BUNDLE_FORMATS,
    BundleError,
    BundleOptions,
    BundleResult,
    read_bundle,
    write_bundle,
)
from cocreate.export.restore import import_bundle
from cocreate.export.scrub import Scrubber
from cocreate.export.table import (
    EXPORT_FORMATS,
    export_bytes,
    export_file,
    export_rows,
    format_for_path,
)
from cocreate.export.tables import LEVELS, BundleTables
from cocreate.spreadsheet import neutralise_formula, restore_formula

__all__ = [
    "BUNDLE_FORMATS",
    "EXPORT_FORMATS",
    "LEVELS",
    "BundleError",
    "BundleOptions",
    "BundleResult",
    "BundleTables",
    "Scrubber",
    "audit_bytes",
    "export_bytes",
    "export_file",
    "export_rows",
    "format_for_path",
    "import_bundle",
    "neutralise_formula",
    "read_bundle",
    "restore_formula",
    "write_audit_log",
    "write_bundle",
]
