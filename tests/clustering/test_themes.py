"""Issue 20: names, the ideas' languages, the theme tree, secondary themes, tight duplicates."""

import numpy as np
import pytest

from cocreate.clustering import (
    cluster_workshop,
    merge_themes,
    move_group,
    name_groups,
    near_duplicate_groups,
    never_in_names,
    pin_theme,
    rename_cluster,
    theme_tree,
)
from cocreate.clustering.embed import _embedder_for, ideas_language
from cocreate.clustering.labels import fold, stop_words
from cocreate.export import export_rows
from cocreate.records import IdeaRecord

from .conftest import blobs


def only_function_words(label, language):
    words = [w for part in label.split(" · ") for w in part.replace("’", "'").split()]
    return all(fold(w) in stop_words(language) for w in words)


def test_names_skip_markup_formulas_ordinals_and_the_never_use_list():
    never = sorted(never_in_names())[0]
    texts = [
        f"<script>alert(1)</script> Alert(1)</script calc'!a0 le {never} du 19ème quartier",
        f"Alert(1)</script rue {never} piste cyclable 3ème calc'!a0",
        f"piste cyclable rue {never} 20ème arrondissement",
        "der die das und eine Straße der Stadt",
        "die eine der Straße mit dem Fahrrad",
        "der und die Straße zum Bahnhof",
    ]
    languages = ["fr", "fr", "fr", "de", "de", "de"]
    names = name_groups(texts, [0, 0, 0, 1, 1, 1], languages=languages)
    for group, found in names.items():
        text = " ".join([found.label, *found.keywords]).casefold()
        assert found.label and not only_function_words(found.label, languages[3 * group])
        for debris in ("alert", "script", "calc", "a0", "ème", fold(never)):
            assert debris not in fold(text)
    assert "Straße" in names[1].label


def test_an_acronym_with_a_number_is_a_word_a_cell_reference_is_not():
    """Acronyms such as "CO2-Steuer" and "PM10" name groups; cells ("A1", "B12") and "21e" not."""
    texts = [
        "Eine wirksame CO2-Steuer einführen, A1 B12",
        "Die CO2-Steuer deutlich erhöhen, A1",
        "CO2-Steuer für alle Emittenten, B12",
        "Le taux de PM10 près des écoles au 21e siècle",
        "Mesurer les PM10 dans la rue, A1",
        "Les PM10 du périphérique, B12",
    ]
    languages = ["de"] * 3 + ["fr"] * 3
    names = name_groups(texts, [0, 0, 0, 1, 1, 1], languages=languages)
    assert names[0].label.startswith("CO2-Steuer"), names
    assert "PM10" in names[1].label, names
    for found in names.values():
        words = {fold(w) for w in " ".join([found.label, *found.keywords]).split()}
        assert not {"a1", "b12", "21e"} & words, found


def test_proper_nouns_are_kept_whole_with_their_capitals():
    texts = [
        "Un jardin au Champ-de-Mars pour les enfants",
        "Des bancs au Champ-de-Mars",
        "Nettoyer le Champ-de-Mars le dimanche",
        "Un marché aux Buttes-Chaumont",
        "Des toilettes aux Buttes-Chaumont",
        "Éclairer les Buttes-Chaumont la nuit",
    ]
    names = name_groups(texts, [0, 0, 0, 1, 1, 1], languages=["fr"] * 6)
    assert "Champ-de-Mars" in names[0].label
    assert "Buttes-Chaumont" in names[1].label


def test_the_ideas_language_decides_the_model_not_the_workshops(store):
    workshop = store.create_workshop("Radverkehr", challenge="Wie?", language="en")
    german = ["Mehr Radwege in der Innenstadt bauen", "Die Straßenbahn öfter fahren lassen"]
    records = [IdeaRecord(text=t, source_key=f"k{n}", language="de") for n, t in enumerate(german)]
    store.add_ideas(workshop["id"], records, source="test")
    assert _embedder_for(store, workshop, None).model_id == "use-multilingual-v3"
    assert ideas_language(["en"] * 19 + ["de"]) == "en"
    assert ideas_language(["en"] * 5 + ["de"] * 5) == "mixed"
    assert ideas_language([None, None], "fr") == "fr"


def test_tree_is_deterministic_for_a_seed_and_holds_every_group():
    X, _ = blobs(n_per_group=10, groups=12, dim=16)
    from cocreate.clustering import IdeaClusterer

    fit = IdeaClusterer(12, random_state=0).fit(X)
    sizes = np.bincount(fit.labels_)
    first = theme_tree(fit.cluster_centers_, sizes, n_themes=4, seed=1)
    again = theme_tree(fit.cluster_centers_, sizes, n_themes=4, seed=1)
    assert np.array_equal(first[0], again[0])
    assert sorted(set(first[0].tolist())) == [0, 1, 2, 3]
    assert len(first[0]) == fit.n_clusters_


