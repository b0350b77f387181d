"""The schema of a cocreate database, created and evolved by registered migrations.

``migrations`` is a ``sqlite_utils.Migrations`` named "cocreate"; each function below is one
migration, applied once per database in the order written and recorded under its function
name. Append a new function for each change, never edit, rename or reorder an applied one: a
database written by an earlier release must see its migrations as applied.
(Not called ``migrations.py``: ``from cocreate.store import migrations`` is this object.)
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils import Migrations

migrations = Migrations("cocreate")


@migrations()
def m001_workshops_imports_ideas(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE workshops (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            challenge TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT 'fr',
            template TEXT,
            join_code TEXT NOT NULL UNIQUE,
            facilitator_secret_hash TEXT,
            phase TEXT NOT NULL DEFAULT 'collect',
            created_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            file_name TEXT,
            file_sha256 TEXT,
            format TEXT,
            mapping TEXT NOT NULL DEFAULT '{}',
            imported_at TEXT NOT NULL,
            rows_read INTEGER NOT NULL DEFAULT 0,
            rows_added INTEGER NOT NULL DEFAULT 0,
            rows_already_stored INTEGER NOT NULL DEFAULT 0,
            rows_changed INTEGER NOT NULL DEFAULT 0,
            rows_rejected INTEGER NOT NULL DEFAULT 0,
            problems TEXT NOT NULL DEFAULT '[]'
        )"""
    )
    db.execute(
        """
        CREATE TABLE ideas (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            source_key TEXT NOT NULL,
            source_id TEXT,
            text TEXT NOT NULL,
            title TEXT,
            author TEXT,
            category TEXT,
            votes INTEGER,
            created TEXT,
            language TEXT,
            original TEXT NOT NULL DEFAULT '{}',
            row_hash TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            duplicate_of INTEGER REFERENCES ideas(id),
            import_id INTEGER REFERENCES imports(id),
            line INTEGER,
            added_at TEXT NOT NULL,
            UNIQUE (workshop_id, source, source_key)
        )"""
    )
    db.execute("CREATE INDEX ideas_workshop_text_hash ON ideas(workshop_id, text_hash)")
    db.execute("CREATE INDEX ideas_duplicate_of ON ideas(duplicate_of)")
    # accent-insensitive search: "velo" finds "vélo"
    db["ideas"].enable_fts(
        ["text", "title", "author", "category"],
        create_triggers=True,
        tokenize="unicode61 remove_diacritics 2",
    )


