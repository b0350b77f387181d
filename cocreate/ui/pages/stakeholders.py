"""Stakeholders page: who is involved, how they relate, and for each cluster of ideas who
must say yes and who is missing. Start from a starter map or a file; edit actors, relations
and links in tables (or one at a time in forms); see the network and the power/interest
grid; export the map for Gephi or Kumu."""

import contextlib
import functools
from pathlib import Path

import pandas as pd
import streamlit as st

from cocreate.i18n import t
from cocreate.stakeholders import (
    Actor,
    Link,
    Relation,
    StakeholderMap,
    StakeholderMapError,
    actors_table,
    brokers,
    cluster_view,
    communities,
    free_actor_key,
    import_map,
    import_stakeholder_file,
    isolated_actors,
    links_table,
    list_starter_maps,
    load_starter_map,
    relations_table,
    save_actors,
    save_links,
    save_relations,
    workshop_graph,
    workshop_vocabulary,
)
from cocreate.ui.cache import from_workshop, show_spec
from cocreate.ui.common import (
    PAGE_FILES,
    open_store,
    page_header,
    require_workshop,
    rerun_with_message,
    ui_lang,
)
from cocreate.ui.stakeholder_view import (
    EXPORTS,
    chart_titles,
    grid_spec,
    map_bytes,
    network_spec,
)
from cocreate.ui.wall import escape_markdown
from cocreate.uploads import held_upload

PROBLEMS_SHOWN = 30
ROW_HEIGHT = 35
MAP_FILE_TYPES = ["graphml", "gexf", "json", "xlsx", "csv"]
EDITORS = (
    "stakeholders_actors_table",
    "stakeholders_relations_table",
    "stakeholders_links_table",
)

lang = ui_lang()
store = open_store()
workshop = require_workshop(store, lang)
workshop_id = workshop["id"]
page_header("stakeholders", workshop, lang)

vocab = workshop_vocabulary(store, workshop_id)
actors = store.list_actors(workshop_id)
names = {a["key"]: a["name"] for a in actors}


def term_label(kind: str):
    return lambda term_id: vocab.label(kind, term_id, lang)


def done(message: str) -> None:
    """Show ``message`` after the rerun that redraws the map with what was stored."""
    # editors and one-at-a-time forms start again from what is stored
    rerun_with_message("stakeholders", message, forget=("stakeholders_new_", *EDITORS))


def show_problems(error: StakeholderMapError) -> None:
    """Every reason the library gave, with its file, row and column; nothing was stored."""
    messages = error.messages(lang)
    lines = [f"- {escape_markdown(m)}" for m in messages[:PROBLEMS_SHOWN]]
    if len(messages) > PROBLEMS_SHOWN:
        lines.append(t("stakeholders.more_problems", lang, count=len(messages) - PROBLEMS_SHOWN))
    st.error(t("stakeholders.refused", lang, count=len(messages)) + "\n\n" + "\n".join(lines))


def import_summary(counts: dict, update: bool = False) -> str:
    added = {kind: counts[kind]["added"] for kind in ("actors", "relations", "links")}
    text = t("stakeholders.imported", lang, **added)
    already = sum(c["already_stored"] for c in counts.values())
    differing = sum(c["changed"] for c in counts.values())
    if already:
        text += " " + t("stakeholders.already", lang, count=already)
    if differing:
        text += " " + t(
            "stakeholders.updated" if update else "stakeholders.kept", lang, count=differing
        )
    return text


def saved_summary(counts: dict, kind: str) -> str:
    return t(
        "stakeholders.saved", lang, **{k: counts[kind][k] for k in ("added", "changed", "removed")}
    )


def starter_picker(where: str, button: str) -> None:
    starters = {s.slug: s for s in list_starter_maps()}
    slug = st.radio(
        t("stakeholders.starter", lang),
        list(starters),
        format_func=lambda s: starters[s].text("title", lang),
        captions=[s.text("description", lang) for s in starters.values()],
        key=f"stakeholders_starter_{where}",
    )
    if st.button(button, key=f"stakeholders_load_{where}", type="primary"):
        try:
            counts = load_starter_map(store, workshop_id, slug, lang)
        except StakeholderMapError as error:
            show_problems(error)
        else:
            done(import_summary(counts))