def test_no_chained_near_duplicate_group():
    # points along an arc: each close to the next, the ends far apart
    angles = np.linspace(0, 1.2, 25)
    X = np.column_stack([np.cos(angles), np.sin(angles)]).astype(np.float32)
    threshold = 0.99
    groups = near_duplicate_groups(X, threshold=threshold)
    assert groups
    for members in groups:
        similarity = X[members] @ X[members].T
        assert similarity.min() >= threshold - 1e-6


def test_themes_stored_exported_and_edited_at_both_levels(store, demo, minilm):
    cluster_workshop(store, demo["id"], model=minilm, seed=0, n_themes=4)
    themes = store.active_themes(demo["id"])
    groups = store.active_clusters(demo["id"])
    assert len(themes) == 4 and all(t["label"] for t in themes)
    assert {g["parent_id"] for g in groups} == {t["id"] for t in themes}
    rows = export_rows(store, demo["id"])
    assert all(r["theme_id"] in {t["id"] for t in themes} for r in rows)
    between = [r for r in rows if r["secondary_theme_id"] is not None]
    assert between, "some ideas sit between two themes"
    assert all(r["secondary_theme_id"] != r["theme_id"] for r in between)
    assert all(-1 <= r["secondary_similarity"] <= 1 for r in between)
    stored = [a for a in store.assignments(demo["id"]) if a["secondary_theme_id"]]
    assert len(stored) == len(between)

    # edits at both levels survive a re-clustering
    renamed, pinned, moved_to = themes[0], themes[1], themes[2]
    rename_cluster(store, renamed["id"], "Mobilité douce")
    group = next(g for g in groups if g["parent_id"] == themes[3]["id"])
    move_group(store, group["id"], moved_to["id"])
    pin_theme(store, pinned["id"])
    pinned_groups = {g["id"] for g in groups if g["parent_id"] == pinned["id"]}
    cluster_workshop(store, demo["id"], model=minilm, seed=3, n_themes=4)
    after_themes = {t["id"]: t for t in store.active_themes(demo["id"])}
    after_groups = {g["id"]: g for g in store.active_clusters(demo["id"])}
    assert pinned["id"] in after_themes and moved_to["id"] in after_themes
    assert after_groups[group["id"]]["parent_id"] == moved_to["id"]
    assert all(after_groups[g]["parent_id"] == pinned["id"] for g in pinned_groups)
    assert "Mobilité douce" in {t["label"] for t in after_themes.values()}
    merged = merge_themes(store, [pinned["id"], moved_to["id"]], label="Vie du quartier")
    after = {t["id"]: t for t in store.active_themes(demo["id"])}
    assert moved_to["id"] not in after and after[merged]["label"] == "Vie du quartier"
    assert after_groups[group["id"]]["id"] in {
        g["id"] for g in store.active_clusters(demo["id"]) if g["parent_id"] == merged
    }
    with pytest.raises(ValueError):
        move_group(store, group["id"], group["id"])


def test_a_split_theme_survives_reclustering_and_a_one_group_theme_cannot_split(
    store, demo, minilm
):
    from cocreate.clustering import split_theme

    cluster_workshop(store, demo["id"], model=minilm, seed=0, n_themes=3)
    themes = store.active_themes(demo["id"])
    groups = store.active_clusters(demo["id"])
    under = {t["id"]: {g["id"] for g in groups if g["parent_id"] == t["id"]} for t in themes}
    widest = max(themes, key=lambda t: len(under[t["id"]]))
    kept, new = split_theme(store, widest["id"], seed=0)
    after = {g["id"]: g["parent_id"] for g in store.active_clusters(demo["id"])}
    halves = [{g for g, p in after.items() if p == t} for t in (kept, new)]
    assert all(halves) and halves[0] | halves[1] == under[widest["id"]]
    cluster_workshop(store, demo["id"], model=minilm, seed=5, n_themes=3)
    again = {g["id"]: g["parent_id"] for g in store.active_clusters(demo["id"])}
    assert all(again[g] == t for t, half in zip((kept, new), halves, strict=True) for g in half)
    # a theme holding one group cannot be cut
    lone = store.create_cluster(
        demo["id"], label="Seul", keywords=[], centroid=np.zeros(3), pinned=True, level=1
    )
    move_group(store, next(iter(halves[1])), lone)
    with pytest.raises(ValueError, match="cannot be cut in two"):
        split_theme(store, lone)
