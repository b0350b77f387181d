"""The ``cocreate`` command: each command opens the store and calls the library."""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

import click

from cocreate.access import is_loopback, reset_facilitator_secret, room_host
from cocreate.cli_triage import COMMANDS as TRIAGE_COMMANDS
from cocreate.clustering import (
    ModelNotFound,
    allow_in_names,
    cluster_cards,
    cluster_workshop,
    forbid_in_names,
    never_in_names,
)
from cocreate.clustering.labels import fold
from cocreate.clustering.llm_names import (
    ENV_MODEL,
    ENV_URL,
    NamingEndpointRefused,
    naming_endpoint_from_env,
)
from cocreate.demo import stage_demo
from cocreate.export import (
    BUNDLE_FORMATS,
    EXPORT_FORMATS,
    LEVELS,
    BundleOptions,
    export_file,
    import_bundle,
    write_audit_log,
    write_bundle,
)
from cocreate.i18n import t
from cocreate.ingest import FIELDS, IngestError, import_file
from cocreate.privacy import PrivacyOptions
from cocreate.server import run_server, server_env, streamlit_command
from cocreate.spreadsheet import neutralise_row
from cocreate.store import DB_ENV_VAR, Store, StoreError, default_actor, default_db_path
from cocreate.store.backup import ScheduledBackup, backup_database, restore_database
from cocreate.store.faults import DATABASE_ERRORS, fault_from
from cocreate.store.versions import newer_schema_of
from cocreate.templates import create_workshop_from_template, list_templates, load_demo

PROBLEMS_SHOWN = 20


def _open(ctx: click.Context) -> Store:
    return Store(ctx.obj["db"])


def _workshop_or_fail(store: Store, workshop: str) -> dict:
    try:
        return store.get_workshop(workshop)
    except StoreError as error:
        raise click.ClickException(str(error)) from None


