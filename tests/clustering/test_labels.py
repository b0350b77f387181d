"""Keywords and labels of groups of ideas."""

from cocreate.clustering.labels import cluster_keywords, label_from_keywords


def test_french_stop_words_never_become_keywords():
    texts = [
        "Il faut plus de pistes cyclables pour les vélos dans la ville",
        "Des pistes cyclables sécurisées, c'est ce qu'il faut pour le vélo",
        "On voudrait des arbres et des fleurs dans les parcs de la ville",
        "Planter des arbres dans les parcs, c'est une bonne idée",
    ]
    keywords = cluster_keywords(texts, [0, 0, 1, 1], languages=["fr"] * 4)
    assert keywords[0][0] == "pistes cyclables"
    assert "vélo" in keywords[0] or "vélos" in keywords[0]
    assert "arbres" in keywords[1] and "parcs" in keywords[1]
    words = {w for kws in keywords.values() for kw in kws for w in kw.split()}
    assert not words & {"il", "faut", "de", "des", "les", "la", "pour", "c'est", "dans", "et"}


def test_a_two_word_keyword_replaces_its_word_and_a_label_never_repeats_a_word():
    repair = [
        "A repair café in the library every month",
        "Open a repair café near the station",
        "The repair café should fix bikes too",
        "Repair café with volunteers on Saturdays",
        "Repair shops for phones",
    ]
    bikes = [
        "Plus de vélos en libre-service",
        "Un parking vélo à la gare",
        "Des vélos pour les enfants",
        "Réparer son vélo au marché",
        "Un vélo électrique prêté par la mairie",
        "Le vélo électrique pour monter la colline",
    ]
    keywords = cluster_keywords(
        repair + bikes, [0] * 5 + [1] * 6, languages=["en"] * 5 + ["fr"] * 6
    )
    # "repair café" is 4 of the 5 uses of "repair": it takes its place
    assert keywords[0][0] == "repair café" and "repair" not in keywords[0]
    # "vélo électrique" is 2 of 6: "vélo" stays first, the label passes over the phrase
    assert keywords[1][0] in {"vélo", "vélos"}
    label = label_from_keywords(keywords[1])
    assert label.lower().count("vélo") == 1, label
    assert label_from_keywords(["vélo", "vélos", "vélo électrique", "gare"]) == "Vélo · gare"
    # both of its words chosen: the phrase replaces them, however often each is used alone
    streets = cluster_keywords(
        [
            "School streets closed to cars",
            "More school streets",
            "Safer street crossings near every school",
            "A school garden and a quiet street",
            "Street trees by the school",
            "School bus on our street",
        ],
        [0] * 6,
        languages=["en"] * 6,
    )
    assert streets[0][0] == "school streets" and not {"school", "street"} & set(streets[0])
    # French and English stem "café" apart: the keyword is still shown once
    mixed = cluster_keywords(
        ["Un repair café le samedi", "Le repair café de la gare", "A repair café on Sunday"],
        [0, 0, 0],
        languages=["fr", "fr", "en"],
    )
    assert mixed[0].count("repair café") == 1, mixed


def test_a_label_keeps_to_the_main_language_of_its_group():
    texts = [
        "Mow the grass less often and let wild meadows grow",
        "Stop mowing: mow the verges twice a year, meadows for bees",
        "Mow less, leave meadows for insects",
        "Planter des arbres et des fleurs le long des rues",
        "Des arbres et des fleurs sur les places",
        "Plus d'arbres dans les cours d'école",
        "Des arbres fruitiers dans le parc",
        "Le marché du samedi sur la place de la mairie",
        "Un marché de producteurs le dimanche",
    ]
    languages = ["en"] * 3 + ["fr"] * 6
    keywords = cluster_keywords(texts, [0] * 7 + [1] * 2, languages=languages)
    # "mow" scores above "fleurs"; both stay keywords, the French ones lead the label
    assert {"arbres", "fleurs", "mow", "meadows"} <= set(keywords[0])
    assert label_from_keywords(keywords[0]) == "Arbres · fleurs"


def test_a_small_group_where_no_word_repeats_still_gets_a_name():
    texts = [
        "Des toilettes publiques propres et gratuites près du parc, ouvertes la nuit, avec "
        "un point d'eau potable et des bancs",
        "Un marché bio le samedi matin",
        "Un marché de producteurs le samedi",
        "Le marché du samedi plus grand",
    ]
    keywords = cluster_keywords(texts, [0, 1, 1, 1], languages=["fr"] * 4)
    assert len(keywords[0]) >= 2  # none of its words repeats, it is named all the same
    assert keywords[1][0] == "marché"
