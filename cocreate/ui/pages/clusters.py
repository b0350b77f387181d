"""Clusters page: group a workshop's ideas, show the groups as a wall of cards and a map,
review near-duplicates, and edit the groups (rename, pin, merge, split, move, re-cluster)."""

import functools

import pandas as pd
import streamlit as st

from cocreate.access import FACILITATOR
from cocreate.clustering import (
    GRANULARITIES,
    allow_in_names,
    assign_new_ideas,
    available_models,
    cluster_workshop,
    cluster_workshop_again,
    distinct_representatives,
    duplicate_suggestions,
    forbid_in_names,
    merge_batches,
    merge_clusters,
    merge_themes,
    model_spec_for,
    move_group,
    move_idea,
    never_in_names,
    pin_cluster,
    pin_theme,
    rename_cluster,
    resolve_embedder,
    split_cluster,
    split_theme,
    theme_cards,
    undo_merge,
    wall_rows,
)
from cocreate.clustering.edits import (
    mark_not_duplicate,
    merge_chosen_duplicates,
    undo_not_duplicate,
)
from cocreate.clustering.llm_names import NamingEndpointRefused, naming_endpoint_from_env
from cocreate.export import EXPORT_FORMATS, download_bytes
from cocreate.i18n import format_datetime, format_number, t
from cocreate.privacy import hide_personal_data_many
from cocreate.store import Store, StoreError
from cocreate.ui.cache import from_workshop, show_chart
from cocreate.ui.common import (
    PAGE_FILES,
    open_store,
    page_header,
    require_workshop,
    rerun_with_message,
    ui_lang,
)
from cocreate.ui.staff import STAFF_NAME_KEY
from cocreate.ui.wall import (
    escape_markdown,
    map_chart,
    map_frame,
    shared_embedder,
    shorten,
)

WALL_COLUMNS = 3
WALL_CARDS = 45
MEMBERS_SHOWN = 50
REPRESENTATIVES = 3
MAP_POINTS = 5000
LEGEND_GROUPS = 20
MAP_LABELS = 25
DUPLICATE_GROUPS_PER_PAGE = 20
NOT_DUPLICATES_SHOWN = 50
MERGES_SHOWN = 30
THEME_COLUMNS = 2
SECONDARY_SHOWN = 30
# the wall is projected: a phone number typed in an idea is hidden unless the facilitator says
HIDE_KEY = "clusters_hide_personal"

lang = ui_lang()
store = open_store()
workshop = require_workshop(store, lang)
page_header("clusters", workshop, lang)


def done(message: str) -> None:
    """Show ``message`` after the rerun that redraws the wall."""
    # name fields show the stored label again, not what was typed before the edit
    rerun_with_message("clusters", message, forget=("clusters_label_", "clusters_theme_label_"))


def keep_valid(key: str, options: list) -> None:
    """Forget a widget choice that no longer exists (a group merged away, say)."""
    value = st.session_state.get(key)
    if isinstance(value, list):
        st.session_state[key] = [v for v in value if v in options]
    elif value is not None and value not in options:
        del st.session_state[key]


# one wall per workshop revision, shared by every session and never copied: a copy (what
# st.cache_data hands each rerun) of an 18,690-idea wall takes a second to unpickle. The page
# only reads it.
@st.cache_resource(show_spinner=False, max_entries=4)
def _wall_at(path: str, workshop_id: int, revision: str) -> tuple:
    with Store(path, migrate=False) as own_store:
        return wall_rows(own_store, workshop_id)


def shared_wall(store: Store, workshop_id: int) -> tuple:
    """The wall's cards, assignments and merges (``clustering.wall_rows``), kept until the
    workshop's revision changes."""
    if str(store.path) == ":memory:":
        return wall_rows(store, workshop_id)
    return _wall_at(str(store.path), workshop_id, store.workshop_revision(workshop_id))