def _parse_mapping(pairs: tuple[str, ...]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        field_name, sep, column = pair.partition("=")
        if not sep or not column:
            raise click.BadParameter(f"{pair!r}: expected FIELD=COLUMN", param_hint="--map")
        if field_name not in FIELDS:
            raise click.BadParameter(
                f"{field_name!r}: fields are {', '.join(FIELDS)}", param_hint="--map"
            )
        mapping[field_name] = column
    return mapping


class FaultTellingGroup(click.Group):
    """The command group: a fault of the database file (not a database, damaged, read-only,
    full disk, newer schema) ends a command with its one-line message, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DATABASE_ERRORS as error:
            db = (ctx.obj or {}).get("db") or default_db_path()
            fault = fault_from(error, db)
            if fault is None:
                raise self._newer_schema_or(error, db) from None
            raise click.ClickException(fault.message("en")) from None
        except LookupError as error:
            db = (ctx.obj or {}).get("db") or default_db_path()
            raise self._newer_schema_or(error, db) from None

    @staticmethod
    def _newer_schema_or(error: Exception, db: Path) -> Exception:
        """A read that failed on a schema written by a newer cocreate (a column renamed...)
        is told as such; any other error is left as it is."""
        newer = newer_schema_of(db)
        if newer is None:
            return error
        return click.ClickException(
            t("fault.newer_unreadable", "en", detail=repr(error), reason=newer.message("en"))
        )


@click.group(cls=FaultTellingGroup)
@click.version_option(package_name="cocreate")
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=DB_ENV_VAR,
    default=None,
    help=f"SQLite file (default: ${DB_ENV_VAR}, else {default_db_path()}).",
)
@click.pass_context
def cli(ctx: click.Context, db: Path | None) -> None:
    """cocreate: cluster citizens' ideas, score them, map stakeholders. Offline."""
    ctx.obj = {"db": db or default_db_path()}


@cli.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create the database (or bring its schema up to date)."""
    with _open(ctx) as store:
        click.echo(f"Database ready: {store.path} ({len(store.applied_migrations())} migrations)")


@cli.command("workshops")
@click.pass_context
def workshops_command(ctx: click.Context) -> None:
    """List workshops with their join code and number of ideas."""
    with _open(ctx) as store:
        rows = store.list_workshops()
    if not rows:
        click.echo("No workshops yet: `cocreate demo` or `cocreate create-workshop TITLE`.")
    for row in rows:
        click.echo(f"{row['slug']}\t{row['join_code']}\t{row['ideas']} ideas\t{row['title']}")


@cli.command("create-workshop")
@click.argument("title", required=False)
@click.option(
    "--template",
    default="blank",
    show_default=True,
    help="Template slug: " + ", ".join(tpl.slug for tpl in list_templates()),
)
@click.option("--language", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@click.option("--challenge", default=None, help="The 'How might we...?' question.")
@click.pass_context
def create_workshop(
    ctx: click.Context, title: str | None, template: str, language: str, challenge: str | None
) -> None:
    """Create a workshop, from a template."""
    with _open(ctx) as store:
        try:
            workshop = create_workshop_from_template(
                store, template, language=language, title=title, challenge=challenge
            )
        except (KeyError, StoreError) as error:
            raise click.ClickException(str(error).strip("'\"")) from None
        secret = reset_facilitator_secret(store, workshop["id"])
    click.echo(f"Created workshop {workshop['slug']} (join code {workshop['join_code']})")
    _echo_secret(secret)


def _echo_secret(secret: str) -> None:
    click.echo(f"Facilitator secret: {secret}  (shown once; `cocreate secret` makes a new one)")


@cli.command("secret")
@click.option("--workshop", "-w", required=True, help="Workshop slug, title, id or join code.")
@click.pass_context
def secret_command(ctx: click.Context, workshop: str) -> None:
    """Make a new facilitator secret for a workshop (the old one stops working)."""
    with _open(ctx) as store:
        target = _workshop_or_fail(store, workshop)
        secret = reset_facilitator_secret(store, target["id"])
    click.echo(f"{target['title']} (join code {target['join_code']})")
    _echo_secret(secret)


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--workshop", "-w", required=True, help="Workshop slug, title, id or join code.")
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="FIELD=COLUMN",
    help=f"Column for a field ({', '.join(FIELDS)}); repeatable. Guessed when absent.",
)
@click.option("--source", default=None, help="Name of the source (default: the file name).")
@click.option("--sheet", default=None, help="Spreadsheet sheet name or 0-based index.")
@click.option("--encoding", default=None, help="Text encoding (default: detected).")
@click.option("--delimiter", default=None, help="CSV delimiter (default: detected).")
@click.option(
    "--language", type=click.Choice(["fr", "en"]), default="fr", help="For a new workshop."
)
@click.option(
    "--bad-values",
    type=click.Choice(["keep", "skip"]),
    default="keep",
    show_default=True,
    help="A row whose votes or date cannot be read: keep it without that value, or skip it.",
)
@click.pass_context
def import_command(
    ctx: click.Context,
    file: Path,
    workshop: str,
    mapping: tuple[str, ...],
    source: str | None,
    sheet: str | None,
    encoding: str | None,
    delimiter: str | None,
    language: str,
    bad_values: str,
) -> None:
    """Import ideas from FILE (CSV, TSV, XLSX, XLS, ODS, JSON, JSONL) into a workshop.

    The workshop is created when no workshop has this name. Importing the same file again
    adds nothing. Exits with status 1 when some rows were rejected (the others are stored).
    """
    columns = _parse_mapping(mapping)
    with _open(ctx) as store:
        read_options = {"sheet": sheet, "encoding": encoding, "delimiter": delimiter}
        try:
            # a new workshop is created with the import's first chunk: none is left empty
            report = import_file(
                store,
                workshop,
                file,
                mapping=columns,
                source=source,
                bad_values=bad_values,
                new_workshop_language=language,
                **read_options,
            )
        except IngestError as error:
            raise click.ClickException(str(error)) from None
        if report.created_workshop:
            target = store.get_workshop(report.workshop_id)
            click.echo(f"Created workshop {target['slug']} (join code {target['join_code']})")
    mapped = ", ".join(f"{k}={v}" for k, v in report.mapping.items())
    click.echo(f"{report.file_name} [{report.format_name}] {mapped}")
    for label, items in (("warning", report.warnings), ("rejected", report.problems)):
        for item in items[:PROBLEMS_SHOWN]:
            click.echo(f"{label}: {item}", err=True)
        if len(items) > PROBLEMS_SHOWN:
            click.echo(f"{label}: ... and {len(items) - PROBLEMS_SHOWN} more", err=True)
    click.echo(report.summary("en"))
    if report.problems:
        ctx.exit(1)


@cli.command()
@click.option("--workshop", "-w", required=True, help="Workshop slug, title, id or join code.")
@click.option("--search", "-s", default=None, help="Full-text search, accents ignored.")
@click.option("--limit", "-n", type=int, default=20, show_default=True, help="0 for all.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@click.pass_context
def ideas(
    ctx: click.Context, workshop: str, search: str | None, limit: int, output_format: str
) -> None:
    """List a workshop's ideas, with counts by source, theme and language."""
    with _open(ctx) as store:
        target = _workshop_or_fail(store, workshop)
        facets = store.idea_facets(target["id"])
        matching = store.count_ideas(target["id"], search=search)
        rows = store.list_ideas(target["id"], search=search, limit=limit or None)
    columns = ["id", "text", "author", "category", "votes", "language", "source", "duplicate_of"]
    if output_format == "json":
        click.echo(json.dumps([{c: r[c] for c in columns} for r in rows], ensure_ascii=False))
        return
    if output_format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(neutralise_row({c: r[c] for c in columns}) for r in rows)
        return
    click.echo(
        f"{target['title']}: {facets['total']} ideas, {facets['exact_duplicates']} exact duplicates"
    )
    for facet in ("source", "language", "category"):
        counts = ", ".join(f"{k or '-'} {v}" for k, v in list(facets[facet].items())[:10])
        click.echo(f"  by {facet}: {counts}")
    if search:
        click.echo(f"  matching {search!r}: {matching}")
    for row in rows:
        text = " ".join(row["text"].split())
        text = text if len(text) <= 90 else text[:89] + "…"
        mark = f" (= #{row['duplicate_of']})" if row["duplicate_of"] else ""
        click.echo(f"#{row['id']}\t[{row['language'] or '-'}] {text}{mark}")


@cli.command()
@click.option("--workshop", "-w", required=True, help="Workshop slug, title, id or join code.")
@click.option(
    "--k",
    "n_clusters",
    type=click.IntRange(min=1),
    default=None,
    help="Number of clusters (default: as many as the similarity graph finds).",
)
@click.option(
    "--granularity",
    type=click.FloatRange(min=0.1, max=5),
    default=1.0,
    show_default=True,
    help="Fewer (<1) or more (>1) clusters than the automatic choice.",
)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--model",
    default=None,
    help="minilm, use, use+minilm, a folder in models/ or a model folder path "
    "(default: a folder in models/, else the best model for the workshop's language).",
)
@click.option(
    "--duplicates",
    "duplicate_threshold",
    type=click.FloatRange(min=0.5, max=1.0),
    default=None,
    help="Cosine similarity above which two ideas are near-duplicates "
    "(default: 0.80 with use, 0.85 with other models).",
)
@click.option(
    "--naming-url",
    envvar="COCREATE_NAMING_URL",
    default=None,
    help="An OpenAI-compatible server on this machine or the local network (e.g. "
    "http://127.0.0.1:8080/v1) that proposes group and theme names; each is checked and the "
    "offline name stays where it fails (default: off, or $COCREATE_NAMING_URL).",
)
@click.option(
    "--naming-model",
    envvar="COCREATE_NAMING_MODEL",
    default=None,
    help="The model the naming server runs (default: the first it lists).",
)
@click.pass_context
def cluster(
    ctx: click.Context,
    workshop: str,
    n_clusters: int | None,
    granularity: float,
    seed: int,
    model: str | None,
    duplicate_threshold: float | None,
    naming_url: str | None,
    naming_model: str | None,
) -> None:
    """Cluster a workshop's ideas (pinned clusters and edited labels are kept)."""
    try:
        # timeout and batch size from the environment too (COCREATE_NAMING_TIMEOUT, _BATCH)
        settings = {**os.environ, ENV_URL: naming_url or "", ENV_MODEL: naming_model or ""}
        naming = naming_endpoint_from_env(settings)
    except NamingEndpointRefused as refused:
        raise click.ClickException(refused.message("en")) from None
    with _open(ctx) as store:
        target = _workshop_or_fail(store, workshop)
        with click.progressbar(length=1, label="Embedding", file=sys.stderr) as bar:

            def progress(done: int, total: int) -> None:
                bar.length = max(total, 1)
                bar.update(done - bar.pos)

            try:
                summary = cluster_workshop(
                    store,
                    target["id"],
                    n_clusters=n_clusters,
                    granularity=granularity,
                    seed=seed,
                    model=model,
                    duplicate_threshold=duplicate_threshold,
                    progress=progress,
                    naming_endpoint=naming,
                )
            except (ModelNotFound, ValueError) as error:
                raise click.ClickException(str(error)) from None
        cards = cluster_cards(store, target["id"])
    stats = summary.embed_stats
    click.echo(
        f"{summary.n_ideas} ideas -> {summary.n_clusters} clusters ({summary.n_pinned} pinned),"
        f" {summary.n_loose} loosely fitting, {summary.n_duplicate_groups} near-duplicate groups"
    )
    click.echo(
        f"model {summary.model_id}, seed {summary.seed};"
        f" embedded {stats.computed}, from cache {stats.cached}"
    )
    if "naming" in summary.params:
        naming_done = summary.params["naming"]
        click.echo(
            t(
                "llm_names.summary",
                "en",
                host=naming_done["host"],
                proposed=naming_done["proposed"],
                asked=naming_done["asked"],
            )
        )
    if summary.finest_reached:
        click.echo(
            "these ideas split no finer (more groups would leave ideas alone or in pairs):"
            " a coarser granularity was used; --k N gives N groups anyway"
        )
    for card in cards:
        keywords = ", ".join(card["keywords"][:5])
        click.echo(f"#{card['id']}\t{card['size']}\t{card['label']}\t[{keywords}]")