def file_import(where: str) -> None:
    uploads = st.file_uploader(
        t("stakeholders.upload", lang),
        type=MAP_FILE_TYPES,
        accept_multiple_files=True,
        help=t("stakeholders.upload_help", lang),
        key=f"stakeholders_upload_{where}",
    )
    update = st.checkbox(t("stakeholders.update", lang), key=f"stakeholders_update_{where}")
    if not uploads or not st.button(
        t("stakeholders.import", lang), key=f"stakeholders_import_{where}", type="primary"
    ):
        return
    # on disk under their own names (messages name the file), each in a private folder,
    # only while the import reads them
    with contextlib.ExitStack() as held:
        paths = [held.enter_context(held_upload(u.name, u.getvalue())) for u in uploads]
        import_map_files(where, paths, update)


def import_map_files(where: str, paths: list[Path], update: bool) -> None:
    connections = None
    if len(paths) == 2 and all(p.suffix.lower() == ".csv" for p in paths):
        named = [p for p in paths if "connection" in p.name.lower()]
        if len(named) != 1:
            st.error(t("stakeholders.two_csv", lang))
            return
        connections = named[0]
        paths = [p for p in paths if p != connections]
    elif len(paths) > 1:
        st.error(t("stakeholders.one_file", lang))
        return
    try:
        counts = import_stakeholder_file(
            store, workshop_id, paths[0], connections_path=connections, update=update
        )
    except StakeholderMapError as error:
        show_problems(error)
    else:
        done(import_summary(counts, update))


def add_actor_form(where: str) -> None:
    """One actor at a time: big controls that work on a projector and a phone."""
    with st.form(f"stakeholders_add_actor_{where}"):
        st.markdown(f"**{t('stakeholders.add_actor_title', lang)}**")
        name = st.text_input(t("stakeholders.col_name", lang), key=f"stakeholders_new_name_{where}")
        group_col, stance_col = st.columns(2)
        group = group_col.selectbox(
            t("stakeholders.col_group", lang),
            vocab.ids("groups"),
            index=None,
            format_func=term_label("groups"),
            placeholder=t("stakeholders.pick_group", lang),
            key=f"stakeholders_new_group_{where}",
        )
        stances = vocab.ids("stances")
        stance = stance_col.selectbox(
            t("stakeholders.col_stance", lang),
            stances,
            index=stances.index("unknown"),
            format_func=term_label("stances"),
            placeholder=t("widget.choose_one", lang),
            key=f"stakeholders_new_stance_{where}",
        )
        power_col, interest_col = st.columns(2)
        power = power_col.slider(
            t("stakeholders.col_power", lang), 1, 5, 3, key=f"stakeholders_new_power_{where}"
        )
        interest = interest_col.slider(
            t("stakeholders.col_interest", lang), 1, 5, 3, key=f"stakeholders_new_interest_{where}"
        )
        notes = st.text_input(
            t("stakeholders.col_notes", lang), key=f"stakeholders_new_notes_{where}"
        )
        if not st.form_submit_button(t("stakeholders.add_actor", lang), type="primary"):
            return
    name = " ".join(name.split())
    if not name:
        st.error(t("stakeholders.name_required", lang))
    elif group is None:
        st.error(t("stakeholders.group_required", lang))
    elif name.casefold() in {n.casefold() for n in names.values()}:
        st.error(t("stakeholders.name_taken", lang, name=escape_markdown(name)))
    else:
        actor = Actor(
            free_actor_key(name, names), name, group, power, interest, stance, notes.strip()
        )
        import_map(store, workshop_id, StakeholderMap((actor,)))
        done(t("stakeholders.actor_added", lang, name=escape_markdown(name)))


