"""Names without the flaws the second round's names showed: a filler head common to every
group, English verbs, German genitive and adverb debris, capitalised modal verbs, keyboard
mashing."""

import numpy as np

from cocreate.clustering import embed_texts, name_groups, normalise_rows
from cocreate.clustering.clusterer import group_centres
from cocreate.clustering.labels import fold
from cocreate.clustering.names import english_verb, gibberish


def words_of(name) -> set[str]:
    text = " ".join([name.label, *name.keywords])
    return {fold(w) for w in text.replace("·", " ").split()}


def test_a_phrase_common_to_every_group_names_none_of_them():
    topics = ["piste cyclable", "jardin partagé", "fontaine publique", "terrain sportif"]
    texts, labels = [], []
    for group, topic in enumerate(topics):
        for n in range(6):
            texts.append(f"Projet Paris : une {topic} numéro {n} dans le quartier")
            labels.append(group)
    names = name_groups(texts, labels, languages=["fr"] * len(texts))
    for group, topic in enumerate(topics):
        assert fold(topic.split()[0]) in words_of(names[group])
        assert not {"projet", "paris"} & words_of(names[group]), names[group]


def test_english_proposals_are_not_named_by_their_verbs():
    assert english_verb("Identify") and english_verb("prioritize") and english_verb("continue")
    assert not english_verb("housing") and not english_verb("parking")
    texts = [
        "Identify safe bike lanes near schools",
        "Continue funding bike lanes downtown",
        "Identify more bike lanes on main roads",
        "Continue the public library hours",
        "Identify public library funding",
        "Continue to open the public library on Sundays",
    ]
    names = name_groups(texts, [0, 0, 0, 1, 1, 1], languages=["en"] * 6)
    for name in names.values():
        assert not {"identify", "continue"} & words_of(name), name
    assert "bike" in words_of(names[0]) and "library" in words_of(names[1])


def test_german_names_drop_genitive_debris_adverbs_and_capitalised_modals():
    texts = [
        "Ganz Österreich braucht weniger LKW Verkehrs auf der Autobahn",
        "Der LKW Verkehrs auf der Autobahn ist zu laut. Ganz Österreich leidet",
        "Weniger Transit auf der Autobahn, Ganz Österreich will Ruhe",
        "Man DARF das Rauchen im Park nicht erlauben",
        "Rauchen im Park DARF nicht sein",
        "Im Park DARF kein Rauchen sein",
    ]
    names = name_groups(texts, [0, 0, 0, 1, 1, 1], languages=["de"] * 6)
    for name in names.values():
        shown = " · ".join([name.label, *name.keywords])
        assert "Verkehrs" not in shown and "Ganz" not in shown and "DARF" not in shown, shown
    assert "autobahn" in words_of(names[0]) and "park" in words_of(names[1]) | {
        fold(k) for k in names[1].keywords
    }


def test_keyboard_mashing_never_names_a_group():
    for mashed in (
        "asdf",
        "qwertz",
        "xkcdv",
        "aaaah",
        "sdfghj",
        "Asdfasdf",
        "asdjfkalsjdfkl",
        "asdfasdfl;kj",
        "Aisjdfiojsdf",
    ):
        assert gibberish(mashed), mashed
    for word in (
        "Angst",
        "Straße",
        "Champ-de-Mars",
        "SNCF",
        "LKW",
        "Herbst",
        "Wert",
        "property",
        "Haushalt",
        "Rechtsstaat",
    ):
        assert not gibberish(word), word
    texts = [
        "asdf qwerty piste cyclable",
        "asdf piste cyclable sdfghj",
        "qwerty piste cyclable asdf",
        "asdf jardin partagé qwerty",
        "jardin partagé sdfghj asdf",
        "qwerty jardin partagé",
    ]
    names = name_groups(texts, [0, 0, 0, 1, 1, 1], languages=["fr"] * 6)
    for name in names.values():
        assert not {"asdf", "qwerty", "sdfghj"} & words_of(name), name


def named_by_topic(texts, labels, languages, embedder):
    """Names as the pipeline makes them: candidates ranked by the embedder against each
    group's texts nearest its centre."""
    labels = np.array(labels)
    X = normalise_rows(embed_texts(texts, embedder)[0])
    centres = group_centres(X, labels)
    return name_groups(
        texts, labels, languages=languages, vectors=X, centres=centres, embedder=embedder
    )


