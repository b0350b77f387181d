"""What the workshop report says, read from the store: plain data for the template.

Every text a participant wrote (ideas, and the group names and keywords made of their words)
goes through the redactor unless privacy says otherwise; what the facilitator or staff wrote
(challenge, stakeholder names, decisions' answers) is printed as written.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from babel.dates import format_date

from cocreate.clustering import cluster_cards, theme_cards
from cocreate.i18n import LOCALES, format_datetime, format_number, t
from cocreate.privacy import PrivacyOptions, redactor
from cocreate.report.charts import DvfPoint, dimension_bars, dvf_chart
from cocreate.report.drawings import GROUP_COLOURS, grid_drawing, map_drawing
from cocreate.scoring import SWEET_SPOT_THRESHOLD, round_board
from cocreate.stakeholders import workshop_graph, workshop_vocabulary
from cocreate.store import now_iso
from cocreate.triage import effective_decisions, lifecycle_for

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = ["report_context", "REPRESENTATIVES", "SECTIONS"]

REPRESENTATIVES = 3
# an idea longer than this is cut at a word in the report (the bundle has every word)
IDEA_CHARS = 320
DIMENSIONS = ("desirability", "feasibility", "viability")
# the ids of the report's sections, in order (anchors of its table of contents)
SECTIONS = ("challenge", "participation", "clusters", "scores", "stakeholders", "decisions")


@dataclass
class Scrubber:
    """Collects the texts to redact, redacts them in one batch (the NER model runs once
    over all of them), then answers for each."""

    privacy: PrivacyOptions
    default_language: str
    _wanted: dict[tuple[str, str], str] = field(default_factory=dict)

    def want(self, text: str | None, language: str | None = None) -> None:
        if text:
            self._wanted.setdefault((text, language or self.default_language), text)

    def run(self) -> None:
        if not self.privacy.redact or not self._wanted:
            return
        pairs = list(self._wanted)
        redacted = redactor(self.privacy.keep).redact_many(
            [text for text, _ in pairs], [language for _, language in pairs]
        )
        self._wanted = dict(zip(pairs, redacted, strict=True))

    def __call__(self, text: str | None, language: str | None = None) -> str:
        if not text:
            return ""
        return self._wanted.get((text, language or self.default_language), text)


def _clip(text: str | None, limit: int = IDEA_CHARS) -> str:
    """An idea as the report quotes it: whole words, at most ``limit`` characters."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + " …"


def _date(iso: str | None, lang: str, *, time: bool = True) -> str:
    """A stored date as the language writes it; without ``time`` the day only."""
    if not iso:
        return ""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if time:
        return format_datetime(iso, lang)
    return format_date(moment.date(), format="long", locale=LOCALES.get(lang, LOCALES["fr"]))


def _participation(
    store: Store, workshop_id: int, ideas: list[dict], rounds: list[dict], lang: str
) -> dict[str, Any]:
    raters = {score["rater_id"] for r in rounds for score in store.round_scores(r["id"]) if score}
    dates = sorted(i["created"] or i.get("created_at") or "" for i in ideas if i["created"])
    languages = Counter(i["language"] or "?" for i in ideas)
    return {
        "ideas": format_number(len(ideas), lang),
        "participants": format_number(len({i["author"] for i in ideas if i["author"]}), lang),
        "raters": format_number(len(raters), lang),
        "rounds": format_number(len(rounds), lang),
        "first": _date(dates[0], lang, time=False) if dates else "",
        "last": _date(dates[-1], lang, time=False) if dates else "",
        "languages": ", ".join(f"{code} ({n})" for code, n in languages.most_common()),
        "sources": ", ".join(sorted({i["source"] for i in ideas if i["source"]})),
    }


