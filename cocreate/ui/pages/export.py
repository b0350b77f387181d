"""Export page (facilitators and staff members): the workshop report (French or English),
the research bundle (ZIP) and the one-table export, with personal data redacted unless
turned off on purpose; and the audit log of every export of the workshop. Each file is made
when its button is pressed, and that leaves an entry in the log (decision 0070)."""

import pandas as pd
import streamlit as st

from cocreate.export import BUNDLE_FORMATS, EXPORT_FORMATS, LEVELS, BundleOptions, audit_bytes
from cocreate.i18n import LANGUAGES, format_datetime, language_name, t
from cocreate.privacy import PrivacyOptions
from cocreate.report.downloads import (
    audit_rows,
    bundle_download,
    download_name,
    report_download,
    table_download,
)
from cocreate.store import Store
from cocreate.ui.common import open_store, require_workshop, ui_lang
from cocreate.ui.staff import STAFF_NAME_KEY, signed_in_staff, staff_workshop

MIME = {
    "html": "text/html",
    "zip": "application/zip",
    "csv": "text/csv",
    "jsonl": "application/x-ndjson",
}

lang = ui_lang()
store = open_store()
staff = signed_in_staff()
# a signed-in staff member exports any workshop; anyone else must facilitate it
workshop = staff_workshop(store, lang) if staff else require_workshop(store, lang)
db_path = store.path
actor = staff.name if staff else st.session_state.get(STAFF_NAME_KEY)
entries = audit_rows(store, workshop["id"])
raw_entries = store.audit_entries(workshop["id"])
store.close()


def made_on_click(make, *args):
    """The file's bytes, made when the button is pressed (on Streamlit's download thread,
    with its own connection)."""

    def build() -> bytes:
        with Store(db_path, migrate=False) as own_store:
            return make(own_store, workshop["id"], *args)

    return build


st.title(t("export_page.header", lang), anchor=False)
st.caption(t("export_page.intro", lang))

st.subheader(t("export_page.privacy", lang), anchor=False)
redact = st.toggle(t("export_page.redact", lang), value=True, key="export_redact")
if not redact:
    st.warning(t("export_page.redact_off_warning", lang))
keep_text = st.text_input(
    t("export_page.keep", lang),
    key="export_keep",
    help=t("export_page.keep_help", lang),
    disabled=not redact,
)
keep_personal = st.checkbox(
    t("export_page.keep_personal_columns", lang),
    value=False,
    key="export_keep_personal",
    help=t("export_page.keep_personal_columns_help", lang),
)
if keep_personal:
    st.warning(t("export_page.personal_columns_warning", lang))
privacy = PrivacyOptions(
    redact=redact,
    keep=tuple(word.strip() for word in keep_text.split(",") if word.strip()),
    keep_personal_columns=keep_personal,
)

report_col, bundle_col, table_col = st.columns(3, gap="large")
with report_col:
    st.subheader(t("export_page.report", lang), anchor=False)
    st.caption(t("export_page.report_help", lang))
    report_lang = st.radio(
        t("export_page.report_lang", lang),
        LANGUAGES,
        index=LANGUAGES.index(lang),
        format_func=lambda code: language_name(code, lang),
        horizontal=True,
        key="export_report_lang",
    )
    st.download_button(
        t("export_page.download_report", lang),
        data=made_on_click(report_download, report_lang, privacy, actor),
        file_name=download_name(workshop, f"report-{report_lang}", "html"),
        mime=MIME["html"],
        on_click="ignore",
        type="primary",
        icon=":material/description:",
        key="export_download_report",
    )

with bundle_col:
    st.subheader(t("export_page.bundle", lang), anchor=False)
    st.caption(t("export_page.bundle_help", lang))
    formats = st.multiselect(
        t("export_page.formats", lang),
        BUNDLE_FORMATS,
        default=list(BUNDLE_FORMATS),
        key="export_formats",
        placeholder=t("widget.choose_one", lang),
    )
    level = st.radio(
        t("export_page.level", lang),
        LEVELS,
        format_func=lambda name: t(f"export_page.level_{name}", lang),
        horizontal=True,
        key="export_level",
    )
    bom = st.checkbox(t("export_page.bom", lang), key="export_bom")
    embeddings = st.checkbox(t("export_page.embeddings", lang), key="export_embeddings")
    options = BundleOptions(
        formats=tuple(formats),
        excel_bom=bom,
        embeddings=embeddings,
        level=level,
        privacy=privacy,
    )
    if not formats:
        st.caption(t("export_page.no_format", lang))
    st.download_button(
        t("export_page.download_bundle", lang),
        data=made_on_click(bundle_download, options, actor),
        file_name=download_name(workshop, "bundle", "zip"),
        mime=MIME["zip"],
        on_click="ignore",
        disabled=not formats,
        icon=":material/folder_zip:",
        key="export_download_bundle",
    )

with table_col:
    st.subheader(t("export_page.table", lang), anchor=False)
    st.caption(t("export_page.table_help", lang))
    table_format = st.radio(
        t("export_page.table_format", lang),
        EXPORT_FORMATS,
        format_func=str.upper,
        horizontal=True,
        key="export_table_format",
    )
    st.download_button(
        t("export_page.download_table", lang),
        data=made_on_click(table_download, table_format, privacy, actor),
        file_name=download_name(workshop, "ideas", table_format),
        mime=MIME[table_format],
        on_click="ignore",
        icon=":material/table:",
        key="export_download_table",
    )

st.subheader(t("export_page.audit", lang), anchor=False)
if st.button(t("export_page.refresh", lang), key="export_refresh", icon=":material/refresh:"):
    st.rerun()
if not entries:
    st.info(t("export_page.audit_empty", lang))
else:
    frame = pd.DataFrame(entries)
    frame["at"] = frame["at"].map(lambda iso: format_datetime(iso, lang))
    frame["redacted"] = frame["redacted"].map(
        lambda on: t("export_page.yes", lang) if on else t("export_page.no", lang)
    )
    frame = frame.rename(columns={c: t(f"export_page.col.{c}", lang) for c in frame.columns})
    st.dataframe(frame, hide_index=True, use_container_width=True)
    st.download_button(
        t("export_page.download_audit", lang),
        data=audit_bytes(raw_entries),
        file_name=download_name(workshop, "audit-log", "csv"),
        mime=MIME["csv"],
        on_click="ignore",
        icon=":material/history:",
        key="export_download_audit",
    )