@cli.command("never-in-names")
@click.option("--add", "added", multiple=True, help="A word never to use in names (repeatable).")
@click.option("--allow", "allowed", multiple=True, help="A word to allow again (repeatable).")
@click.option("--by", default=None, help="Who changes the list (default: this account).")
@click.pass_context
def never_in_names_command(
    ctx: click.Context, added: tuple[str, ...], allowed: tuple[str, ...], by: str | None
) -> None:
    """List, add or allow again the words never used in group and theme names, for every
    workshop of the database; the next `cocreate cluster` names the groups without them."""
    who = by or default_actor()
    with _open(ctx) as store:
        try:
            for word in added:
                forbid_in_names(store, word, by=who)
            in_force = {row["word"]: row for row in store.words_never_in_names()}
            for word in allowed:
                row = in_force.get(fold(" ".join(word.split())))
                if row is None:
                    raise click.ClickException(f"{word!r} is not in the list.")
                allow_in_names(store, row["id"], by=who)
        except ValueError as refused:
            raise click.ClickException(str(refused)) from None
        rows = store.words_never_in_names()
    for row in rows:
        click.echo(f"{row['written']}\tadded by {row['added_by']}, {row['added_at']}")
    click.echo(
        f"{len(rows)} words of this database and {len(never_in_names())} of the installed list"
        " (not shown) never name a group or a theme."
    )