def _group(card: dict, scrub: Scrubber, lang: str) -> dict[str, Any]:
    shown = [m for m in card["representatives"] if not m.get("hidden_at")]
    return {
        "id": card["id"],
        "label": scrub(card["label"]) or t("report.unnamed_group", lang, id=card["id"]),
        "keywords": [scrub(k) for k in card["keywords"][:6]],
        "size": card["size"],
        "votes": card["votes"],
        "representatives": [
            {
                "title": scrub(m["title"], m["language"]),
                "text": scrub(_clip(m["text"]), m["language"]),
            }
            for m in shown
        ],
    }


def _clusters(store: Store, workshop_id: int, scrub: Scrubber) -> tuple[list, list]:
    cards = cluster_cards(store, workshop_id, top=REPRESENTATIVES)
    themes = theme_cards(store.active_themes(workshop_id), cards, store.assignments(workshop_id))
    for card in cards:
        scrub.want(card["label"])
        for keyword in card["keywords"][:6]:
            scrub.want(keyword)
        for member in card["representatives"]:
            scrub.want(member["title"], member["language"])
            scrub.want(_clip(member["text"]), member["language"])
    for theme in themes:
        scrub.want(theme["label"])
    return cards, themes


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}"


def _rounds(store: Store, workshop_id: int, rounds: list[dict], scrub, lang) -> list[dict]:
    dimension_labels = {d: t(f"report.dimension.{d}", lang) for d in DIMENSIONS}
    shown = []
    for scoring_round in rounds:
        _, rubric, targets, outcome, _, support = round_board(
            store, workshop_id, scoring_round["id"]
        )
        title = scoring_round["title"] or t("report.round_default", lang, id=scoring_round["id"])
        entry: dict[str, Any] = {
            "title": title,
            "hidden": outcome.hidden,
            "raters": outcome.raters,
            "alpha": None,
            "rows": [],
            "dvf_svg": "",
            "bars_svg": "",
        }
        if outcome.agreement is not None and outcome.agreement.alpha is not None:
            entry["alpha"] = format_number(outcome.agreement.alpha, lang, digits=2)
        if outcome.hidden or not outcome.raters:
            shown.append(entry)
            continue
        names = {
            target["id"]: scrub(target["label"])
            or t("report.unnamed_group", lang, id=target.get("cluster_id") or target["id"])
            for target in targets
        }
        ranked = sorted(
            outcome.targets, key=lambda r: (r.rank is None, r.rank or 0, names[r.target])
        )
        points = []
        for result in ranked:
            means = {d: result.dimensions[d].summary.mean for d in result.dimensions}
            point = DvfPoint(
                names[result.target],
                means.get("desirability"),
                means.get("feasibility"),
                means.get("viability"),
                result.sweet_spot,
                result.controversial,
            )
            points.append(point)
            votes = support.get(result.target)
            entry["rows"].append(
                {
                    "rank": "—"
                    if result.rank is None
                    else f"{result.rank}{'=' if result.tied else ''}",
                    "name": point.name,
                    **{d: _percent(means.get(d)) for d in DIMENSIONS},
                    "overall": _percent(result.overall),
                    "raters": max((d.raters for d in result.dimensions.values()), default=0),
                    "sweet": result.sweet_spot,
                    "controversial": result.controversial,
                    "votes": getattr(votes, "votes", None),
                }
            )
        entry["dvf_svg"] = dvf_chart(
            points,
            x_label=dimension_labels["feasibility"] + " (0-100)",
            y_label=dimension_labels["viability"] + " (0-100)",
            size_label=t("report.chart_size", lang),
            threshold=SWEET_SPOT_THRESHOLD,
        )
        entry["bars_svg"] = dimension_bars(
            points, dimension_labels, axis_label=t("report.chart_mean", lang)
        )
        shown.append(entry)
    return shown


