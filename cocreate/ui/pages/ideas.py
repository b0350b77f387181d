"""Ideas page: list, search and filter a workshop's ideas; add one; import a file."""

import pandas as pd
import streamlit as st

from cocreate.i18n import format_number, language_name, t
from cocreate.ingest import (
    BAD_VALUE_POLICIES,
    FIELDS,
    IngestError,
    import_file,
    preview_file,
    submit_idea,
)
from cocreate.ui.common import (
    open_store,
    page_header,
    require_workshop,
    rerun_with_message,
    ui_lang,
)
from cocreate.uploads import held_upload, upload_key

PAGE_SIZE = 50
PREVIEW_ROWS = 200
PROBLEMS_SHOWN = 50
LIST_COLUMNS = ["id", "text", "title", "author", "category", "votes", "created", "language"]
LIST_COLUMNS += ["source", "duplicate_of"]

lang = ui_lang()
store = open_store()
workshop = require_workshop(store, lang)
page_header("ideas", workshop, lang)

tab_list, tab_add, tab_import = st.tabs(
    [t("ideas.tab_list", lang), t("ideas.tab_add", lang), t("ideas.tab_import", lang)]
)

with tab_add, st.form("ideas_add_form", clear_on_submit=True):
    text = st.text_area(t("ideas.text", lang), key="ideas_add_text", max_chars=5000)
    title_col, author_col, category_col = st.columns(3)
    title = title_col.text_input(t("ideas.title", lang), key="ideas_add_title")
    author = author_col.text_input(t("ideas.author", lang), key="ideas_add_author")
    category = category_col.text_input(t("ideas.category", lang), key="ideas_add_category")
    if st.form_submit_button(t("ideas.submit", lang), type="primary"):
        try:
            submit_idea(store, workshop["id"], text, title=title, author=author, category=category)
        except IngestError as error:
            st.error(error.problem.message(lang))
        else:
            rerun_with_message("ideas", t("ideas.added", lang))


def _problem_list(title: str, problems, kind) -> None:
    if not problems:
        return
    with st.expander(f"{title} ({len(problems)})", expanded=kind == "error"):
        for problem in problems[:PROBLEMS_SHOWN]:
            st.markdown(f"- {problem.message(lang)}")
        if len(problems) > PROBLEMS_SHOWN:
            st.caption(t("import.more", lang, count=len(problems) - PROBLEMS_SHOWN))


with tab_import:
    upload = st.file_uploader(
        t("import.upload", lang),
        type=["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods", "json", "jsonl", "ndjson"],
        key="ideas_upload",
    )
    if upload is not None:
        data = upload.getvalue()
        file_key = upload_key(data)
        # on disk only for this run's preview or import, in a private folder
        with held_upload(upload.name, data) as path:
            choices = st.session_state.get(f"ideas_mapping_{file_key}")
            bad_values = st.radio(
                t("import.bad_values", lang),
                BAD_VALUE_POLICIES,
                format_func=lambda policy: t(f"import.bad_values.{policy}", lang),
                horizontal=True,
                key=f"ideas_bad_values_{file_key}",
            )
            try:
                preview = preview_file(
                    path,
                    mapping=choices,
                    default_language=workshop["language"],
                    limit=PREVIEW_ROWS,
                    bad_values=bad_values,
                )
            except IngestError as error:
                st.error(t("import.refused", lang, message=error.problem.message(lang)))
                preview = None
            if preview is not None:
                table = preview.table
                if preview.known_format:
                    st.info(t("import.recognised", lang, name=preview.known_format.label))
                else:
                    st.info(t("import.generic", lang))
                st.caption(
                    t(
                        "import.file_info",
                        lang,
                        rows=preview.rows_total,
                        columns=len(table.columns),
                        encoding=table.encoding or "-",
                        delimiter=repr(table.delimiter) if table.delimiter else "-",
                    )
                )
                st.markdown(f"**{t('import.mapping', lang)}**")
                none = t("import.none", lang)
                options = [none, *table.columns]
                new_choices = {}
                for column, field in zip(st.columns(4) + st.columns(4), FIELDS, strict=False):
                    chosen = column.selectbox(
                        t(f"import.field.{field}", lang),
                        options,
                        index=options.index(preview.mapping[field])
                        if field in preview.mapping
                        else 0,
                        placeholder=t("widget.choose_one", lang),
                        key=f"ideas_map_{field}_{file_key}",
                    )
                    new_choices[field] = "" if chosen == none else chosen
                # compare with what the preview was computed from, not with its result: no loop
                if new_choices != (choices or {f: preview.mapping.get(f, "") for f in FIELDS}):
                    st.session_state[f"ideas_mapping_{file_key}"] = new_choices
                    st.rerun()
                st.markdown(f"**{t('import.preview', lang)}**")
                st.dataframe(
                    pd.DataFrame(
                        [
                            {
                                t("ideas.col_text", lang): idea.text[:300],
                                t("ideas.col_title", lang): idea.title,
                                t("ideas.col_author", lang): idea.author,
                                t("ideas.col_category", lang): idea.category,
                                t("ideas.col_votes", lang): idea.votes,
                                t("ideas.col_created", lang): idea.created,
                                t("ideas.col_language", lang): idea.language,
                            }
                            for idea in preview.ideas[:10]
                        ]
                    ),
                    hide_index=True,
                )
                _problem_list(t("import.problems", lang), preview.problems, "error")
                _problem_list(t("import.warnings", lang), preview.warnings, "warning")
                if st.button(t("import.submit", lang), type="primary", key="ideas_import_button"):
                    try:
                        with st.spinner():
                            report = import_file(
                                store,
                                workshop["id"],
                                path,
                                mapping=new_choices,
                                display_name=upload.name,
                                bad_values=bad_values,
                            )
                    except IngestError as error:
                        st.error(t("import.refused", lang, message=error.problem.message(lang)))
                    else:
                        st.session_state["ideas_import_problems"] = [
                            p.message(lang) for p in report.problems[:PROBLEMS_SHOWN]
                        ]
                        rerun_with_message(
                            "ideas", t("import.done", lang) + " " + report.summary(lang)
                        )
    for message in st.session_state.pop("ideas_import_problems", []):
        st.warning(message)
    history = store.list_imports(workshop["id"])
    if history:
        with st.expander(t("import.history", lang)):
            st.dataframe(
                pd.DataFrame(history)[
                    ["imported_at", "source", "format", "rows_read", "rows_added"]
                    + ["rows_already_stored", "rows_rejected"]
                ],
                hide_index=True,
            )