def clustering_form(name: str, submit_label: str, last: dict | None) -> None:
    """Granularity, number of groups, seed and model, then a run with a progress bar."""
    params = last["params"] if last else {}
    last_spec = model_spec_for(last["model_id"]) if last else None
    models = ["", *available_models()]
    default_model = resolve_embedder(None, language=workshop["language"]).model_id
    # a local naming model only when the server was started with COCREATE_NAMING_URL
    try:
        naming = naming_endpoint_from_env()
    except NamingEndpointRefused as refused:
        naming = None
        st.warning(refused.message(lang))
    if naming is not None:
        st.caption(t("llm_names.caption", lang, host=naming.host))
    with st.form(f"clusters_{name}_form", border=False):
        granularity_col, number_col, seed_col, model_col = st.columns([4, 2, 2, 4])
        granularity = granularity_col.select_slider(
            t("clusters.granularity", lang),
            GRANULARITIES,
            value=params.get("granularity") if params.get("granularity") in GRANULARITIES else 1.0,
            format_func=lambda g: t(f"clusters.granularity.{g}", lang),
            key=f"clusters_{name}_granularity",
        )
        n_clusters = number_col.number_input(
            t("clusters.n_clusters", lang),
            min_value=2,
            max_value=max(2, n_ideas),
            value=None,
            step=1,
            placeholder=t("clusters.n_clusters_auto", lang),
            help=t("clusters.n_clusters_help", lang),
            key=f"clusters_{name}_n",
        )
        seed = seed_col.number_input(
            t("clusters.seed", lang),
            min_value=0,
            value=int(last["seed"]) if last else 0,
            step=1,
            help=t("clusters.seed_help", lang),
            key=f"clusters_{name}_seed",
        )
        spec = model_col.selectbox(
            t("clusters.model", lang),
            models,
            index=models.index(last_spec) if last_spec in models else 0,
            format_func=lambda m: m or t("clusters.model_default", lang, model=default_model),
            placeholder=t("widget.choose_one", lang),
            key=f"clusters_{name}_model",
        )
        submitted = st.form_submit_button(submit_label, type="primary")
    if not submitted:
        return
    embedder = shared_embedder(spec or None, workshop["language"])
    bar = st.progress(0.0, text=t("clusters.reading", lang))

    def progress(done_texts: int, total: int) -> None:
        if total:
            text = t("clusters.embedding", lang, done=done_texts, total=total)
            bar.progress(done_texts / total, text=text)
        else:
            bar.progress(1.0, text=t("clusters.embedding_cached", lang))

    with st.spinner(t("clusters.grouping", lang)):
        summary = cluster_workshop(
            store,
            workshop["id"],
            n_clusters=int(n_clusters) if n_clusters else None,
            granularity=granularity,
            seed=int(seed),
            model=embedder,
            progress=progress,
            naming_endpoint=naming,
        )
    done(
        t(
            "clusters.summary",
            lang,
            ideas=summary.n_ideas,
            model=summary.model_id,
            seed=summary.seed,
            clusters=summary.n_clusters,
            loose=summary.n_loose,
            duplicates=summary.n_duplicate_groups,
            computed=summary.embed_stats.computed,
            cached=summary.embed_stats.cached,
        )
    )


n_ideas = store.count_ideas(workshop["id"])
clustering = store.latest_clustering(workshop["id"])
if not n_ideas:
    st.info(t("clusters.no_ideas", lang))
    st.page_link(str(PAGE_FILES["ideas"]), label=t("nav.ideas", lang), icon=":material/lightbulb:")
    store.close()
    st.stop()
if clustering is None:
    st.info(t("clusters.not_yet", lang, ideas=n_ideas))
    clustering_form("first", t("clusters.run", lang), None)
    store.close()
    st.stop()

# the wall's model, shared with the other sessions, for new ideas and splits
wall_spec = model_spec_for(clustering["model_id"])
wall_model = shared_embedder(wall_spec, workshop["language"]) if wall_spec else None
cards, assignments, merges = shared_wall(store, workshop["id"])
ideas = {member["id"]: member for card in cards for member in card["members"]}
not_duplicates = store.not_duplicate_marks(workshop["id"])
suggestions = duplicate_suggestions(
    assignments, merges, ideas, [mark["idea_id"] for mark in not_duplicates]
)
names = {}
for card in cards:
    name = card["label"] or t("clusters.unnamed", lang)
    names[card["id"]] = name if name not in names.values() else f"{name} (#{card['id']})"
by_id = {card["id"]: card for card in cards}
themes = theme_cards(store.active_themes(workshop["id"]), cards, assignments)
theme_names: dict[int, str] = {}
for theme in themes:
    name = theme["label"] or t("clusters.unnamed", lang)
    theme_names[theme["id"]] = (
        name if name not in theme_names.values() else f"{name} (#{theme['id']})"
    )
theme_by_id = {theme["id"]: theme for theme in themes}
# an idea between two themes: its second theme and how close it is to it
second_theme = {
    a["idea_id"]: (a["secondary_theme_id"], a["secondary_similarity"] or 0.0)
    for a in assignments
    if a.get("secondary_theme_id") in theme_names
}
# a backlog imported without votes shows no "0 votes" everywhere
has_votes = any(idea["votes"] is not None for idea in ideas.values())


def votes_text(votes: int | None) -> str:
    return t("clusters.votes_short", lang, votes=votes or 0) if has_votes else ""


waiting = sum(1 for a in assignments if a["cluster_id"] is None)
if waiting:
    message_col, button_col = st.columns([3, 2], vertical_alignment="center")
    message_col.info(t("clusters.waiting", lang, count=waiting))
    if button_col.button(t("clusters.place", lang), key="clusters_place", type="primary"):
        with st.spinner(t("clusters.grouping", lang)):
            placed = assign_new_ideas(store, workshop["id"], model=wall_model)
        done(t("clusters.placed", lang, count=placed))