def test_two_groups_never_open_with_the_same_phrase(use_model):
    """Both groups' texts sit nearest "éducation": the larger keeps it as its first phrase,
    the smaller opens with its next best."""
    texts = ["L'éducation des enfants", "éducation et culture", "Éducation culturelle"]
    texts += ["l'éducation à la culture", "La culture et l'éducation", "éducation"]
    texts += ["Éducation et santé", "L'éducation, la santé", "éducation santé"]
    texts += ["santé, éducation", "l'éducation à la santé"]
    names = named_by_topic(texts, [0] * 6 + [1] * 5, ["fr"] * len(texts), use_model)
    heads = [fold(names[g].label.split(" · ")[0]) for g in (0, 1)]
    assert heads[0] == "education", names
    assert heads[1] == "sante", names


def test_a_name_never_says_its_first_phrase_again_in_another_language(use_model):
    """A bilingual group of trees is "Arbres" (or "Trees"), not "Arbres · trees"; both stay
    keywords, so a filter finds the group in either language."""
    texts = ["More trees along the streets", "Plant trees in the schoolyards"]
    texts += ["Trees for shade in summer", "Des arbres le long des rues"]
    texts += ["Planter des arbres dans les cours d'école", "Des arbres pour l'ombre en été"]
    texts += ["A bus every ten minutes", "Free buses for teenagers"]
    texts += ["Un bus toutes les dix minutes", "Des bus gratuits pour les jeunes"]
    languages = ["en"] * 3 + ["fr"] * 3 + ["en"] * 2 + ["fr"] * 2
    names = named_by_topic(texts, [0] * 6 + [1] * 4, languages, use_model)
    assert fold(names[0].label) in ("arbres", "trees"), names
    assert {"arbres", "trees"} <= {fold(k) for k in names[0].keywords}


def test_two_names_never_hold_the_same_pair_of_phrases():
    """Fountain works in two groups: "Fontaine · aménagements" names the larger one, never
    "Aménagements · fontaine" the other."""
    works = ["Des aménagements, une fontaine", "Aménagements, fontaine"]
    works += ["Les aménagements, la fontaine", "Aménagements, fontaine, bancs"]
    works += ["Des aménagements, et voilà", "Rien, sinon les aménagements"]
    fountain = ["Une fontaine, des aménagements", "La fontaine, les aménagements, un accès"]
    fountain += ["Fontaine, aménagements, accès", "Fontaine, aménagements"]
    fountain += ["Une fontaine, des aménagements", "La fontaine, les aménagements"]
    fountain += ["Fontaine, aménagements", "Une fontaine, et voilà"]
    texts = works + fountain
    names = name_groups(texts, [0] * 6 + [1] * 8, languages=["fr"] * len(texts))
    pairs = [frozenset(fold(p) for p in names[g].label.split(" · ")) for g in (0, 1)]
    assert pairs[1] == {"fontaine", "amenagements"}, names
    assert pairs[0] != pairs[1], names


class ConceptEmbedder:
    """Synthetic vectors (pure math): one axis per concept a text names."""

    model_id = "test-concepts"
    CONCEPTS = ("velo", "piste", "stationnement", "trottoir")

    def encode(self, texts):
        rows = []
        for text in texts:
            words = fold(text).replace(",", " ").replace("·", " ").split()
            row = [float(any(w.startswith(c) for w in words)) for c in self.CONCEPTS]
            rows.append(row + [0.01])
        return normalise_rows(np.array(rows))


def test_a_name_is_chosen_whole_to_tell_its_group_from_the_nearest_other():
    """Bikes: "pistes" is the bike group's closest second phrase, but it is what the other
    group is about; "Vélo · stationnement" tells the bike group apart, "Vélo · pistes" not."""
    bikes = ["Vélo, pistes, stationnement", "Vélo, pistes", "Vélo, pistes, stationnement"]
    bikes += ["Vélo, pistes", "Vélo, stationnement", "Vélo"]
    lanes = ["Pistes, trottoirs"] * 5
    texts, labels = bikes + lanes, np.array([0] * 6 + [1] * 5)
    embedder = ConceptEmbedder()
    X = embedder.encode(texts)
    names = name_groups(
        texts,
        labels,
        languages=["fr"] * len(texts),
        vectors=X,
        centres=group_centres(X, labels),
        embedder=embedder,
    )
    assert names[0].label == "Vélo · stationnement", names
    assert "pistes" in [fold(k) for k in names[0].keywords], names


def test_a_bilingual_group_is_named_in_one_language():
    """Rents in French and homes in English: "Loyers · logement", never "Loyers · homes";
    the English phrase stays a keyword."""
    texts = ["Les loyers trop chers", "Loyers, logement", "Des loyers plus bas"]
    texts += [
        "Les loyers et le logement",
        "cheaper homes",
        "more homes for families",
        "homes, please",
    ]
    texts += ["Un bus la nuit", "Le bus du dimanche", "Bus gratuit", "More buses", "Buses"]
    languages = ["fr"] * 4 + ["en"] * 3 + ["fr"] * 3 + ["en"] * 2
    names = name_groups(texts, [0] * 7 + [1] * 5, languages=languages)
    assert names[0].label == "Loyers · logement", names
    assert "homes" in [fold(k) for k in names[0].keywords], names