@cli.command()
@click.option("--workshop", "-w", required=True, help="Workshop slug, title, id or join code.")
@click.option(
    "--out",
    "-o",
    default=None,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="One table, one row per idea: .csv or .jsonl.",
)
@click.option(
    "--bundle",
    "bundle",
    default=None,
    type=click.Path(path_type=Path),
    help="The research bundle: a new folder, or a file ending in .zip.",
)
@click.option(
    "--format",
    "output_format",
    multiple=True,
    type=click.Choice(sorted({*EXPORT_FORMATS, *BUNDLE_FORMATS})),
    help="--out: default from the file name. --bundle: repeat to choose (default: all three).",
)
@click.option("--bom", is_flag=True, help="--bundle: CSV files with a BOM for Excel.")
@click.option("--embeddings", is_flag=True, help="--bundle: add the vectors as embeddings.npy.")
@click.option(
    "--level",
    type=click.Choice(LEVELS),
    default="group",
    show_default=True,
    help="--bundle: the level the ideas' cluster columns refer to.",
)
@click.option("--no-redact", is_flag=True, help="Leave personal data in free text (recorded).")
@click.option("--keep", multiple=True, help="A public name or place kept as written (repeat).")
@click.option(
    "--keep-personal-columns", is_flag=True, help="Keep name, age, e-mail... columns (recorded)."
)
@click.option("--salt", default=None, help="Reuse this salt for author pseudonyms (joinable).")
@click.option("--as", "actor", default=None, help="Who exports, for the audit log.")
@click.pass_context
def export(
    ctx: click.Context,
    workshop: str,
    out: Path | None,
    bundle: Path | None,
    output_format: tuple[str, ...],
    bom: bool,
    embeddings: bool,
    level: str,
    no_redact: bool,
    keep: tuple[str, ...],
    keep_personal_columns: bool,
    salt: str | None,
    actor: str | None,
) -> None:
    """Export a workshop: one row per idea (--out), or the research bundle (--bundle).
    Personal data is redacted and authors pseudonymised unless told otherwise."""
    if (out is None) == (bundle is None):
        raise click.UsageError(t("export.cli.out_or_bundle", "en"))
    privacy = PrivacyOptions(
        redact=not no_redact,
        keep=keep,
        keep_personal_columns=keep_personal_columns,
        salt=salt,
    )
    said = [t("export.privacy.redacted" if privacy.redact else "export.privacy.not_redacted", "en")]
    if keep_personal_columns:
        said.append(t("export.privacy.columns_kept", "en"))
    with _open(ctx) as store:
        target = _workshop_or_fail(store, workshop)
        try:
            if out is not None:
                for flag, given in (("--bom", bom), ("--embeddings", embeddings)):
                    if given:
                        raise click.UsageError(t("export.cli.bundle_only", "en", option=flag))
                fmt = output_format[0] if output_format else None
                written = export_file(store, target["id"], out, fmt, privacy, actor=actor)
                click.echo(
                    t("export.cli.written", "en", count=written, path=out, privacy="; ".join(said))
                )
                return
            options = BundleOptions(
                formats=output_format or BUNDLE_FORMATS,
                excel_bom=bom,
                embeddings=embeddings,
                level=level,
                privacy=privacy,
                actor=actor,
            )
            result = write_bundle(store, target["id"], bundle, options)
        except (ValueError, OSError) as error:
            raise click.ClickException(str(error)) from None
    click.echo(
        t(
            "export.cli.bundle_written",
            "en",
            path=result.path,
            files=len(result.files),
            privacy="; ".join(said),
            **{k: result.counts[k] for k in ("ideas", "clusters", "scores", "actors")},
        )
    )