groups_metric, ideas_metric, loose_metric, duplicates_metric, themes_metric, download_col = (
    st.columns([1, 1, 1, 1, 1, 2], vertical_alignment="bottom")
)
groups_metric.metric(t("clusters.metric_clusters", lang), len(cards))
ideas_metric.metric(t("clusters.metric_ideas", lang), format_number(len(ideas), lang))
loose_metric.metric(t("clusters.metric_loose", lang), sum(card["loose"] for card in cards))
duplicates_metric.metric(t("clusters.metric_duplicates", lang), len(suggestions))
themes_metric.metric(t("clusters.metric_themes", lang), len(themes))


def export_file(path: str, workshop_id: int, fmt: str, actor: str | None) -> bytes:
    # runs on its own thread when the button is clicked: it opens its own connection
    with Store(path, migrate=False) as own_store:
        return download_bytes(own_store, workshop_id, fmt, actor=actor)


downloads = download_col.container(horizontal=True, horizontal_alignment="right")
for fmt in EXPORT_FORMATS:
    downloads.download_button(
        t(f"clusters.download_{fmt}", lang),
        data=functools.partial(
            export_file, str(store.path), workshop["id"], fmt, st.session_state.get(STAFF_NAME_KEY)
        ),
        file_name=f"{workshop['slug']}-clusters.{fmt}",
        mime="text/csv" if fmt == "csv" else "application/jsonl",
        on_click="ignore",
        icon=":material/download:",
        key=f"clusters_download_{fmt}",
    )
st.caption(
    t(
        "clusters.last_run",
        lang,
        date=format_datetime(clustering["created_at"], lang),
        model=clustering["model_id"],
        seed=clustering["seed"],
        ideas=clustering["n_ideas"],
    )
)
if clustering["params"].get("finest_reached"):
    st.caption(t("clusters.finest", lang))
if clustering["params"].get("naming", {}).get("proposed"):
    st.caption(t("llm_names.caption", lang, host=clustering["params"]["naming"]["host"]))

tab_wall, tab_map, tab_duplicates, tab_edit = st.tabs(
    [
        t("clusters.tab_wall", lang),
        t("clusters.tab_map", lang),
        t("clusters.tab_duplicates", lang, count=len(suggestions)),
        t("clusters.tab_edit", lang),
    ]
)


def group_option(cluster_id: int) -> str:
    return t("clusters.option", lang, label=names[cluster_id], size=by_id[cluster_id]["size"])


def theme_option(theme_id: int) -> str:
    theme = theme_by_id[theme_id]
    return t(
        "clusters.theme_option" if len(theme["groups"]) != 1 else "clusters.theme_option_one",
        lang,
        label=theme_names[theme_id],
        groups=len(theme["groups"]),
        size=theme["size"],
    )


def on_screen(texts: list[str]) -> list[str]:
    """The texts as the wall shows them: personal data hidden while the toggle is on."""
    return hide_personal_data_many(texts) if st.session_state.get(HIDE_KEY, True) else texts


def member_line(member: dict, text: str) -> str:
    """One idea of a card's full list: closeness, text, author, votes and its flags."""
    details = [member["author"], votes_text(member["votes"])]
    line = f"- `{member['similarity'] or 0:.2f}` {escape_markdown(shorten(text, 220))}"
    if any(details):
        line += f" :gray[· {escape_markdown(' · '.join(d for d in details if d))}]"
    if member["merged_into"]:
        line += f" :gray-badge[{t('clusters.note_merged', lang, id=member['merged_into'])}]"
    if member["loose"]:
        line += f" :orange-badge[{t('clusters.note_loose', lang)}]"
    if member["manual"]:
        line += f" :violet-badge[{t('clusters.note_manual', lang)}]"
    if member["id"] in second_theme:
        theme_id, similarity = second_theme[member["id"]]
        label = escape_markdown(theme_names[theme_id])
        line += f" :green-badge[{t('clusters.note_second_theme', lang, label=label)} · "
        line += f"{similarity:.2f}]"
    return line


def members_list(card: dict) -> None:
    st.caption(t("clusters.members_caption", lang))
    members = card["members"][:MEMBERS_SHOWN]
    texts = on_screen([m["text"] for m in members])
    st.markdown("\n".join(member_line(m, text) for m, text in zip(members, texts, strict=True)))
    if card["size"] > MEMBERS_SHOWN:
        st.caption(
            t("clusters.members_more", lang, shown=MEMBERS_SHOWN, more=card["size"] - MEMBERS_SHOWN)
        )