def test_english_names_end_on_nouns_and_skip_curly_contractions():
    """No tagger for English: WordNet's parts of speech (spacy-lookups-data) keep words that
    are never nouns ("peaceful", "exist", "confusing") from ending a phrase; "it’s" typed
    with a phone's apostrophe is a stop word like "it's"."""
    from cocreate.clustering.names import english_non_noun

    assert english_non_noun("peaceful") and english_non_noun("exist")
    assert english_non_noun("confusing") and english_non_noun("inflicting")
    for noun in ("equality", "housing", "voting", "raises", "Trump", "Bowling", "embrace"):
        assert not english_non_noun(noun), noun
    # WordNet's verbs that are neither nouns nor adjectives open no phrase; gerunds do
    assert english_verb("Restore") and english_verb("install") and english_verb("protect")
    for opener in ("Legalizing", "plant", "public", "housing", "Affordable"):
        assert not english_verb(opener), opener
    texts = [
        "It’s peaceful, equality matters",
        "Equality, it’s peaceful",
        "It’s time for equality, peaceful and fair",
        "A peaceful compromise, it’s equality",
        "Bus lanes downtown",
        "More bus lanes",
        "Bus lanes for schools",
    ]
    names = name_groups(texts, [0, 0, 0, 0, 1, 1, 1], languages=["en"] * len(texts))
    for name in names.values():
        phrases = [fold(p) for p in [*name.label.split(" · "), *name.keywords]]
        assert "peaceful" not in phrases, name  # "peaceful compromise" may stay
        assert not {"it's", "it’s"} & words_of(name), name
    assert "equality" in words_of(names[0]), names


def test_a_french_infinitive_opening_a_proposal_names_nothing():
    """ "Végétaliser les murs": the tagger reads the capitalised infinitive as a noun; the
    lemma lists know it as a verb and not a noun, so "murs" names the group."""
    from cocreate.clustering.names import french_verb

    assert french_verb("Végétaliser") and french_verb("rénover") and french_verb("Piétonniser")
    for noun in ("dîner", "quartier", "atelier", "avenir", "Saint-Sulpice", "Louvois"):
        assert not french_verb(noun), noun
    texts = ["Végétaliser les murs", "Végétaliser les murs du collège", "Végétaliser nos murs"]
    texts += ["Un banc au square", "Des bancs au square", "Bancs du square"]
    names = name_groups(texts, [0, 0, 0, 1, 1, 1], languages=["fr"] * 6)
    assert "vegetaliser" not in words_of(names[0]), names
    assert fold(names[0].label.split(" · ")[0]) == "murs", names


def test_titles_typed_in_capitals_and_finnish_cases_are_shown_plainly():
    """ "APARCAMIENTO REGULADO" is shown "Aparcamiento regulado", its acronyms kept ("EMT");
    a Finnish word alone is shown in its base form ("Helsinkiin": "Helsinki")."""
    texts = ["APARCAMIENTO REGULADO", "Más APARCAMIENTO REGULADO", "APARCAMIENTO REGULADO ya"]
    texts += ["Autobús EMT nocturno", "Más autobús EMT", "Autobús EMT al barrio"]
    names = name_groups(texts, [0, 0, 0, 1, 1, 1], languages=["es"] * 6)
    assert names[0].label == "Aparcamiento regulado", names
    assert "EMT" in names[1].label, names
    texts = ["Lisää penkkejä Helsinkiin", "Helsinkiin uusi tori", "Helsinkiin lisää"]
    texts += ["Koirapuisto Vallilaan", "Uusi koirapuisto", "Koirapuisto kuntoon"]
    names = name_groups(texts, [0, 0, 0, 1, 1, 1], languages=["fi"] * 6)
    assert names[0].label.split(" · ")[0] == "Helsinki", names
    assert "Helsinkiin" not in names[0].keywords, names  # "Helsinkiin tori" may stay
    # a German noun keeps its capital when the title was shouted
    texts = ["TEMPOLIMIT AUF AUTOBAHNEN", "TEMPOLIMIT AUF AUTOBAHNEN JETZT", "Mehr TEMPOLIMIT"]
    texts += ["Neue Radwege bauen", "Sichere Radwege", "Radwege in der Stadt"]
    names = name_groups(texts, [0, 0, 0, 1, 1, 1], languages=["de"] * 6)
    shown = " ".join([names[0].label, *names[0].keywords])
    assert "Autobahnen" in shown and "AUTOBAHNEN" not in shown, names[0]


