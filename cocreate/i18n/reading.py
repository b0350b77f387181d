"""Strings of what reading a hostile or broken file reports (issue 22)."""

STRINGS: dict[str, dict[str, str]] = {
    "problem.damaged_spreadsheet": {
        "en": "the spreadsheet is damaged or not a spreadsheet ({reason}); refused",
        "fr": "le classeur est abîmé ou n'est pas un classeur ({reason}) ; refusé",
    },
    "problem.xml_doctype": {
        "en": "the spreadsheet declares XML entities (a DTD in {part}), which Excel never "
        "writes; refused",
        "fr": "le classeur déclare des entités XML (une DTD dans {part}), ce qu'Excel n'écrit "
        "jamais ; refusé",
    },
    "problem.too_deep_record": {
        "en": "record nested too deeply to be read; rejected",
        "fr": "enregistrement imbriqué trop profondément pour être lu ; rejeté",
    },
    "problem.lone_surrogate": {
        "en": "invalid character (a lone UTF-16 surrogate) replaced by \ufffd",
        "fr": "caractère invalide (un demi-caractère UTF-16 isolé) remplacé par \ufffd",
    },
    "problem.mixed_encoding": {
        "en": "{count} lines were not UTF-8 like the rest of the file: read as {encoding}",
        "fr": "{count} lignes n'étaient pas en UTF-8 comme le reste du fichier : lues en "
        "{encoding}",
    },
    "problem.out_of_range_votes": {
        "en": "votes {value!r} out of range; left empty",
        "fr": "votes {value!r} hors limites ; laissé vide",
    },
    "problem.out_of_range_created": {
        "en": "date {value!r} out of range (years 1 to 9999); left empty",
        "fr": "date {value!r} hors limites (années 1 à 9999) ; laissée vide",
    },
    "problem.bad_votes_skipped": {
        "en": "votes {value!r} is not a whole number; row skipped",
        "fr": "votes {value!r} n'est pas un nombre entier ; ligne écartée",
    },
    "problem.bad_created_skipped": {
        "en": "date {value!r} not understood; row skipped",
        "fr": "date {value!r} non comprise ; ligne écartée",
    },
    "problem.out_of_range_votes_skipped": {
        "en": "votes {value!r} out of range; row skipped",
        "fr": "votes {value!r} hors limites ; ligne écartée",
    },
    "problem.out_of_range_created_skipped": {
        "en": "date {value!r} out of range (years 1 to 9999); row skipped",
        "fr": "date {value!r} hors limites (années 1 à 9999) ; ligne écartée",
    },
    # the Ideas page's choice for rows whose vote count or date cannot be read (0071)
    "import.bad_values": {
        "en": "Rows whose vote count or date cannot be read",
        "fr": "Lignes dont le nombre de votes ou la date est illisible",
    },
    "import.bad_values.keep": {
        "en": "keep the idea without that value",
        "fr": "garder l'idée sans cette valeur",
    },
    "import.bad_values.skip": {
        "en": "skip the row",
        "fr": "écarter la ligne",
    },
}
