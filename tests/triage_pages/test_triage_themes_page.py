"""The Triage page filters by theme (the clustering's top level) apart from the imported
category, labelled apart in both languages."""

from __future__ import annotations

from cocreate.i18n import t

from .conftest import TRIAGE_PAGE
from .test_triage_page import listed_ids


def test_the_theme_filter_keeps_its_groups_ideas_beside_the_imported_category(
    store, backlog, open_page
):
    wid = backlog.workshop["id"]
    theme = store.create_cluster(
        wid, label="Vélo en ville", keywords=["vélo"], centroid=[0.0, 1.0], pinned=False, level=1
    )
    store.update_cluster(backlog.parking, parent_id=theme)
    at = open_page(TRIAGE_PAGE)
    themes = at.selectbox(key="tf_theme")
    assert themes.label == "Thème (regroupement)"
    assert at.selectbox(key="tf_category").label == "Catégorie importée"
    assert themes.options == ["Vélo en ville (3)"]
    themes.set_value(theme).run()
    assert not at.exception, at.exception
    assert sorted(listed_ids(at)) == backlog.ideas[6:9]
    # the cycling group joins the theme: the listing follows
    store.update_cluster(backlog.cycling, parent_id=theme)
    at = open_page(TRIAGE_PAGE, "en")
    assert at.selectbox(key="tf_theme").label == t("triage_pages.f_theme", "en")
    at.selectbox(key="tf_theme").set_value(theme).run()
    assert sorted(listed_ids(at, "en")) == sorted(backlog.ideas[:9])
