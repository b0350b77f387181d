"""The CLI of the backlog: ``cocreate staff``, ``cocreate triage`` and ``cocreate feedback``,
thin commands over :mod:`cocreate.triage` registered on the main group by ``cocreate.cli``.

``--as NAME`` names who acts: a registered staff member acts with their role; any other name
acts as the person at this machine, an admin, as in the app's ``open`` mode (whoever runs the
CLI holds the database file). Refusals print the translated message and exit 1."""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from cocreate.i18n import t
from cocreate.spreadsheet import neutralise_formula
from cocreate.store import Store, StoreError
from cocreate.triage import (
    LIST_SORTS,
    ROLES,
    StaffMember,
    TriageAccessDenied,
    TriageError,
    add_staff_member,
    apply_progress_mapping,
    change_status,
    decide,
    effective_decisions,
    list_staff,
    local_admin,
    triage_list,
    write_feedback,
)
from cocreate.triage.listing import LIST_COLUMNS

__all__ = ["staff_group", "triage_group", "feedback_command", "COMMANDS"]


@contextmanager
def _session(ctx: click.Context, workshop: str | None = None) -> Iterator[tuple[Store, dict]]:
    """The store and the workshop; a refusal becomes its message in the workshop's language
    and exit code 1."""
    lang = "fr"
    with Store(ctx.obj["db"]) as store:
        try:
            target = store.get_workshop(workshop) if workshop is not None else {}
            lang = target.get("language", "fr")
            yield store, target
        except (TriageError, TriageAccessDenied) as error:
            click.echo(error.message(lang), err=True)
            ctx.exit(1)
        except StoreError as error:
            raise click.ClickException(str(error)) from None


def _actor(store: Store, name: str | None) -> StaffMember:
    row = store.find_staff_member(name) if name else None
    return StaffMember.from_row(row) if row else local_admin(name)