def cluster_card(card: dict) -> None:
    pin = " :material/push_pin:" if card["pinned"] else ""
    st.subheader(escape_markdown(names[card["id"]]) + pin, anchor=False)
    counts = [t("clusters.card_size", lang, size=card["size"])]
    if has_votes:
        counts.append(votes_text(card["votes"]))
    if card["loose"]:
        counts.append(t("clusters.card_loose", lang, count=card["loose"]))
    if card["pinned"]:
        counts.append(t("clusters.pinned", lang))
    st.caption(" · ".join(counts))
    badges = []
    if card.get("parent_id") in theme_names:
        label = escape_markdown(theme_names[card["parent_id"]])
        badges.append(f":violet-badge[{t('clusters.theme_of_card', lang, label=label)}]")
    badges += [f":blue-badge[{escape_markdown(k)}]" for k in card["keywords"]]
    if badges:
        st.markdown(" ".join(badges))
    shown = distinct_representatives(card["members"], REPRESENTATIVES)
    lines = [
        f"- {escape_markdown(shorten(text, 150))}"
        + (f" :gray[· {votes_text(idea['support'])}]" if has_votes else "")
        for idea, text in zip(shown, on_screen([i["text"] for i in shown]), strict=True)
    ]
    st.markdown("\n".join(lines))
    with st.expander(t("clusters.members", lang, count=card["size"])):
        members_list(card)


def theme_card(theme: dict) -> None:
    """A theme: its name, size, its groups (name and size) and a few of its ideas; the ideas
    of other themes that touch it, behind an expander (the secondary-theme filter)."""
    pin = " :material/push_pin:" if theme["pinned"] else ""
    st.subheader(escape_markdown(theme_names[theme["id"]]) + pin, anchor=False)
    counts = [t("clusters.theme_caption", lang, size=theme["size"], groups=len(theme["groups"]))]
    if has_votes:
        counts.append(votes_text(theme["votes"]))
    if theme["pinned"]:
        counts.append(t("clusters.pinned", lang))
    st.caption(" · ".join(counts))
    st.markdown(
        " ".join(
            f":blue-badge[{escape_markdown(names[group['id']])} · {group['size']}]"
            for group in theme["groups"]
        )
    )
    examples = [
        idea
        for group in theme["groups"][:REPRESENTATIVES]
        for idea in distinct_representatives(group["members"], 1)
    ]
    texts = on_screen([i["text"] for i in examples])
    st.markdown("\n".join(f"- {escape_markdown(shorten(text, 150))}" for text in texts))
    st.button(
        t(
            "clusters.theme_open_groups"
            if len(theme["groups"]) > 1
            else "clusters.theme_open_group",
            lang,
            count=len(theme["groups"]),
        ),
        key=f"clusters_open_groups_{theme['id']}",
        icon=":material/zoom_in:",
        type="tertiary",
        on_click=show_groups_of,
        args=(theme["id"],),
    )
    if theme["secondary"]:
        label = t("clusters.theme_secondary", lang, count=len(theme["secondary"]))
        with st.expander(label):
            st.caption(t("clusters.theme_secondary_caption", lang))
            listed = [(i, s) for i, s in theme["secondary"][:SECONDARY_SHOWN] if i in ideas]
            texts = on_screen([ideas[i]["text"] for i, _ in listed])
            st.markdown(
                "\n".join(
                    f"- `{similarity:.2f}` {escape_markdown(shorten(text, 180))}"
                    for (_, similarity), text in zip(listed, texts, strict=True)
                )
            )


def rename_all(message: str) -> None:
    """Name the groups and themes again (same groups: the fit is reused), then say it."""
    try:  # the local naming model too, when the server runs with one
        naming = naming_endpoint_from_env()
    except NamingEndpointRefused:
        naming = None
    with st.spinner(t("clusters.never_renaming", lang)):
        cluster_workshop_again(store, workshop["id"], model=wall_model, naming_endpoint=naming)
    done(message)


def words_never_in_names() -> None:
    """Words staff forbid in names, for every workshop (a place name carrying a slur): added
    here, the names are made again at once; the installed list is only counted, not shown
    on a screen that may be projected."""
    st.subheader(t("clusters.never_title", lang), anchor=False)
    st.caption(t("clusters.never_help", lang, installed=len(never_in_names())))
    with st.form("clusters_never_form", clear_on_submit=True, border=False):
        word_col, add_col = st.columns([4, 1], vertical_alignment="bottom")
        word = word_col.text_input(t("clusters.never_word", lang), key="clusters_never_word")
        added = add_col.form_submit_button(t("clusters.never_add", lang), icon=":material/block:")
    if added:
        try:
            stored = forbid_in_names(store, word, by=FACILITATOR)
        except (ValueError, StoreError) as refused:
            st.error(t("clusters.never_refused", lang, reason=str(refused)))
        else:
            rename_all(t("clusters.never_added", lang, word=escape_markdown(stored["written"])))
    for row in store.words_never_in_names():
        line_col, remove_col = st.columns([4, 1], vertical_alignment="center")
        by = row["added_by"]
        line_col.markdown(
            t(
                "clusters.never_line",
                lang,
                word=escape_markdown(row["written"]),
                by=t("clusters.by_facilitator", lang) if by == FACILITATOR else by,
                when=format_datetime(row["added_at"], lang),
            )
        )
        if remove_col.button(
            t("clusters.never_remove", lang),
            key=f"clusters_never_remove_{row['id']}",
            icon=":material/undo:",
        ):
            try:
                allow_in_names(store, row["id"], by=FACILITATOR)
            except StoreError:
                done(t("clusters.never_changed", lang))
            rename_all(t("clusters.never_removed", lang, word=escape_markdown(row["written"])))


