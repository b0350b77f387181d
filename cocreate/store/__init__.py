"""SQLite storage: the only package of cocreate that runs SQL.

One SQLite file per installation (``default_db_path``), in WAL mode with a busy timeout and
foreign keys on. The schema is created and evolved by registered migrations
(``sqlite_utils.Migrations``): add a new function for each change, never edit an applied one.

A :class:`Store` wraps one connection. Streamlit runs each rerun on a new thread, so the app
opens one ``Store`` per script run and only caches "migrations applied for this path".

``Store`` is the one object callers hold, composed here from one mixin per noun:
``connection`` (opening the file, the write transaction that waits its turn, ``StoreError``),
``schema`` (the migrations), ``workshops``, ``ideas`` (ideas and imports committed in chunks,
search, filters, facets), ``caches`` (embedding vectors, clustering fits), ``clusters``
(clusterings, assignments, merges), ``rounds`` (rubric copies, rounds, raters, scores, votes)
``actors`` (the stakeholder map), ``triage`` (statuses, decisions, staff, the
backlog's listing and follow-up) and ``name_words`` (words never in names).
"""

from __future__ import annotations

from cocreate.store.actors import ActorsMixin
from cocreate.store.audit import AuditMixin, default_actor
from cocreate.store.backup import BackupResult, ScheduledBackup, backup_database, restore_database
from cocreate.store.caches import FITS_KEPT, CachesMixin
from cocreate.store.clusters import ClustersMixin
from cocreate.store.connection import (
    BUSY_TIMEOUT_MS,
    DB_ENV_VAR,
    SQL_CHUNK,
    WRITE_DEADLINE_S,
    StoreBusyError,
    StoreConnection,
    StoreError,
    default_db_path,
    now_iso,
)
from cocreate.store.duplicate_review import DuplicateReviewMixin
from cocreate.store.faults import DatabaseFault, NewerSchema
from cocreate.store.ideas import IMPORT_CHUNK_ROWS, IdeasMixin
from cocreate.store.name_words import NameWordsMixin
from cocreate.store.rounds import RoundsMixin
from cocreate.store.schema import (
    REVISION_SOURCES,
    m001_workshops_imports_ideas,
    m002_embedding_cache,
    m003_clusters_assignments_merges,
    m004_rubrics_rounds_scores,
    m005_stakeholders,
    m006_workshop_revision,
    m007_fit_cache,
    m008_triage,
    m009_theme_tree,
    m011_audit_log,
    migrations,
)
from cocreate.store.triage import TriageMixin
from cocreate.store.triage_views import TriageViewsMixin
from cocreate.store.workshops import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, WorkshopsMixin

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DB_ENV_VAR",
    "FITS_KEPT",
    "IMPORT_CHUNK_ROWS",
    "JOIN_CODE_ALPHABET",
    "JOIN_CODE_LENGTH",
    "REVISION_SOURCES",
    "SQL_CHUNK",
    "WRITE_DEADLINE_S",
    "BackupResult",
    "DatabaseFault",
    "NewerSchema",
    "ScheduledBackup",
    "backup_database",
    "restore_database",
    "Store",
    "StoreBusyError",
    "StoreConnection",
    "StoreError",
    "default_db_path",
    "default_actor",
    "m001_workshops_imports_ideas",
    "m002_embedding_cache",
    "m003_clusters_assignments_merges",
    "m004_rubrics_rounds_scores",
    "m005_stakeholders",
    "m006_workshop_revision",
    "m007_fit_cache",
    "m008_triage",
    "m009_theme_tree",
    "m011_audit_log",
    "migrations",
    "now_iso",
]


class Store(
    WorkshopsMixin,
    IdeasMixin,
    CachesMixin,
    ClustersMixin,
    RoundsMixin,
    ActorsMixin,
    TriageMixin,
    TriageViewsMixin,
    DuplicateReviewMixin,
    AuditMixin,
    NameWordsMixin,
):
    """One connection to a cocreate database file.

    >>> store = Store(":memory:")
    >>> store.create_workshop("Vélo en ville")["slug"]
    'velo-en-ville'
    """