def add_relation_form() -> None:
    keys = list(names)
    with st.form("stakeholders_add_relation"):
        st.markdown(f"**{t('stakeholders.add_relation_title', lang)}**")
        source_col, type_col, target_col = st.columns([3, 2, 3])
        source = source_col.selectbox(
            t("stakeholders.col_source", lang),
            keys,
            index=None,
            format_func=names.get,
            placeholder=t("stakeholders.pick_actor", lang),
            key="stakeholders_new_source",
        )
        kind = type_col.selectbox(
            t("stakeholders.col_type", lang),
            vocab.ids("relation_types"),
            format_func=term_label("relation_types"),
            placeholder=t("widget.choose_one", lang),
            key="stakeholders_new_type",
        )
        target = target_col.selectbox(
            t("stakeholders.col_target", lang),
            keys,
            index=None,
            format_func=names.get,
            placeholder=t("stakeholders.pick_actor", lang),
            key="stakeholders_new_target",
        )
        weight_col, direction_col = st.columns(2)
        weight = weight_col.number_input(
            t("stakeholders.col_weight", lang),
            min_value=0.1,
            value=1.0,
            step=0.5,
            help=t("stakeholders.weight_help", lang),
            key="stakeholders_new_weight",
        )
        direction = direction_col.selectbox(
            t("stakeholders.col_direction", lang),
            ["", *vocab.ids("directions")],
            format_func=lambda d: (
                vocab.label("directions", d, lang) if d else t("stakeholders.direction_auto", lang)
            ),
            placeholder=t("widget.choose_one", lang),
            key="stakeholders_new_direction",
        )
        if not st.form_submit_button(t("stakeholders.add_relation", lang), type="primary"):
            return
    if source is None or target is None:
        st.error(t("stakeholders.pick_both", lang))
        return
    term = vocab.term("relation_types", kind)
    relation = Relation(source, target, kind, float(weight), direction or term.direction)
    try:
        counts = import_map(store, workshop_id, StakeholderMap(relations=(relation,)))
    except StakeholderMapError as error:
        show_problems(error)
        return
    sentence = t(
        "stakeholders.relation_sentence",
        lang,
        source=names[source],
        relation=vocab.label("relation_types", kind, lang),
        target=names[target],
    )
    if counts["relations"]["added"]:
        done(t("stakeholders.relation_added", lang, relation=sentence))
    else:
        st.warning(t("stakeholders.relation_exists", lang, relation=sentence))


if not actors:
    st.info(t("stakeholders.empty", lang))
    starter_col, import_col, add_col = st.columns(3, gap="large")
    with starter_col:
        st.subheader(t("stakeholders.start_template", lang), anchor=False)
        starter_picker("start", t("stakeholders.load", lang))
    with import_col:
        st.subheader(t("stakeholders.start_file", lang), anchor=False)
        file_import("start")
    with add_col:
        st.subheader(t("stakeholders.start_by_hand", lang), anchor=False)
        add_actor_form("start")
    store.close()
    st.stop()

G = workshop_graph(store, workshop_id)
clusters = store.active_clusters(workshop_id)
cluster_labels = {
    c["id"]: c["label"] or t("stakeholders.cluster_ref", lang, id=c["id"]) for c in clusters
}
relations = store.list_relations(workshop_id)
links = store.list_stakeholder_links(workshop_id)
isolated = isolated_actors(G)
# the actors linked to each current cluster, directly or through one of its ideas
actors_of: dict[int, set[str]] = {}
for link in links:
    cluster_id = link["cluster_id"] if link["target_kind"] == "cluster" else link["idea_cluster_id"]
    if cluster_id in cluster_labels:
        actors_of.setdefault(cluster_id, set()).add(link["actor_key"])
linked_clusters = set(actors_of)

actors_metric, relations_metric, clusters_metric, isolated_metric = st.columns(4)
actors_metric.metric(t("stakeholders.metric_actors", lang), len(actors))
relations_metric.metric(t("stakeholders.metric_relations", lang), len(relations))
clusters_metric.metric(
    t("stakeholders.metric_clusters", lang), f"{len(linked_clusters)} / {len(clusters)}"
)
isolated_metric.metric(t("stakeholders.metric_isolated", lang), len(isolated))

titles = chart_titles(lang)

tab_map, tab_grid, tab_cluster, tab_analysis, tab_edit, tab_files = st.tabs(
    [
        t("stakeholders.tab_map", lang),
        t("stakeholders.tab_grid", lang),
        t("stakeholders.tab_cluster", lang),
        t("stakeholders.tab_analysis", lang),
        t("stakeholders.tab_edit", lang),
        t("stakeholders.tab_files", lang),
    ]
)

with tab_map:
    size_col, targets_col = st.columns([3, 2], vertical_alignment="bottom")
    size_by = size_col.radio(
        t("stakeholders.size_by", lang),
        ["power", "betweenness"],
        format_func=lambda s: t(f"stakeholders.size_by.{s}", lang),
        horizontal=True,
        key="stakeholders_size_by",
    )
    with_targets = targets_col.toggle(
        t("stakeholders.show_clusters", lang),
        value=True,
        disabled=not linked_clusters and not links,
        key="stakeholders_show_clusters",
    )
    show_spec(from_workshop(store, workshop_id, network_spec, lang, size_by, with_targets))
    st.caption(t("stakeholders.map_caption", lang))