def show_groups_of(theme_id: int) -> None:
    # runs before the rerun: the wall opens at the groups level on this theme's groups
    st.session_state["clusters_level"] = "groups"
    st.session_state["clusters_wall_theme"] = theme_id


def theme_wall() -> None:
    if not themes:
        st.info(t("clusters.no_themes", lang))
        return
    for start in range(0, len(themes), THEME_COLUMNS):
        for column, theme in zip(
            st.columns(THEME_COLUMNS), themes[start : start + THEME_COLUMNS], strict=False
        ):
            with column, st.container(border=True, key=f"clusters_theme_{theme['id']}"):
                theme_card(theme)


def group_wall() -> None:
    order_col, theme_col = st.columns([3, 2], vertical_alignment="bottom")
    order = order_col.radio(
        t("clusters.sort", lang),
        ["size", "votes", "label"] if has_votes else ["size", "label"],
        format_func=lambda o: t(f"clusters.sort.{o}", lang),
        horizontal=True,
        key="clusters_sort",
    )
    listed = cards
    if themes:
        keep_valid("clusters_wall_theme", list(theme_names))
        chosen = theme_col.selectbox(
            t("clusters.wall_theme", lang),
            list(theme_names),
            index=None,
            format_func=theme_option,
            placeholder=t("clusters.wall_theme_all", lang),
            key="clusters_wall_theme",
        )
        if chosen is not None:
            listed = [card for card in cards if card.get("parent_id") == chosen]
    ordered = {
        "size": listed,
        "votes": sorted(listed, key=lambda c: -c["votes"]),
        "label": sorted(listed, key=lambda c: names[c["id"]].casefold()),
    }[order]
    shown = ordered[:WALL_CARDS]
    for start in range(0, len(shown), WALL_COLUMNS):
        for column, card in zip(
            st.columns(WALL_COLUMNS), shown[start : start + WALL_COLUMNS], strict=False
        ):
            with column, st.container(border=True, key=f"clusters_card_{card['id']}"):
                cluster_card(card)
    if len(ordered) > WALL_CARDS:
        st.caption(t("clusters.more_cards", lang, shown=WALL_CARDS, more=len(ordered) - WALL_CARDS))
    with st.expander(t("clusters.table", lang), expanded=len(ordered) > WALL_CARDS):
        st.dataframe(
            pd.DataFrame(
                {
                    t("clusters.col_label", lang): [names[c["id"]] for c in ordered],
                    t("clusters.col_size", lang): [c["size"] for c in ordered],
                    t("clusters.col_votes", lang): [c["votes"] for c in ordered],
                    t("clusters.col_keywords", lang): [", ".join(c["keywords"]) for c in ordered],
                    t("clusters.col_pinned", lang): [bool(c["pinned"]) for c in ordered],
                }
            ),
            hide_index=True,
            width="stretch",
        )


with tab_wall:
    level = st.radio(
        t("clusters.level", lang),
        # the groups first: the wall people know; the themes one click away
        ["groups", "themes"],
        format_func=lambda o: t(f"clusters.level.{o}", lang),
        horizontal=True,
        key="clusters_level",
    )
    st.toggle(
        t("privacy.hide_on_screen", lang),
        value=True,
        key=HIDE_KEY,
        help=t("privacy.hide_on_screen_help", lang),
    )
    if level == "themes":
        theme_wall()
    else:
        group_wall()

with tab_map:
    points, placed = from_workshop(
        store, workshop["id"], map_frame, names, MAP_POINTS, int(clustering["seed"])
    )
    if points.empty:
        st.info(t("clusters.map_empty", lang))
    else:
        with_legend = len(names) <= LEGEND_GROUPS
        st.caption(t("clusters.map_caption", lang))
        if with_legend:
            st.caption(t("clusters.map_legend_hint", lang))
        if placed > len(points):
            st.caption(t("clusters.map_sample", lang, shown=len(points), total=placed))
        # past a few dozen names the map is unreadable: name the largest groups only
        largest = [names[card["id"]] for card in cards[:MAP_LABELS]]
        points = points.assign(text=on_screen(points["text"].tolist()))
        titles = {
            "group": t("clusters.col_label", lang),
            "idea": t("clusters.col_idea", lang),
            "votes": t("clusters.col_votes", lang) if has_votes else "",
        }
        show_chart(map_chart, points, largest, titles, with_legend)