def _stakeholders(store: Store, workshop_id: int, scrub, lang) -> dict[str, Any] | None:
    G = workshop_graph(store, workshop_id)
    if not any(kind == "actor" for _, kind in G.nodes(data="kind")):
        return None
    vocabulary = workshop_vocabulary(store, workshop_id)
    groups = {term.id: term.text(lang) for term in vocabulary.groups}
    quadrant_terms = {term.id: term for term in vocabulary.quadrants}
    drawing = map_drawing(G, cluster_label=lambda _ref, label: scrub(label))
    grid = grid_drawing(G)
    return {
        "map": drawing,
        "grid": grid,
        "legend": [
            {"label": groups.get(g, g), "colour": GROUP_COLOURS.get(g, "#999999")}
            for g in drawing.groups
        ],
        "quadrants": [
            {
                "id": q,
                "label": term.text(lang),
                "description": term.description.get(lang, ""),
                "actors": grid.in_quadrant(q),
            }
            for q, term in quadrant_terms.items()
        ],
        "actors": sum(1 for _, kind in G.nodes(data="kind") if kind == "actor"),
        "relations": sum(1 for *_, kind in G.edges(data="kind") if kind == "relation"),
    }


def _decisions(store: Store, workshop_id: int, labels: dict[int, str], lang) -> list[dict]:
    applied = [d for d in effective_decisions(store, workshop_id).values() if d is not None]
    if not applied:
        return []
    lifecycle = lifecycle_for(store, workshop_id)
    outcomes = {o.key: o for o in lifecycle.outcomes}
    reach = Counter(d.decision_id for d in applied)
    rows = []
    for decision_id in sorted(reach, key=lambda d: (-reach[d], d)):
        decision = next(d for d in applied if d.decision_id == decision_id)
        outcome = outcomes.get(decision.outcome)
        answer = decision.answer_fr if lang == "fr" else decision.answer_en
        rows.append(
            {
                "target": labels.get(decision.cluster_id, "")
                if decision.source == "cluster"
                else t("report.decision_one_idea", lang),
                "outcome": outcome.label(lang) if outcome else decision.outcome,
                "answer": answer or decision.answer_en or decision.answer_fr,
                "date": _date(decision.decided_at, lang, time=False),
                "ideas": reach[decision_id],
            }
        )
    return rows


def report_context(
    store: Store, workshop_id: int, lang: str, privacy: PrivacyOptions | None = None
) -> dict[str, Any]:
    """Everything the report template shows, texts already redacted as ``privacy`` says."""
    privacy = privacy or PrivacyOptions()
    workshop = store.get_workshop(workshop_id)
    scrub = Scrubber(privacy, workshop["language"] or "fr")
    ideas = [i for i in store.list_ideas(workshop_id) if not i.get("hidden_at")]
    rounds = store.list_rounds(workshop_id)
    cards, themes = _clusters(store, workshop_id, scrub)
    for scoring_round in rounds:
        for target in store.round_targets(scoring_round["id"]):
            scrub.want(target["label"])
    scrub.run()
    groups = {card["id"]: _group(card, scrub, lang) for card in cards}
    theme_rows = [
        {
            "label": scrub(theme["label"]) or t("report.unnamed_theme", lang, id=theme["id"]),
            "size": theme["size"],
            "groups": [groups[g["id"]] for g in theme["groups"] if g["id"] in groups],
        }
        for theme in themes
    ]
    in_theme = {g["id"] for theme in theme_rows for g in theme["groups"]}
    loose_groups = [g for g in groups.values() if g["id"] not in in_theme]
    labels = {gid: group["label"] for gid, group in groups.items()}
    return {
        "lang": lang,
        "workshop": workshop,
        "generated": _date(now_iso(), lang),
        "privacy": privacy,
        "participation": _participation(store, workshop_id, ideas, rounds, lang),
        "themes": theme_rows,
        "loose_groups": loose_groups,
        "group_count": len(groups),
        "rounds": _rounds(store, workshop_id, rounds, scrub, lang),
        "stakeholders": _stakeholders(store, workshop_id, scrub, lang),
        "decisions": _decisions(store, workshop_id, labels, lang),
        "sections": SECTIONS,
    }
