"""Names on the real labelled sets (../shared/data, skipped when absent), in French, English and
German: each human-labelled group gets a name that is never only function words, holds no word
of the never-use list and no cut word."""

import csv
from collections import defaultdict

import numpy as np
import pytest

from cocreate.clustering.labels import fold, stop_words
from cocreate.clustering.names import name_groups, never_in_names, reading_languages
from cocreate.language import detect_languages

# (file, delimiter, text columns, label column, language filter)
SETS = [
    ("paris-bp-laureats/bp_laureats_with_descriptions.csv", ",",
     ("Titre du projet lauréat", "description"), "Thématique", None),
    ("actons-postcovid/actons_items.csv", ",", ("title", "text"), "category", None),
    ("polis-opendata/derived/polis_all_comments_pooled.csv", ",", ("text",), "topic", "en"),
    ("polis-opendata/derived/polis_austria_climate_5topics_de.csv", ",", ("text",), "topic", None),
]  # fmt: skip
PER_GROUP, GROUPS = 40, 10


def labelled_groups(data_dir, relative, delimiter, columns, label, language):
    with (data_dir / relative).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=delimiter))
    by_label = defaultdict(list)
    for row in rows:
        text = ". ".join(row[c].strip() for c in columns if row[c].strip())
        if text and row[label] and (language is None or row["language"] == language):
            by_label[row[label]].append(text[:600])
    largest = sorted(by_label, key=lambda k: -len(by_label[k]))[:GROUPS]
    texts = [t for k in largest for t in by_label[k][:PER_GROUP]]
    labels = np.repeat(np.arange(len(largest)), [len(by_label[k][:PER_GROUP]) for k in largest])
    return texts, labels


@pytest.mark.parametrize("relative,delimiter,columns,label,language", SETS)
def test_names_on_real_sets_are_never_only_function_words(
    data_dir, relative, delimiter, columns, label, language
):
    texts, labels = labelled_groups(data_dir, relative, delimiter, columns, label, language)
    languages = detect_languages(texts, default="fr")
    names = name_groups(texts, labels, languages=languages)
    main = reading_languages(languages)
    never = never_in_names()
    for group, found in names.items():
        assert found.label, f"group {group} of {relative} has no name"
        words = [fold(w) for w in found.label.replace("·", " ").replace("-", " ").split()]
        language = main[int(np.flatnonzero(labels == group)[0])]
        content = [w for w in words if w.strip("'’") and w not in stop_words(language)]
        assert content, f"{found.label!r} ({relative}) is only function words"
        assert not set(words) & never, f"{found.label!r} holds a never-use word"
        # every word of the name is a whole word of the group's texts (nothing cut)
        written = {fold(w.strip(".,;:!?()«»\"'")) for t in texts for w in t.split()}
        assert all(any(w in x for x in written) for w in content), found.label


def test_a_stray_language_guess_is_read_as_the_main_language():
    found = ["fr"] * 97 + ["pt", "nl", "en"]
    assert reading_languages(found) == ["fr"] * 100
    mixed = ["de"] * 50 + ["en"] * 45 + ["fr"] * 5
    assert reading_languages(mixed) == mixed