@migrations()
def m002_embedding_cache(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE embeddings (
            model_id TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            dim INTEGER NOT NULL,
            vector BLOB NOT NULL,
            PRIMARY KEY (model_id, text_hash)
        ) WITHOUT ROWID"""
    )


@migrations()
def m003_clusters_assignments_merges(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE clusterings (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            model_id TEXT NOT NULL,
            seed INTEGER NOT NULL,
            params TEXT NOT NULL DEFAULT '{}',
            n_ideas INTEGER NOT NULL,
            n_clusters INTEGER NOT NULL,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE clusters (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            clustering_id INTEGER REFERENCES clusterings(id) ON DELETE SET NULL,
            label TEXT NOT NULL DEFAULT '',
            label_edited INTEGER NOT NULL DEFAULT 0,
            keywords TEXT NOT NULL DEFAULT '[]',
            pinned INTEGER NOT NULL DEFAULT 0,
            centroid BLOB,
            created_at TEXT NOT NULL,
            retired_at TEXT
        )"""
    )
    db.execute("CREATE INDEX clusters_workshop ON clusters(workshop_id, retired_at)")
    db.execute(
        """
        CREATE TABLE assignments (
            idea_id INTEGER PRIMARY KEY REFERENCES ideas(id) ON DELETE CASCADE,
            cluster_id INTEGER NOT NULL REFERENCES clusters(id),
            similarity REAL,
            loose INTEGER NOT NULL DEFAULT 0,
            manual INTEGER NOT NULL DEFAULT 0,
            duplicate_group INTEGER,
            x REAL,
            y REAL,
            assigned_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX assignments_cluster ON assignments(cluster_id)")
    db.execute(
        """
        CREATE TABLE idea_merges (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            primary_idea_id INTEGER NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
            merged_idea_id INTEGER NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            undone_at TEXT
        )"""
    )
    # an idea is merged into at most one other at a time
    db.execute(
        "CREATE UNIQUE INDEX idea_merges_active ON idea_merges(merged_idea_id)"
        " WHERE undone_at IS NULL"
    )


@migrations()
def m004_rubrics_rounds_scores(db: sqlite_utils.Database) -> None:
    # a rubric copied into a workshop: an immutable snapshot of the template's id and version
    db.execute(
        """
        CREATE TABLE workshop_rubrics (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            rubric_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            edited INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
            definition TEXT NOT NULL,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX workshop_rubrics_workshop ON workshop_rubrics(workshop_id)")
    # a round keeps its own copy of the rubric: editing the workshop's rubric changes no result
    db.execute(
        """
        CREATE TABLE score_rounds (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            workshop_rubric_id INTEGER REFERENCES workshop_rubrics(id) ON DELETE SET NULL,
            rubric_id TEXT NOT NULL,
            rubric_version INTEGER NOT NULL,
            rubric TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            blind INTEGER NOT NULL DEFAULT 1 CHECK (blind IN (0, 1)),
            revealed INTEGER NOT NULL DEFAULT 0 CHECK (revealed IN (0, 1)),
            created_at TEXT NOT NULL,
            closed_at TEXT,
            revealed_at TEXT
        )"""
    )
    db.execute("CREATE INDEX score_rounds_workshop ON score_rounds(workshop_id)")
    db.execute(
        """
        CREATE TABLE round_targets (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES score_rounds(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('cluster', 'idea')),
            cluster_id INTEGER REFERENCES clusters(id) ON DELETE CASCADE,
            idea_id INTEGER REFERENCES ideas(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            CHECK ((kind = 'cluster') = (cluster_id IS NOT NULL)),
            CHECK ((kind = 'idea') = (idea_id IS NOT NULL)),
            UNIQUE (round_id, cluster_id),
            UNIQUE (round_id, idea_id)
        )"""
    )
    db.execute(
        """
        CREATE TABLE raters (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            token TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('participant', 'staff')),
            name TEXT,
            created_at TEXT NOT NULL,
            CHECK ((kind = 'staff') = (name IS NOT NULL))
        )"""
    )
    # "don't know" is a NULL value with dont_know = 1, never a zero
    db.execute(
        """
        CREATE TABLE scores (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES score_rounds(id) ON DELETE CASCADE,
            target_id INTEGER NOT NULL REFERENCES round_targets(id) ON DELETE CASCADE,
            rater_id INTEGER NOT NULL REFERENCES raters(id) ON DELETE CASCADE,
            criterion TEXT NOT NULL,
            value REAL,
            dont_know INTEGER NOT NULL DEFAULT 0 CHECK (dont_know IN (0, 1)),
            updated_at TEXT NOT NULL,
            CHECK ((dont_know = 1) = (value IS NULL)),
            UNIQUE (round_id, target_id, rater_id, criterion)
        )"""
    )
    db.execute("CREATE INDEX scores_rater ON scores(rater_id)")


@migrations()
def m005_stakeholders(db: sqlite_utils.Database) -> None:
    # groups, relation types and roles are checked against the vocabulary
    # (templates/stakeholders) by cocreate.stakeholders; the fixed scales are checked here
    db.execute(
        """
        CREATE TABLE actors (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            key TEXT NOT NULL CHECK (key <> ''),
            name TEXT NOT NULL CHECK (name <> ''),
            actor_group TEXT NOT NULL,
            power INTEGER NOT NULL DEFAULT 3 CHECK (power IN (1, 2, 3, 4, 5)),
            interest INTEGER NOT NULL DEFAULT 3 CHECK (interest IN (1, 2, 3, 4, 5)),
            stance TEXT NOT NULL DEFAULT 'unknown'
                CHECK (stance IN ('supports', 'neutral', 'opposes', 'unknown')),
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (workshop_id, key)
        )"""
    )
    db.execute(
        """
        CREATE TABLE relations (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            source_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            target_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            weight REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
            direction TEXT NOT NULL DEFAULT 'directed'
                CHECK (direction IN ('directed', 'mutual', 'undirected')),
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            CHECK (source_id <> target_id),
            UNIQUE (source_id, target_id, type)
        )"""
    )
    db.execute("CREATE INDEX relations_workshop ON relations(workshop_id)")
    db.execute("CREATE INDEX relations_target ON relations(target_id)")
    db.execute(
        """
        CREATE TABLE stakeholder_links (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            cluster_id INTEGER REFERENCES clusters(id) ON DELETE CASCADE,
            idea_id INTEGER REFERENCES ideas(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            CHECK ((cluster_id IS NULL) <> (idea_id IS NULL)),
            UNIQUE (actor_id, cluster_id, role),
            UNIQUE (actor_id, idea_id, role)
        )"""
    )
    db.execute("CREATE INDEX stakeholder_links_workshop ON stakeholder_links(workshop_id)")
    db.execute("CREATE INDEX stakeholder_links_cluster ON stakeholder_links(cluster_id)")
    db.execute("CREATE INDEX stakeholder_links_idea ON stakeholder_links(idea_id)")
    # relation types a workshop adds to the vocabulary's list
    db.execute(
        """
        CREATE TABLE workshop_relation_types (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            type TEXT NOT NULL CHECK (type <> ''),
            label_fr TEXT NOT NULL,
            label_en TEXT NOT NULL,
            approval INTEGER NOT NULL DEFAULT 0 CHECK (approval IN (0, 1)),
            conflict INTEGER NOT NULL DEFAULT 0 CHECK (conflict IN (0, 1)),
            direction TEXT NOT NULL DEFAULT 'directed'
                CHECK (direction IN ('directed', 'mutual', 'undirected')),
            created_at TEXT NOT NULL,
            UNIQUE (workshop_id, type)
        )"""
    )


# how each table names the workshop a changed row belongs to (``{row}`` is NEW or OLD)
REVISION_SOURCES = {
    "ideas": "{row}.workshop_id",
    "clusterings": "{row}.workshop_id",
    "clusters": "{row}.workshop_id",
    "assignments": "(SELECT workshop_id FROM ideas WHERE id = {row}.idea_id)",
    "idea_merges": "{row}.workshop_id",
    "workshop_rubrics": "{row}.workshop_id",
    "score_rounds": "{row}.workshop_id",
    "round_targets": "(SELECT workshop_id FROM score_rounds WHERE id = {row}.round_id)",
    "raters": "{row}.workshop_id",
    "scores": "(SELECT workshop_id FROM score_rounds WHERE id = {row}.round_id)",
    "actors": "{row}.workshop_id",
    "relations": "{row}.workshop_id",
    "stakeholder_links": "{row}.workshop_id",
    "workshop_relation_types": "{row}.workshop_id",
}


@migrations()
def m006_workshop_revision(db: sqlite_utils.Database) -> None:
    # a counter every change to a workshop's content bumps, so the app can keep what it
    # computed from a workshop until the workshop changes (triggers: no write path forgets)
    db.execute("ALTER TABLE workshops ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
    for table, workshop in REVISION_SOURCES.items():
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            db.execute(
                f"""
                CREATE TRIGGER {table}_{event.lower()}_revision AFTER {event} ON {table}
                BEGIN
                    UPDATE workshops SET revision = revision + 1
                    WHERE id = {workshop.format(row=row)};
                END"""
            )


@migrations()
def m007_fit_cache(db: sqlite_utils.Database) -> None:
    # a clustering fit is a pure function of the vectors and its settings: kept by a digest
    # of both, so re-clustering unchanged ideas with unchanged settings skips the fit
    db.execute(
        """
        CREATE TABLE fit_cache (
            key TEXT PRIMARY KEY,
            result BLOB NOT NULL,
            stored_at TEXT NOT NULL
        )"""
    )


# the triage tables that name a workshop, bumping its revision like the tables above
TRIAGE_REVISION_SOURCES = {
    "workshop_lifecycles": "{row}.workshop_id",
    "idea_status": "{row}.workshop_id",
    "decisions": "{row}.workshop_id",
    "valuations": "{row}.workshop_id",
    "triage_assignees": "{row}.workshop_id",
    "milestones": "{row}.workshop_id",
}


@migrations()
def m008_triage(db: sqlite_utils.Database) -> None:
    # staff of the installation, each with their own secret (scrypt hash) and role
    db.execute(
        """
        CREATE TABLE staff_members (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (trim(name) <> ''),
            role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'valuator', 'readonly')),
            department TEXT,
            secret_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            retired_at TEXT
        )"""
    )
    db.execute(
        "CREATE UNIQUE INDEX staff_members_name ON staff_members(name COLLATE NOCASE)"
        " WHERE retired_at IS NULL"
    )
    # the lifecycle a workshop uses, snapshotted as rubrics are
    db.execute(
        """
        CREATE TABLE workshop_lifecycles (
            workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
            lifecycle_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            definition TEXT NOT NULL,
            created_at TEXT NOT NULL
        )"""
    )
    # the current status of an idea; no row means the lifecycle's initial state
    db.execute(
        """
        CREATE TABLE idea_status (
            idea_id INTEGER PRIMARY KEY REFERENCES ideas(id) ON DELETE CASCADE,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            status TEXT NOT NULL,
            changed_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX idea_status_workshop ON idea_status(workshop_id, status)")
    # every action on the backlog, one line per idea (or per cluster for a cluster decision);
    # idea and staff ids without foreign keys: the trace outlives a deleted idea or member
    db.execute(
        """
        CREATE TABLE triage_history (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            idea_id INTEGER,
            cluster_id INTEGER,
            action TEXT NOT NULL,
            from_status TEXT,
            to_status TEXT,
            note TEXT NOT NULL DEFAULT '',
            staff_id INTEGER,
            staff_name TEXT NOT NULL,
            at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX triage_history_idea ON triage_history(idea_id)")
    db.execute("CREATE INDEX triage_history_cluster ON triage_history(cluster_id)")
    db.execute("CREATE INDEX triage_history_workshop ON triage_history(workshop_id, id)")
    db.execute(
        """
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            idea_id INTEGER REFERENCES ideas(id) ON DELETE CASCADE,
            cluster_id INTEGER REFERENCES clusters(id) ON DELETE CASCADE,
            outcome TEXT NOT NULL,
            answer_fr TEXT NOT NULL DEFAULT '',
            answer_en TEXT NOT NULL DEFAULT '',
            merged_into INTEGER REFERENCES ideas(id) ON DELETE SET NULL,
            staff_id INTEGER,
            staff_name TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            superseded_at TEXT,
            CHECK ((idea_id IS NULL) <> (cluster_id IS NULL))
        )"""
    )
    db.execute(
        "CREATE UNIQUE INDEX decisions_idea ON decisions(idea_id)"
        " WHERE superseded_at IS NULL AND idea_id IS NOT NULL"
    )
    db.execute(
        "CREATE UNIQUE INDEX decisions_cluster ON decisions(cluster_id)"
        " WHERE superseded_at IS NULL AND cluster_id IS NOT NULL"
    )
    db.execute("CREATE INDEX decisions_workshop ON decisions(workshop_id)")
    db.execute(
        """
        CREATE TABLE valuations (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            idea_id INTEGER REFERENCES ideas(id) ON DELETE CASCADE,
            cluster_id INTEGER REFERENCES clusters(id) ON DELETE CASCADE,
            feasible INTEGER NOT NULL CHECK (feasible IN (0, 1)),
            reason TEXT NOT NULL DEFAULT '',
            cost REAL,
            department TEXT,
            due_date TEXT,
            staff_id INTEGER,
            staff_name TEXT NOT NULL,
            valued_at TEXT NOT NULL,
            superseded_at TEXT,
            CHECK ((idea_id IS NULL) <> (cluster_id IS NULL))
        )"""
    )
    db.execute("CREATE INDEX valuations_idea ON valuations(idea_id) WHERE superseded_at IS NULL")
    db.execute(
        "CREATE INDEX valuations_cluster ON valuations(cluster_id) WHERE superseded_at IS NULL"
    )
    # who an idea or a cluster is handed to: a department, a staff member, or both
    db.execute(
        """
        CREATE TABLE triage_assignees (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            idea_id INTEGER REFERENCES ideas(id) ON DELETE CASCADE,
            cluster_id INTEGER REFERENCES clusters(id) ON DELETE CASCADE,
            department TEXT,
            staff_id INTEGER REFERENCES staff_members(id) ON DELETE SET NULL,
            assigned_at TEXT NOT NULL,
            CHECK ((idea_id IS NULL) <> (cluster_id IS NULL)),
            CHECK (department IS NOT NULL OR staff_id IS NOT NULL)
        )"""
    )
    db.execute("CREATE UNIQUE INDEX triage_assignees_idea ON triage_assignees(idea_id)")
    db.execute("CREATE UNIQUE INDEX triage_assignees_cluster ON triage_assignees(cluster_id)")
    db.execute("CREATE INDEX triage_assignees_department ON triage_assignees(department)")
    db.execute(
        """
        CREATE TABLE milestones (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            decision_id INTEGER REFERENCES decisions(id) ON DELETE CASCADE,
            idea_id INTEGER REFERENCES ideas(id) ON DELETE CASCADE,
            on_date TEXT NOT NULL,
            text TEXT NOT NULL,
            photo_path TEXT,
            staff_name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            CHECK ((decision_id IS NULL) <> (idea_id IS NULL))
        )"""
    )
    db.execute("CREATE INDEX milestones_decision ON milestones(decision_id)")
    db.execute("CREATE INDEX milestones_idea ON milestones(idea_id)")
    # staff edits of an idea's text; a redaction keeps how many characters, never which
    db.execute(
        """
        CREATE TABLE idea_edits (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            idea_id INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('edit', 'redact', 'hide', 'show', 'delete')),
            before_text TEXT,
            chars INTEGER,
            staff_id INTEGER,
            staff_name TEXT NOT NULL,
            at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX idea_edits_idea ON idea_edits(idea_id)")
    # a deleted idea's key: a re-import of the same row does not bring it back
    db.execute(
        """
        CREATE TABLE idea_tombstones (
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            source_key TEXT NOT NULL,
            idea_id INTEGER NOT NULL,
            staff_name TEXT NOT NULL,
            deleted_at TEXT NOT NULL,
            PRIMARY KEY (workshop_id, source, source_key)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """
        CREATE TABLE saved_views (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (trim(name) <> ''),
            filters TEXT NOT NULL DEFAULT '{}',
            owner TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (workshop_id, owner, name)
        )"""
    )
    db.execute("ALTER TABLE ideas ADD COLUMN hidden_at TEXT")
    # the triage list counts, filters and sorts a workshop's ideas from this index alone,
    # without reading each idea's text and original row (decision 0035)
    db.execute(
        "CREATE INDEX ideas_triage ON ideas(workshop_id, hidden_at, created, added_at, votes,"
        " source, language, category)"
    )
    db.execute("CREATE INDEX ideas_triage_votes ON ideas(workshop_id, hidden_at, votes)")
    for table, workshop in TRIAGE_REVISION_SOURCES.items():
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            db.execute(
                f"""
                CREATE TRIGGER {table}_{event.lower()}_revision AFTER {event} ON {table}
                BEGIN
                    UPDATE workshops SET revision = revision + 1
                    WHERE id = {workshop.format(row=row)};
                END"""
            )


@migrations()
def m009_theme_tree(db: sqlite_utils.Database) -> None:
    # the theme tree: a theme is a cluster of level 1 over groups (level 0) that name it as
    # parent; an idea's secondary theme (where it sits between two) with its similarity
    db.execute("ALTER TABLE clusters ADD COLUMN level INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE clusters ADD COLUMN parent_id INTEGER REFERENCES clusters(id)")
    db.execute(
        "ALTER TABLE assignments ADD COLUMN secondary_theme_id INTEGER REFERENCES clusters(id)"
    )
    db.execute("ALTER TABLE assignments ADD COLUMN secondary_similarity REAL")
    db.execute("CREATE INDEX clusters_parent ON clusters(parent_id)")


@migrations()
def m010_duplicate_review(db: sqlite_utils.Database) -> None:
    # "not a duplicate" marks: an idea taken out of near-duplicate suggestions, by whom and
    # when, kept when undone (undone_at) so the review can be read back
    db.execute(
        """
        CREATE TABLE duplicate_exclusions (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            idea_id INTEGER NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
            marked_by TEXT NOT NULL CHECK (trim(marked_by) <> ''),
            marked_at TEXT NOT NULL,
            undone_by TEXT,
            undone_at TEXT
        )"""
    )
    # an idea holds at most one mark in force
    db.execute(
        "CREATE UNIQUE INDEX duplicate_exclusions_active ON duplicate_exclusions(idea_id)"
        " WHERE undone_at IS NULL"
    )
    db.execute("CREATE INDEX duplicate_exclusions_workshop ON duplicate_exclusions(workshop_id)")
    for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        db.execute(
            f"""
            CREATE TRIGGER duplicate_exclusions_{event.lower()}_revision
            AFTER {event} ON duplicate_exclusions
            BEGIN
                UPDATE workshops SET revision = revision + 1 WHERE id = {row}.workshop_id;
            END"""
        )


@migrations()
def m011_audit_log(db: sqlite_utils.Database) -> None:
    # one line per export: when, who, what and with which privacy options; no foreign key
    # and the workshop's title copied, so the trace outlives a deleted workshop
    db.execute(
        """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER,
            workshop_title TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL CHECK (trim(action) <> ''),
            actor TEXT NOT NULL CHECK (trim(actor) <> ''),
            target TEXT NOT NULL DEFAULT '',
            details TEXT NOT NULL DEFAULT '{}',
            privacy TEXT NOT NULL DEFAULT '{}',
            at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX audit_log_workshop ON audit_log(workshop_id, id)")


@migrations()
def m012_schema_versions(db: sqlite_utils.Database) -> None:
    # the cocreate version that applied each migration: a database written by a newer
    # version is refused for writing with a message naming it (decision 0075)
    db.execute(
        """
        CREATE TABLE schema_versions (
            migration TEXT PRIMARY KEY,
            cocreate_version TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )"""
    )


@migrations()
def m013_words_never_in_names(db: sqlite_utils.Database) -> None:
    # words staff forbid in group and theme names (beside templates/stopwords'
    # never-in-names.txt), for every workshop of the database; a removed word is kept with
    # who removed it and when, so the list can be read back
    db.execute(
        """
        CREATE TABLE words_never_in_names (
            id INTEGER PRIMARY KEY,
            word TEXT NOT NULL CHECK (trim(word) <> ''),
            written TEXT NOT NULL CHECK (trim(written) <> ''),
            added_by TEXT NOT NULL CHECK (trim(added_by) <> ''),
            added_at TEXT NOT NULL,
            removed_by TEXT,
            removed_at TEXT
        )"""
    )
    db.execute(
        "CREATE UNIQUE INDEX words_never_in_names_active ON words_never_in_names(word)"
        " WHERE removed_at IS NULL"
    )