@cli.command("import-bundle")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--title", default=None, help="Title of the new workshop (default: the bundle's).")
@click.pass_context
def import_bundle_command(ctx: click.Context, path: Path, title: str | None) -> None:
    """Store a bundle written by `export --bundle` as a new workshop."""
    with _open(ctx) as store:
        try:
            workshop_id = import_bundle(store, path, title=title)
        except (ValueError, OSError) as error:
            raise click.ClickException(str(error)) from None
        workshop = store.get_workshop(workshop_id)
        ideas = store.count_ideas(workshop_id)
    click.echo(t("export.imported", "en", path=path, slug=workshop["slug"], ideas=ideas))


@cli.command("audit")
@click.option("--workshop", "-w", default=None, help="Only this workshop's exports.")
@click.option(
    "--out",
    "-o",
    default=None,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the log to a file: .csv or .jsonl (default: print it).",
)
@click.pass_context
def audit(ctx: click.Context, workshop: str | None, out: Path | None) -> None:
    """The audit log: every export with when, who, what and which privacy options."""
    with _open(ctx) as store:
        workshop_id = _workshop_or_fail(store, workshop)["id"] if workshop else None
        entries = store.audit_entries(workshop_id)
    if out is not None:
        try:
            write_audit_log(entries, out)
        except (ValueError, OSError) as error:
            raise click.ClickException(str(error)) from None
        click.echo(t("audit.cli.written", "en", count=len(entries), path=out))
        return
    if not entries:
        click.echo(t("audit.cli.none", "en"))
    for entry in entries:
        redact = entry["privacy"].get("redact")
        click.echo(
            f"{entry['at']}\t{entry['actor']}\t{entry['action']}\t{entry['workshop_title']}"
            f"\t{entry['target']}\tredact={redact}"
        )


@cli.command("report")
@click.option("--workshop", "-w", required=True, help="Workshop slug, title, id or join code.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="The HTML file to write (open it in a browser; print it to PDF from there).",
)
@click.option(
    "--no-redact",
    is_flag=True,
    help="Print ideas as written, personal data included (redacted by default).",
)
@click.option("--keep", multiple=True, help="A public name to keep as written (repeatable).")
@click.pass_context
def report_command(
    ctx: click.Context, workshop: str, lang: str, out: Path, no_redact: bool, keep: tuple[str, ...]
) -> None:
    """Write the workshop report: a self-contained HTML page (challenge, participation,
    themes and groups, scores and charts, stakeholder map and grid, decisions)."""
    # matplotlib loads only for this command: the others start as fast as before
    from cocreate.report import write_report

    privacy = PrivacyOptions(redact=not no_redact, keep=keep)
    with _open(ctx) as store:
        target = _workshop_or_fail(store, workshop)
        try:
            size = write_report(store, target["id"], out, lang, privacy)
        except OSError as error:
            raise click.ClickException(str(error)) from None
    redaction = t("report.cli_redacted" if privacy.redact else "report.cli_not_redacted", lang)
    click.echo(
        t(
            "report.cli_written",
            lang,
            workshop=target["slug"],
            path=out,
            size=size,
            redaction=redaction,
        )
    )


@cli.command()
@click.option("--if-missing", is_flag=True, help="Do nothing when the demo workshop exists.")
@click.option("--ideas-only", is_flag=True, help="Only its ideas: no groups, scoring round or map.")
@click.pass_context
def demo(ctx: click.Context, if_missing: bool, ideas_only: bool) -> None:
    """Load the demo workshop (about 120 ideas in French and English), its ideas grouped, a
    revealed scoring round and a starter stakeholder map."""
    with _open(ctx) as store:
        existing = store.find_workshop("demo")
        if existing and if_missing:
            click.echo(f"Demo workshop already in {store.path}")
            return
        workshop, report = load_demo(store)
        stage = None if ideas_only else stage_demo(store, workshop["id"])
        secret = None if existing else reset_facilitator_secret(store, workshop["id"])
    click.echo(f"Demo workshop {workshop['slug']} (join code {workshop['join_code']})")
    click.echo(report.summary("en"))
    if stage and stage.round_id is not None:
        click.echo(f"Scoring round {stage.round_id} revealed with {stage.scores} answers")
    if stage:
        click.echo(f"Stakeholder map: {stage.map_counts['actors']['added']} actors added")
    if secret:
        _echo_secret(secret)


@cli.command()
@click.option("--port", type=int, default=8501, show_default=True)
@click.option(
    "--host",
    default="localhost",
    show_default=True,
    help="0.0.0.0 to let phones in the room join (facilitators then need the secret).",
)
@click.option(
    "--access",
    type=click.Choice(["open", "secret"]),
    default=None,
    help="open: everyone facilitates; secret: roles apply. Default: open on localhost only.",
)
@click.option(
    "--allow-new-workshops",
    is_flag=True,
    help="With roles on (--host 0.0.0.0), let visitors create a workshop from the Join page "
    "(and facilitate it). Off by default: only facilitators, with their secret, import files.",
)
@click.option(
    "--backup-minutes",
    type=click.FloatRange(min=0),
    default=10,
    show_default=True,
    help="While serving, back the database up this often when something was written "
    "(a live workshop); 0: never.",
)
@click.pass_context
def serve(
    ctx: click.Context,
    port: int,
    host: str,
    access: str | None,
    allow_new_workshops: bool,
    backup_minutes: float,
) -> None:
    """Start the app in the browser (Streamlit)."""
    local_only = is_loopback(host)
    mode = access or ("open" if local_only else "secret")
    env = server_env(ctx.obj["db"], mode, host=host, allow_new_workshops=allow_new_workshops)
    command = streamlit_command(port, host)
    click.echo(f"cocreate on http://{host}:{port} (database {ctx.obj['db']})")
    room = room_host(host)
    if local_only:
        click.echo("Only this computer can open it: for phones in the room, --host 0.0.0.0")
    elif room is None:
        click.echo("No network found: connect this computer to the room's network")
    else:
        click.echo(f"Phones in the room join on http://{room}:{port}")
    scheduled = None
    if backup_minutes:
        scheduled = ScheduledBackup(ctx.obj["db"], backup_minutes * 60)
        scheduled.start()
    ctx.exit(run_server(command, env, tick=scheduled.run_if_due if scheduled else None))


@cli.command()
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Backup file (default: a new file in the backups folder beside the database).",
)
@click.pass_context
def backup(ctx: click.Context, out: Path | None) -> None:
    """Copy the database safely, even while the app runs (every committed idea, those
    still in the WAL file included)."""
    if not Path(ctx.obj["db"]).exists():
        raise click.ClickException(t("backup.missing", "en", path=ctx.obj["db"]))
    with Store(ctx.obj["db"], migrate=False) as store:
        try:
            result = backup_database(store, out)
        except ValueError:
            raise click.ClickException(t("backup.same_file", "en", path=out)) from None
    click.echo(t("backup.done", "en", path=result.path, ideas=result.ideas, size=result.size))


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def restore(ctx: click.Context, file: Path) -> None:
    """Replace the database's content with the backup FILE (the current content is kept
    first as a backup)."""
    if not file.exists():
        raise click.ClickException(t("backup.missing", "en", path=file))
    with Store(ctx.obj["db"], migrate=False) as store:
        try:
            kept, ideas = restore_database(store, file)
        except ValueError:
            raise click.ClickException(t("backup.same_file", "en", path=file)) from None
        path = store.path
    click.echo(t("backup.restored", "en", source=file, path=path, ideas=ideas, kept=kept.path))


for command in TRIAGE_COMMANDS:
    cli.add_command(command)


def main() -> None:
    cli()


__all__ = ["cli", "main"]
