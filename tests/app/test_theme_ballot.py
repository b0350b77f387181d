"""A scoring round on a theme (a cluster of level 1): opened from the Scoring page, shown on
the ballot with its name and examples from its groups, its groups' imported votes counted."""

import shutil

from cocreate.scoring import round_citizen_support
from cocreate.store import Store
from cocreate.ui.wall import escape_markdown, shorten

from .test_scoring_pages import (  # noqa: F401 (the module-scoped clustered demo)
    BALLOT_PAGE,
    SCORING_PAGE,
    clustered_demo_file,
    new_session,
    open_page,
)


def test_a_round_on_a_theme_shows_its_name_and_examples_of_its_groups(
    app,
    db_path,
    clustered_demo_file,  # noqa: F811 (the imported fixture)
):
    shutil.copyfile(clustered_demo_file, db_path)
    with Store(db_path) as store:
        demo = store.get_workshop("demo")
        theme = store.active_themes(demo["id"])[0]
        groups = [c for c in store.active_clusters(demo["id"]) if c["parent_id"] == theme["id"]]
        members = {
            a["idea_id"]
            for a in store.assignments(demo["id"])
            if a["cluster_id"] in {g["id"] for g in groups}
        }
        texts = {i["id"]: i["text"] for i in store.list_ideas(demo["id"])}
    assert groups and theme["size"] == len(members)
    app.session_state["workshop_id"] = demo["id"]
    facilitator = open_page(app, SCORING_PAGE)
    facilitator.selectbox(key="scoring_rubric_pick").set_value("dvf-quick").run()
    facilitator.button(key="scoring_copy_rubric").click().run()
    picker = facilitator.multiselect(key="scoring_pick_themes")
    assert picker.label == "Thèmes à évaluer"
    picker.set_value([theme["id"]]).run()
    facilitator.button(key="scoring_open_round").click().run()
    assert not facilitator.exception, facilitator.exception
    with Store(db_path) as store:
        [scoring_round] = store.list_rounds(demo["id"])
        [target] = store.round_targets(scoring_round["id"])
        support = round_citizen_support(store, scoring_round["id"])[target["id"]]
        votes = store.round_target_votes(scoring_round["id"])
    assert (target["cluster_id"], target["label"]) == (theme["id"], theme["label"])
    assert {v["idea_id"] for v in votes} == members
    assert support is not None

    ballot = new_session(BALLOT_PAGE, demo["id"])
    assert ballot.markdown[0].value == f"### {escape_markdown(theme['label'])}"
    examples = [m.value for m in ballot.markdown if m.value.startswith("- ")]
    assert examples, "the theme card shows examples"
    shown = examples[0].splitlines()
    assert 1 <= len(shown) <= 3
    allowed = {f"- {escape_markdown(shorten(texts[i], 180))}" for i in members}
    assert set(shown) <= allowed