def _ids(text: str | None) -> list[int] | None:
    if text is None:
        return None
    try:
        return [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        raise click.BadParameter(
            f"{text!r}: ids separated by commas", param_hint="--ideas"
        ) from None


AS_OPTION = click.option("--as", "as_name", default=None, help="Who acts (default: you).")


@click.group("staff")
def staff_group() -> None:
    """Staff members who triage the backlog, each with a role and their own secret."""


@staff_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--department", default=None, help="A valuator's department.")
@AS_OPTION
@click.pass_context
def staff_add(ctx: click.Context, name: str, role: str, department: str | None, as_name) -> None:
    """Add a staff member and print their secret (shown only now)."""
    with _session(ctx) as (store, _):
        member, secret = add_staff_member(store, _actor(store, as_name), name, role, department)
        click.echo(t("triage.staff.added", "en", name=member.name, role=member.role, secret=secret))


@staff_group.command("list")
@click.pass_context
def staff_list(ctx: click.Context) -> None:
    """List active staff members."""
    with _session(ctx) as (store, _):
        rows = list_staff(store)
    if not rows:
        click.echo(t("triage.staff.none", "en"))
    for row in rows:
        click.echo(f"{row['name']}\t{row['role']}\t{row['department'] or ''}")


@click.group("triage")
def triage_group() -> None:
    """Work the backlog: statuses, decisions, the list, imported progress."""


@triage_group.command("status")
@click.argument("workshop")
@click.option("--to", "to_state", required=True, help="The status to move to.")
@click.option("--cluster", type=int, default=None, help="Every idea of this group.")
@click.option("--ideas", default=None, help="Idea ids, e.g. 1,2,3.")
@click.option("--note", default="")
@AS_OPTION
@click.pass_context
def triage_status(ctx, workshop, to_state, cluster, ideas, note, as_name) -> None:
    """Move ideas (or a whole group) to a status, one history line each."""
    with _session(ctx, workshop) as (store, target):
        actor = _actor(store, as_name)
        moved = change_status(
            store,
            actor,
            target["id"],
            to_state,
            idea_ids=_ids(ideas),
            cluster_id=cluster,
            note=note,
        )
        click.echo(
            t("triage.cli.moved", target["language"], count=moved, state=to_state, name=actor.name)
        )


@triage_group.command("decide")
@click.argument("workshop")
@click.option("--cluster", type=int, default=None)
@click.option("--idea", type=int, default=None)
@click.option("--outcome", required=True)
@click.option("--answer-fr", default="")
@click.option("--answer-en", default="")
@click.option("--merged-into", type=int, default=None)
@click.option("--note", default="")
@AS_OPTION
@click.pass_context
def triage_decide(
    ctx, workshop, cluster, idea, outcome, answer_fr, answer_en, merged_into, note, as_name
) -> None:
    """Decide an idea or a whole group, with its public answer in French and English."""
    with _session(ctx, workshop) as (store, target):
        actor = _actor(store, as_name)
        decision = decide(
            store,
            actor,
            target["id"],
            outcome=outcome,
            idea_id=idea,
            cluster_id=cluster,
            answer_fr=answer_fr,
            answer_en=answer_en,
            merged_into=merged_into,
            note=note,
        )
        targets = store.fanout_idea_ids(cluster) if cluster is not None else [idea]
        reached = sum(
            1
            for d in effective_decisions(store, target["id"], targets).values()
            if d is not None and d.decision_id == decision
        )
        click.echo(
            t(
                "triage.cli.decided",
                target["language"],
                decision=decision,
                outcome=outcome,
                name=actor.name,
                count=reached,
            )
        )


@triage_group.command("list")
@click.argument("workshop")
@click.option("--status", "statuses", multiple=True)
@click.option("--cluster", type=int, default=None, help="The ideas of this group.")
@click.option("--theme", type=int, default=None, help="The ideas of this theme's groups.")
@click.option(
    "--with-secondary", is_flag=True, help="With --theme: also the ideas it is second theme of."
)
@click.option("--department", default=None)
@click.option("--source", default=None)
@click.option("--language", default=None)
@click.option("--no-answer", is_flag=True)
@click.option("--older-than", type=int, default=None, help="Days.")
@click.option("--hidden", is_flag=True, help="Only hidden ideas.")
@click.option("--search", default=None)
@click.option("--sort", type=click.Choice(sorted(LIST_SORTS)), default="date")
@click.option("--asc", is_flag=True)
@click.option("--page", type=int, default=0)
@click.option("--page-size", type=int, default=50)
@click.option("--format", "output", type=click.Choice(["table", "csv"]), default="table")
@AS_OPTION
@click.pass_context
def triage_list_command(
    ctx,
    workshop,
    statuses,
    cluster,
    theme,
    with_secondary,
    department,
    source,
    language,
    no_answer,
    older_than,
    hidden,
    search,
    sort,
    asc,
    page,
    page_size,
    output,
    as_name,
) -> None:
    """One page of the backlog with the progress count."""
    filters: dict[str, Any] = {
        "status": list(statuses),
        "cluster_id": cluster,
        "theme_id": theme,
        "with_secondary": with_secondary,
        "department": department,
        "source": source,
        "language": language,
        "no_answer": no_answer,
        "older_than_days": older_than,
        "hidden": bool(hidden),
        "search": search,
    }
    with _session(ctx, workshop) as (store, target):
        lang = target["language"]
        result = triage_list(
            store,
            _actor(store, as_name),
            target["id"],
            filters,
            sort=sort,
            descending=not asc,
            page=page,
            page_size=page_size,
            lang=lang,
        )
    if output == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(LIST_COLUMNS)
        writer.writerows(
            [neutralise_formula(row.get(c)) for c in LIST_COLUMNS] for row in result.rows
        )
        return
    for row in result.rows:
        click.echo(
            f"{row['id']}\t{row['status_name']}\t{row['outcome_name'] or ''}\t"
            f"{row['cluster_label'] or ''}\t{row['text'][:70]}"
        )
    click.echo(
        t(
            "triage.cli.progress",
            lang,
            triaged=result.triaged,
            total=result.total,
            shown=len(result.rows),
            matching=result.matching,
        )
    )


@triage_group.command("map-progress")
@click.argument("workshop")
@click.option("--mapping", default="progress-paris-bp", show_default=True)
@AS_OPTION
@click.pass_context
def triage_map_progress(ctx, workshop, mapping, as_name) -> None:
    """Record an import's progress column as decisions and statuses (templates/triage)."""
    with _session(ctx, workshop) as (store, target):
        result = apply_progress_mapping(store, target["id"], mapping, _actor(store, as_name))
        counts = ", ".join(f"{k} {v}" for k, v in sorted(result.counts.items()))
        click.echo(t("triage.cli.mapped", target["language"], counts=counts or "0"))


@click.command("feedback")
@click.argument("workshop")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="FILE.xlsx or FILE.csv",
)
@click.pass_context
def feedback_command(ctx: click.Context, workshop: str, out: Path) -> None:
    """Write the answers for every author (mail merge; nothing is sent)."""
    with _session(ctx, workshop) as (store, target):
        lang = target["language"]
        result = write_feedback(store, target["id"], out)
    where = (
        t("feedback.no_contact_file", lang, path=result.paths[1]) if len(result.paths) > 1 else ""
    )
    click.echo(
        t(
            "feedback.written",
            lang,
            rows=len(result.rows),
            path=out,
            missing=result.missing,
            where=where,
        )
    )


COMMANDS: tuple[Callable, ...] = (staff_group, triage_group, feedback_command)