with tab_list:
    facets = store.idea_facets(workshop["id"])
    total, duplicates, sources, languages = st.columns(4)
    total.metric(t("ideas.metric_total", lang), format_number(facets["total"], lang))
    duplicates.metric(
        t("ideas.metric_duplicates", lang), format_number(facets["exact_duplicates"], lang)
    )
    sources.metric(t("ideas.metric_sources", lang), len(facets["source"]))
    languages.metric(t("ideas.metric_languages", lang), len(facets["language"]))
    if not facets["total"]:
        st.info(t("ideas.empty", lang))
    else:
        everything = t("ideas.all", lang)
        search_col, source_col, category_col, language_col = st.columns([3, 2, 2, 1])
        search = search_col.text_input(t("ideas.search", lang), key="ideas_search")
        source = source_col.selectbox(
            t("ideas.filter_source", lang),
            [everything, *facets["source"]],
            placeholder=t("widget.choose_one", lang),
            key="ideas_source",
        )
        category = category_col.selectbox(
            t("ideas.filter_category", lang),
            [everything, *(c for c in facets["category"] if c)],
            placeholder=t("widget.choose_one", lang),
            key="ideas_category",
        )
        language = language_col.selectbox(
            t("ideas.filter_language", lang),
            [everything, *(c for c in facets["language"] if c)],
            format_func=lambda code: code if code == everything else language_name(code, lang),
            placeholder=t("widget.choose_one", lang),
            key="ideas_language",
        )
        duplicates_only = st.checkbox(t("ideas.filter_duplicates", lang), key="ideas_duplicates")
        filters = {
            "search": search or None,
            "source": None if source == everything else source,
            "category": None if category == everything else category,
            "language": None if language == everything else language,
            "duplicates_only": duplicates_only,
        }
        matching = store.count_ideas(workshop["id"], **filters)
        pages = max(1, -(-matching // PAGE_SIZE))
        page_number = 1
        if pages > 1:
            page_number = st.number_input(
                t("ideas.page", lang), min_value=1, max_value=pages, value=1, key="ideas_page"
            )
        rows = store.list_ideas(
            workshop["id"],
            **filters,
            newest_first=True,
            limit=PAGE_SIZE,
            offset=(page_number - 1) * PAGE_SIZE,
        )
        st.caption(t("ideas.shown", lang, shown=len(rows), total=matching))
        frame = pd.DataFrame(rows, columns=LIST_COLUMNS)
        frame["votes"] = frame["votes"].astype("Int64")
        frame["duplicate_of"] = frame["duplicate_of"].astype("Int64")
        frame["created"] = frame["created"].str.slice(0, 16).str.replace("T", " ")
        text_columns = ["title", "author", "category", "created", "language"]
        frame[text_columns] = frame[text_columns].fillna("")
        frame.columns = [t(f"ideas.col_{c}", lang) for c in LIST_COLUMNS]
        st.dataframe(
            frame,
            hide_index=True,
            width="stretch",
            column_config={
                t("ideas.col_text", lang): st.column_config.TextColumn(width="large"),
            },
        )
store.close()