def duplicate_line(idea: dict) -> str:
    ref = t("clusters.idea_ref", lang, id=idea["id"])
    details = " · ".join(d for d in (idea["author"], votes_text(idea["votes"])) if d)
    line = f"- **{ref}** {escape_markdown(shorten(idea['text'], 300))}"
    return line + (f" :gray[· {escape_markdown(details)}]" if details else "")


def duplicate_done(message: str) -> None:
    """Redraw the duplicates tab from the store; each group's choices start again."""
    rerun_with_message("clusters", message, forget=("clusters_dup_keep_", "clusters_dup_pick_"))


def review_duplicate_group(group: list[dict]) -> None:
    """One suggested group: the idea kept, a toggle per other idea to merge into it, a
    "not a duplicate" button per idea, and the merge of the chosen ones."""
    ids = [idea["id"] for idea in group]
    # keyed by the group's most voted idea, which is the one kept unless another is chosen
    group_key = ids[0]
    keep_valid(f"clusters_dup_keep_{group_key}", ids)
    with st.container(border=True):
        primary = st.radio(
            t("clusters.dup_keep", lang),
            ids,
            format_func=lambda i: t("clusters.idea_ref", lang, id=i),
            horizontal=True,
            key=f"clusters_dup_keep_{group_key}",
        )
        chosen = []
        for idea in group:
            pick_col, text_col, out_col = st.columns([1, 9, 3], vertical_alignment="center")
            if idea["id"] == primary:
                pick_col.markdown(":material/star:", help=t("clusters.dup_kept", lang))
            elif pick_col.toggle(
                t("clusters.dup_pick", lang, id=idea["id"]),
                value=True,
                key=f"clusters_dup_pick_{idea['id']}",
                label_visibility="collapsed",
            ):
                chosen.append(idea["id"])
            text_col.markdown(duplicate_line(idea))
            if out_col.button(
                t("clusters.not_duplicate", lang),
                key=f"clusters_not_dup_{idea['id']}",
                icon=":material/call_split:",
                help=t("clusters.not_duplicate_help", lang),
            ):
                try:
                    mark_not_duplicate(store, idea["id"], by=FACILITATOR)
                except (ValueError, StoreError):
                    duplicate_done(t("clusters.dup_changed", lang))
                duplicate_done(t("clusters.marked_not_duplicate", lang, id=idea["id"]))
        if st.button(
            t("clusters.merge_ideas", lang, count=len(chosen) + 1),
            key=f"clusters_merge_dup_{group_key}",
            icon=":material/call_merge:",
            disabled=not chosen,
        ):
            try:
                merge_chosen_duplicates(store, primary, chosen)
            except (ValueError, StoreError):
                duplicate_done(t("clusters.dup_changed", lang))
            duplicate_done(t("clusters.ideas_merged", lang, count=len(chosen) + 1))