with tab_grid:
    show_spec(from_workshop(store, workshop_id, grid_spec, lang))
    st.caption(t("stakeholders.grid_caption", lang))


def node_name(node: str) -> str:
    return G.nodes[node]["label"]


def chain(path: list[str], kinds: list[str]) -> str:
    """How an actor's yes is needed, from it to who carries the project: "*funds* → Roads
    department" (the actor itself is named before)."""
    steps = []
    for node, kind in zip(path[1:], kinds, strict=True):
        relation = " + ".join(vocab.label("relation_types", k, lang) for k in kind.split("+"))
        steps.append(f"*{escape_markdown(relation)}* → {escape_markdown(node_name(node))}")
    return " → ".join(steps)


def add_link_form(cluster_id: int) -> None:
    with st.form("stakeholders_add_link"):
        st.markdown(f"**{t('stakeholders.add_link_title', lang)}**")
        actor_col, role_col, submit_col = st.columns([3, 2, 2], vertical_alignment="bottom")
        actor = actor_col.selectbox(
            t("stakeholders.col_actor", lang),
            list(names),
            index=None,
            format_func=names.get,
            placeholder=t("stakeholders.pick_actor", lang),
            key="stakeholders_new_link_actor",
        )
        role = role_col.selectbox(
            t("stakeholders.col_role", lang),
            vocab.ids("roles"),
            format_func=term_label("roles"),
            placeholder=t("widget.choose_one", lang),
            key="stakeholders_new_link_role",
        )
        if not submit_col.form_submit_button(t("stakeholders.add_link", lang), type="primary"):
            return
    if actor is None:
        st.error(t("stakeholders.pick_actor", lang))
        return
    import_map(
        store, workshop_id, StakeholderMap(links=(Link(actor, "cluster", cluster_id, role),))
    )
    done(
        t(
            "stakeholders.link_added",
            lang,
            name=names[actor],
            role=vocab.label("roles", role, lang),
            cluster=cluster_labels[cluster_id],
        )
    )


with tab_cluster:
    if not clusters:
        st.info(t("stakeholders.no_clusters", lang))
        st.page_link(
            str(PAGE_FILES["clusters"]),
            label=t("nav.clusters", lang),
            icon=":material/bubble_chart:",
        )
    else:
        if st.session_state.get("stakeholders_cluster") not in cluster_labels:
            st.session_state.pop("stakeholders_cluster", None)
        picked = st.selectbox(
            t("stakeholders.pick_cluster", lang),
            list(cluster_labels),
            format_func=lambda c: t(
                "stakeholders.cluster_option",
                lang,
                label=cluster_labels[c],
                count=len(actors_of.get(c, ())),
            ),
            placeholder=t("widget.choose_one", lang),
            key="stakeholders_cluster",
        )
        view = cluster_view(G, picked)
        if view["citizens_missing"]:
            st.error(t("stakeholders.citizens_missing", lang), icon=":material/warning:")
        others = [g for g in view["missing_groups"] if g != "citizens"]
        if others:
            st.warning(
                t(
                    "stakeholders.missing_groups",
                    lang,
                    groups=", ".join(vocab.label("groups", g, lang) for g in others),
                )
            )
        yes_col, conflict_col = st.columns(2, gap="large")
        with yes_col:
            st.subheader(t("stakeholders.must_say_yes", lang), anchor=False)
            if not view["must_say_yes"]:
                st.info(t("stakeholders.nobody_must", lang))
            lines = []
            # who holds the yes directly first, then the shortest chains
            for row in sorted(
                view["must_say_yes"],
                key=lambda r: (not r["roles"], len(r["path"] or ()), node_name(r["actor"])),
            ):
                line = f"- **{escape_markdown(node_name(row['actor']))}**"
                if row["roles"]:
                    roles = ", ".join(vocab.label("roles", r, lang) for r in row["roles"])
                    line += f" · {escape_markdown(roles)}"
                if row["path"]:
                    because = t("stakeholders.through", lang)
                    line += f"  \n  {because} {chain(row['path'], row['relations'])}"
                lines.append(line)
            st.markdown("\n".join(lines))
        with conflict_col:
            st.subheader(t("stakeholders.conflicts", lang), anchor=False)
            if not view["conflicts"]:
                st.caption(t("stakeholders.no_conflicts", lang))
            conflict_lines = []
            for row in view["conflicts"]:
                if row["kind"] == "relation":
                    text = t(
                        "stakeholders.relation_sentence",
                        lang,
                        source=node_name(row["source"]),
                        relation=vocab.label("relation_types", row["relation"], lang),
                        target=node_name(row["target"]),
                    )
                else:
                    text = t("stakeholders.opposes_stance", lang, name=node_name(row["actor"]))
                conflict_lines.append(f"- :red[{escape_markdown(text)}]")
            st.markdown("\n".join(conflict_lines))
        st.subheader(t("stakeholders.linked", lang), anchor=False)
        if view["linked"]:
            st.dataframe(
                pd.DataFrame(
                    {
                        titles["name"]: [node_name(r["actor"]) for r in view["linked"]],
                        titles["group"]: [
                            vocab.label("groups", G.nodes[r["actor"]]["group"], lang)
                            for r in view["linked"]
                        ],
                        titles["role"]: [
                            ", ".join(vocab.label("roles", x, lang) for x in r["roles"])
                            for r in view["linked"]
                        ],
                        t("stakeholders.col_via", lang): [
                            ", ".join(node_name(v) for v in r["via"]) for r in view["linked"]
                        ],
                    }
                ),
                hide_index=True,
                width="stretch",
            )
        else:
            st.caption(t("stakeholders.nobody_linked", lang))
        add_link_form(picked)