def test_a_spanish_infinitive_opening_a_title_names_nothing():
    """No Spanish tagger: the lemma index of spacy-lookups-data knows "plantar" and
    "eliminar" as verbs only, "lugar" and "mejora" as nouns."""
    from cocreate.clustering.names import verb_only

    assert verb_only("Plantar", "es") and verb_only("Eliminar", "es")
    assert not verb_only("Lugar", "es") and not verb_only("mejora", "es")
    texts = ["Plantar árboles en la calle", "Plantar árboles", "Plantar árboles en el parque"]
    texts += ["Eliminar la basura", "Eliminar basura del barrio", "Eliminar basura"]
    names = name_groups(texts, [0, 0, 0, 1, 1, 1], languages=["es"] * 6)
    for name in names.values():
        assert not {"plantar", "eliminar"} & words_of(name), name
    assert "arboles" in words_of(names[0]) and "basura" in words_of(names[1]), names


def test_english_content_words_are_not_stop_words():
    """The stop-words package's English list is a web search list ("computer", "home",
    "website", "test"): content words come back, function words and fillers stay out."""
    from cocreate.clustering.labels import (
        ENGLISH_FUNCTION_WORDS_FILE,
        english_function_words,
        stop_words,
    )

    written = ENGLISH_FUNCTION_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    assert {w for w in written if not w.startswith("#")} == english_function_words(), (
        "regenerate it: python -c 'from cocreate.clustering.labels import"
        " write_english_function_words as w; w()'"
    )
    stops = stop_words("en")
    for word in ("website", "home", "research", "test", "young", "free", "world", "fire"):
        assert word not in stops, word
    for word in ("the", "would", "isn", "going", "said", "thing", "want", "stop"):
        assert word in stops, word
    texts = [
        "The city website is slow on phones",
        "Redesign the city website for blind people",
        "City website: put the bus times online",
        "Free public transport for young people",
        "Young people should ride buses for free",
        "Free transport for young people and students",
        "test 2347862378",
        "test 9836452",
        "test 118736",
    ]
    names = name_groups(texts, [0, 0, 0, 1, 1, 1, 2, 2, 2], languages=["en"] * 9)
    assert "website" in words_of(names[0]), names[0]
    assert {"young", "free"} & words_of(names[1]), names[1]
    assert names[2].label == "Test", names[2]


def test_list_bullets_are_no_part_of_a_name():
    texts = [
        "-Bancs publics près du marché\n-Bancs à l'ombre",
        "•Bancs publics au square\n• Fontaine",
        "*Bancs publics devant l'école",
        "- Jardin partagé\n- Arbres fruitiers",
        "–Jardin partagé au parc",
        "* Jardin partagé et compost",
    ]
    names = name_groups(texts, [0, 0, 0, 1, 1, 1], languages=["fr"] * 6)
    for name in names.values():
        for shown in [name.label, *name.keywords]:
            assert shown[:1].isalpha(), name
    assert names[0].label.startswith("Bancs publics"), names[0]
    assert names[1].label.startswith("Jardin"), names[1]


def test_capitals_inside_a_phrase_and_finnish_genitives_without_their_noun():
    from collections import Counter

    from cocreate.clustering.names import _shown

    # a name shouted inside a phrase is written as a name; function words of a shouted
    # title are lowered, acronyms kept
    assert _shown(Counter({"barrio LUCERO": 2, "BARRIO LUCERO": 3}), "es") == "barrio Lucero"
    assert _shown(Counter({"église SAINT-SULPICE": 2}), "fr") == "église Saint-Sulpice"
    assert _shown(Counter({"APARCAMIENTO EN LA CALLE": 2}), "es") == "aparcamiento en la calle"
    assert _shown(Counter({"ligne RATP": 2}), "fr") == "ligne RATP"
    # accents another writer gave the same words come back; a word written right stays
    assert _shown(Counter({"Tetuan": 3, "Tetuán": 2}), "es") == "Tetuán"
    assert _shown(Counter({"mandat presidentiel": 3, "mandat présidentiel": 1}), "fr") == (
        "mandat présidentiel"
    )
    assert _shown(Counter({"retraite": 3, "retraité": 1}), "fr") == "retraite"
    # "Pitäjänmäen urheilukentän" qualifies a noun it lost: no Finnish phrase ends on a
    # genitive ("urheilukentän" of "urheilukenttä")
    texts = [
        "Pitäjänmäen urheilukentän kunnostus",
        "Pitäjänmäen urheilukentän valaistus",
        "Pitäjänmäen urheilukentän katsomo",
        "Uusi koirapuisto Vallilaan",
        "Koirapuisto kuntoon",
        "Koirapuisto ja penkit",
    ]
    names = name_groups(texts, [0, 0, 0, 1, 1, 1], languages=["fi"] * 6)
    for shown in [names[0].label, *names[0].keywords]:
        assert not shown.endswith("urheilukentän"), names[0]