with tab_duplicates:
    st.caption(t("clusters.duplicates_caption", lang))
    if not suggestions:
        st.success(t("clusters.no_duplicates", lang))
    else:
        pages = list(range(1, -(-len(suggestions) // DUPLICATE_GROUPS_PER_PAGE) + 1))
        keep_valid("clusters_dup_page", pages)
        page_col, count_col = st.columns([1, 4], vertical_alignment="bottom")
        page = page_col.selectbox(
            t("clusters.dup_page", lang),
            pages,
            key="clusters_dup_page",
            placeholder=t("widget.choose_one", lang),
        )
        first = (page - 1) * DUPLICATE_GROUPS_PER_PAGE
        shown = suggestions[first : first + DUPLICATE_GROUPS_PER_PAGE]
        count_col.caption(
            t(
                "clusters.dup_range",
                lang,
                first=first + 1,
                last=first + len(shown),
                total=len(suggestions),
            )
        )
        for group in shown:
            review_duplicate_group(group)
    if not_duplicates:
        with st.expander(t("clusters.not_duplicates", lang, count=len(not_duplicates))):
            for mark in not_duplicates[:NOT_DUPLICATES_SHOWN]:
                idea = ideas.get(mark["idea_id"]) or store.get_idea(mark["idea_id"])
                line_col, undo_col = st.columns([6, 1], vertical_alignment="center")
                by = mark["marked_by"]
                line_col.markdown(
                    t(
                        "clusters.not_duplicate_line",
                        lang,
                        idea=t("clusters.idea_ref", lang, id=idea["id"]),
                        text=escape_markdown(shorten(idea["text"], 120)),
                        by=t("clusters.by_facilitator", lang) if by == FACILITATOR else by,
                        when=format_datetime(mark["marked_at"], lang),
                    )
                )
                if undo_col.button(
                    t("clusters.undo", lang), key=f"clusters_undo_not_dup_{mark['id']}"
                ):
                    undo_not_duplicate(store, mark["id"], by=FACILITATOR)
                    duplicate_done(t("clusters.not_duplicate_undone", lang, id=idea["id"]))
            if len(not_duplicates) > NOT_DUPLICATES_SHOWN:
                more = len(not_duplicates) - NOT_DUPLICATES_SHOWN
                st.caption(t("clusters.more_not_duplicates", lang, count=more))
    batches = merge_batches(merges)
    if batches:
        st.subheader(t("clusters.merges", lang), anchor=False)
    for batch in batches[:MERGES_SHOWN]:
        primary = ideas.get(batch["primary"]) or store.get_idea(batch["primary"])
        line_col, undo_col = st.columns([6, 1], vertical_alignment="center")
        line_col.markdown(
            t(
                "clusters.merge_line",
                lang,
                primary=t("clusters.idea_ref", lang, id=batch["primary"]),
                text=escape_markdown(shorten(primary["text"], 120)),
                merged=", ".join(t("clusters.idea_ref", lang, id=i) for i in batch["merged"]),
            )
        )
        if undo_col.button(t("clusters.undo", lang), key=f"clusters_undo_{batch['merge_ids'][0]}"):
            undo_merge(store, batch["merge_ids"])
            done(t("clusters.undone", lang))
    if len(batches) > MERGES_SHOWN:
        st.caption(t("clusters.more_merges", lang, count=len(batches) - MERGES_SHOWN))


# each level's edit keys and texts: "clusters_{part}pin", "clusters.{part}pin_help", ...
EDIT_LEVELS = {"group": ("", pin_cluster), "theme": ("theme_", pin_theme)}


def rename_and_pin(cluster: dict, level: str):
    """A group's or a theme's name field with its save button, then its pin button; returns
    the row of action buttons so each level adds its own (split)."""
    part, pin = EDIT_LEVELS[level]
    cluster_id, pinned = cluster["id"], cluster["pinned"]
    label_col, save_col = st.columns([4, 1], vertical_alignment="bottom")
    new_label = label_col.text_input(
        t("clusters.label", lang), value=cluster["label"], key=f"clusters_{part}label_{cluster_id}"
    )
    if save_col.button(t(f"clusters.{part}save_label", lang), key=f"clusters_{part}save_label"):
        if not new_label.strip():
            st.error(t("clusters.label_required", lang))
        else:
            rename_cluster(store, cluster_id, new_label)
            done(t(f"clusters.{part}renamed", lang, label=" ".join(new_label.split())))
    actions = st.container(horizontal=True)
    if actions.button(
        t(f"clusters.{part}unpin" if pinned else f"clusters.{part}pin", lang),
        key=f"clusters_{part}pin",
        icon=":material/push_pin:",
        help=t(f"clusters.{part}pin_help", lang),
    ):
        pin(store, cluster_id, not pinned)
        done(t(f"clusters.{part}unpinned_done" if pinned else f"clusters.{part}pinned_done", lang))
    return actions


def theme_edits() -> None:
    """Rename, pin, merge themes and move a group under another theme (clustering.edits)."""
    theme_ids = [theme["id"] for theme in themes]
    keep_valid("clusters_theme_pick", theme_ids)
    keep_valid("clusters_theme_merge_pick", theme_ids)
    keep_valid("clusters_theme_move_group", [card["id"] for card in cards])
    st.subheader(t("clusters.themes_title", lang), anchor=False)
    picked = st.selectbox(
        t("clusters.theme_pick", lang),
        theme_ids,
        format_func=theme_option,
        placeholder=t("widget.choose_one", lang),
        key="clusters_theme_pick",
    )
    theme = theme_by_id[picked]
    actions = rename_and_pin(theme, "theme")
    if actions.button(
        t("clusters.theme_split", lang),
        key="clusters_theme_split",
        icon=":material/call_split:",
        help=t("clusters.theme_split_help", lang),
        disabled=len(theme["groups"]) < 2,
    ):
        first, second = split_theme(store, picked, seed=int(clustering["seed"]))
        done(t("clusters.theme_split_done", lang, label=store.get_cluster(second)["label"]))
    to_merge = st.multiselect(
        t("clusters.theme_merge_pick", lang),
        theme_ids,
        format_func=theme_option,
        placeholder=t("clusters.theme_merge_placeholder", lang),
        key="clusters_theme_merge_pick",
    )
    st.caption(t("clusters.theme_merge_help", lang))
    if st.button(
        t("clusters.theme_merge_submit", lang),
        key="clusters_theme_merge_submit",
        icon=":material/call_merge:",
        disabled=len(to_merge) < 2,
    ):
        merge_themes(store, to_merge)
        done(t("clusters.themes_merged", lang, count=len(to_merge)))
    group_col, theme_col = st.columns(2)
    group = group_col.selectbox(
        t("clusters.group_move_pick", lang),
        [card["id"] for card in cards],
        format_func=group_option,
        placeholder=t("widget.choose_one", lang),
        key="clusters_theme_move_group",
    )
    # a group moves to another theme than its own
    targets = [i for i in theme_ids if group is None or i != by_id[group].get("parent_id")]
    keep_valid("clusters_theme_move_to", targets)
    target = theme_col.selectbox(
        t("clusters.group_move_to", lang),
        targets,
        format_func=theme_option,
        placeholder=t("widget.choose_one", lang),
        key="clusters_theme_move_to",
    )
    if st.button(
        t("clusters.group_move_submit", lang),
        key="clusters_theme_move_submit",
        disabled=group is None or target is None,
    ):
        move_group(store, group, target)
        done(t("clusters.group_moved", lang, label=theme_names[target]))


with tab_edit:
    ids = [card["id"] for card in cards]
    for key in ("clusters_edit_pick", "clusters_move_from", "clusters_move_to"):
        keep_valid(key, ids)
    keep_valid("clusters_merge_pick", ids)

    st.subheader(t("clusters.edit_one", lang), anchor=False)
    picked = st.selectbox(
        t("clusters.pick", lang),
        ids,
        format_func=group_option,
        placeholder=t("widget.choose_one", lang),
        key="clusters_edit_pick",
    )
    card = by_id[picked]
    actions = rename_and_pin(card, "group")
    if actions.button(
        t("clusters.split", lang),
        key="clusters_split",
        icon=":material/call_split:",
        help=t("clusters.split_help", lang),
        disabled=card["size"] < 2,
    ):
        with st.spinner(t("clusters.grouping", lang)):
            first, second = split_cluster(
                store, picked, seed=int(clustering["seed"]), model=wall_model
            )[:2]
        done(
            t(
                "clusters.split_done",
                lang,
                first=store.get_cluster(first)["label"],
                second=store.get_cluster(second)["label"],
            )
        )

    st.divider()
    st.subheader(t("clusters.merge_title", lang), anchor=False)
    to_merge = st.multiselect(
        t("clusters.merge_pick", lang),
        ids,
        format_func=group_option,
        placeholder=t("clusters.merge_placeholder", lang),
        key="clusters_merge_pick",
    )
    merge_label = st.text_input(t("clusters.merge_label", lang), key="clusters_merge_label")
    st.caption(t("clusters.merge_help", lang))
    if st.button(
        t("clusters.merge_submit", lang),
        key="clusters_merge_submit",
        icon=":material/call_merge:",
        disabled=len(to_merge) < 2,
    ):
        merge_clusters(store, to_merge, label=merge_label.strip() or None)
        done(t("clusters.merged", lang, count=len(to_merge)))

    st.divider()
    st.subheader(t("clusters.move_title", lang), anchor=False)
    from_col, idea_col, to_col = st.columns([2, 4, 2])
    source = from_col.selectbox(
        t("clusters.move_from", lang),
        ids,
        format_func=group_option,
        placeholder=t("widget.choose_one", lang),
        key="clusters_move_from",
    )
    # the ideas that fit their group least come first: they are the ones worth moving
    movable = [m["id"] for m in reversed(by_id[source]["members"])]
    keep_valid("clusters_move_idea", movable)
    idea_id = idea_col.selectbox(
        t("clusters.move_idea", lang),
        movable,
        format_func=lambda i: (
            f"{t('clusters.idea_ref', lang, id=i)} · {shorten(ideas[i]['text'], 90)}"
        ),
        placeholder=t("widget.choose_one", lang),
        key="clusters_move_idea",
    )
    targets = [i for i in ids if i != source]
    keep_valid("clusters_move_to", targets)
    target = to_col.selectbox(
        t("clusters.move_to", lang),
        targets,
        format_func=group_option,
        placeholder=t("widget.choose_one", lang),
        key="clusters_move_to",
    )
    st.caption(t("clusters.move_help", lang))
    if st.button(
        t("clusters.move_submit", lang),
        key="clusters_move_submit",
        disabled=idea_id is None or target is None,
    ):
        move_idea(store, idea_id, target)
        done(t("clusters.moved", lang, label=escape_markdown(names[target])))

    if themes:
        st.divider()
        theme_edits()

    st.divider()
    words_never_in_names()

    st.divider()
    st.subheader(t("clusters.recluster_title", lang), anchor=False)
    st.caption(t("clusters.rerun_help", lang))
    clustering_form("again", t("clusters.rerun", lang), clustering)
store.close()