with tab_analysis:
    broker_col, community_col = st.columns([3, 2], gap="large")
    with broker_col:
        st.subheader(t("stakeholders.brokers", lang), anchor=False)
        st.caption(t("stakeholders.brokers_help", lang))
        rows = brokers(G)
        st.dataframe(
            pd.DataFrame(
                {
                    titles["name"]: [r["label"] for r in rows],
                    titles["group"]: [
                        vocab.label("groups", G.nodes[r["node"]]["group"], lang) for r in rows
                    ],
                    t("stakeholders.col_degree", lang): [r["degree"] for r in rows],
                    t("stakeholders.col_betweenness", lang): [r["betweenness"] for r in rows],
                }
            ),
            hide_index=True,
            width="stretch",
            # every actor in view, without a scroll bar on the projected screen
            height=min(ROW_HEIGHT * (len(rows) + 1) + 3, 800),
            column_config={
                t("stakeholders.col_degree", lang): st.column_config.NumberColumn(format="%.2f"),
                t("stakeholders.col_betweenness", lang): st.column_config.ProgressColumn(
                    format="%.2f", min_value=0.0, max_value=1.0
                ),
            },
        )
    with community_col:
        st.subheader(t("stakeholders.communities", lang), anchor=False)
        st.caption(t("stakeholders.communities_help", lang))
        st.markdown(
            "\n".join(
                f"- **{t('stakeholders.community', lang, number=i)}** · "
                + escape_markdown(", ".join(sorted(node_name(n) for n in members)))
                for i, members in enumerate(communities(G, seed=0), start=1)
            )
        )
        st.subheader(t("stakeholders.isolated", lang), anchor=False)
        if isolated:
            st.warning(
                t(
                    "stakeholders.isolated_list",
                    lang,
                    names=", ".join(node_name(n) for n in isolated),
                )
            )
        else:
            st.success(t("stakeholders.none_isolated", lang))

with tab_edit:
    actor_form_col, relation_form_col = st.columns([2, 3], gap="large")
    with actor_form_col:
        add_actor_form("edit")
    with relation_form_col:
        add_relation_form()

    st.subheader(t("stakeholders.actors_table", lang), anchor=False)
    st.caption(t("stakeholders.table_help", lang))
    actor_headers = {
        c: t(f"stakeholders.col_{c}", lang)
        for c in ("name", "group", "power", "interest", "stance", "notes")
    }
    scale = {"min_value": 1, "max_value": 5, "step": 1, "default": 3, "required": True}
    edited_actors = st.data_editor(
        actors_table(actors),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "key": None,
            "name": st.column_config.TextColumn(
                actor_headers["name"], required=True, width="large"
            ),
            "group": st.column_config.SelectboxColumn(
                actor_headers["group"],
                options=vocab.ids("groups"),
                format_func=term_label("groups"),
                required=True,
                width=270,
            ),
            "power": st.column_config.NumberColumn(actor_headers["power"], **scale),
            "interest": st.column_config.NumberColumn(actor_headers["interest"], **scale),
            "stance": st.column_config.SelectboxColumn(
                actor_headers["stance"],
                options=vocab.ids("stances"),
                format_func=term_label("stances"),
                default="unknown",
                required=True,
            ),
            "notes": st.column_config.TextColumn(actor_headers["notes"], width="large"),
        },
        key="stakeholders_actors_table",
    )
    if st.button(t("stakeholders.save_actors", lang), key="stakeholders_save_actors"):
        try:
            counts = save_actors(store, workshop_id, edited_actors, vocab, actor_headers)
        except StakeholderMapError as error:
            show_problems(error)
        else:
            done(saved_summary(counts, "actors"))

    st.subheader(t("stakeholders.relations_table", lang), anchor=False)
    relation_headers = {
        c: t(f"stakeholders.col_{c}", lang)
        for c in ("source", "target", "type", "weight", "direction", "notes")
    }
    actor_select = {"options": list(names), "format_func": names.get, "required": True}
    edited_relations = st.data_editor(
        relations_table(relations),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "source": st.column_config.SelectboxColumn(
                relation_headers["source"], width="medium", **actor_select
            ),
            "type": st.column_config.SelectboxColumn(
                relation_headers["type"],
                options=vocab.ids("relation_types"),
                format_func=term_label("relation_types"),
                required=True,
                width="medium",
            ),
            "target": st.column_config.SelectboxColumn(
                relation_headers["target"], width="medium", **actor_select
            ),
            "weight": st.column_config.NumberColumn(
                relation_headers["weight"], min_value=0.1, step=0.5, default=1.0, format="%.1f"
            ),
            "direction": st.column_config.SelectboxColumn(
                relation_headers["direction"],
                options=vocab.ids("directions"),
                format_func=term_label("directions"),
            ),
            "notes": st.column_config.TextColumn(relation_headers["notes"], width="large"),
        },
        column_order=["source", "type", "target", "weight", "direction", "notes"],
        key="stakeholders_relations_table",
    )
    if st.button(t("stakeholders.save_relations", lang), key="stakeholders_save_relations"):
        try:
            counts = save_relations(store, workshop_id, edited_relations, vocab, relation_headers)
        except StakeholderMapError as error:
            show_problems(error)
        else:
            done(saved_summary(counts, "relations"))

    st.subheader(t("stakeholders.links_table", lang), anchor=False)
    if not clusters:
        st.caption(t("stakeholders.no_clusters", lang))
    else:
        st.caption(t("stakeholders.links_help", lang))
        link_headers = {c: t(f"stakeholders.col_{c}", lang) for c in ("actor", "cluster", "role")}
        edited_links = st.data_editor(
            links_table(links, cluster_labels),
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            column_config={
                "actor": st.column_config.SelectboxColumn(
                    link_headers["actor"], width="medium", **actor_select
                ),
                "cluster": st.column_config.SelectboxColumn(
                    link_headers["cluster"],
                    options=list(cluster_labels),
                    format_func=cluster_labels.get,
                    required=True,
                    width="large",
                ),
                "role": st.column_config.SelectboxColumn(
                    link_headers["role"],
                    options=vocab.ids("roles"),
                    format_func=term_label("roles"),
                    required=True,
                ),
            },
            key="stakeholders_links_table",
        )
        if st.button(t("stakeholders.save_links", lang), key="stakeholders_save_links"):
            try:
                counts = save_links(
                    store, workshop_id, edited_links, cluster_labels, vocab, link_headers
                )
            except StakeholderMapError as error:
                show_problems(error)
            else:
                done(saved_summary(counts, "links"))

with tab_files:
    import_col, starter_col = st.columns(2, gap="large")
    with import_col:
        st.subheader(t("stakeholders.start_file", lang), anchor=False)
        file_import("files")
    with starter_col:
        st.subheader(t("stakeholders.add_template", lang), anchor=False)
        starter_picker("files", t("stakeholders.add_starter", lang))
    st.subheader(t("stakeholders.export", lang), anchor=False)
    st.caption(t("stakeholders.export_help", lang))
    downloads = st.container(horizontal=True)
    for fmt, (suffix, mime, _) in EXPORTS.items():
        downloads.download_button(
            t(f"stakeholders.download_{fmt}", lang),
            data=functools.partial(map_bytes, G, fmt),
            file_name=f"{workshop['slug']}-stakeholders{suffix}",
            mime=mime,
            on_click="ignore",
            icon=":material/download:",
            key=f"stakeholders_download_{fmt}",
        )
store.close()
