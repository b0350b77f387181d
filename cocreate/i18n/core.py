"""Strings of the import messages, the app shell, the Workshop and Ideas pages."""

STRINGS: dict[str, dict[str, str]] = {
    # where a problem is
    "where.line": {"en": "line", "fr": "ligne"},
    "where.row": {"en": "row", "fr": "ligne"},
    "where.record": {"en": "record", "fr": "enregistrement"},
    "where.column": {"en": "column", "fr": "colonne"},
    # import problems (rows rejected or whole file refused)
    "problem.unreadable": {
        "en": "cannot read this file ({reason})",
        "fr": "impossible de lire ce fichier ({reason})",
    },
    "problem.empty_file": {
        "en": "the file holds no data",
        "fr": "le fichier ne contient aucune donnée",
    },
    "problem.bad_encoding": {
        "en": "cannot decode the file as {encoding} ({reason})",
        "fr": "impossible de décoder le fichier en {encoding} ({reason})",
    },
    "problem.broken_csv": {
        "en": "broken CSV ({reason}); rows after this point were not read",
        "fr": "CSV abîmé ({reason}) ; les lignes suivantes n'ont pas été lues",
    },
    "problem.too_many_fields": {
        "en": "{found} fields where the header has {expected} (a stray delimiter or quote?)",
        "fr": "{found} champs alors que l'en-tête en a {expected} "
        "(séparateur ou guillemet en trop ?)",
    },
    "problem.too_few_fields": {
        "en": "{found} fields where the header has {expected}; missing ones left empty",
        "fr": "{found} champs alors que l'en-tête en a {expected} ; les manquants restent vides",
    },
    "problem.nul_bytes": {
        "en": "NUL bytes removed from the file",
        "fr": "octets NUL retirés du fichier",
    },
    "problem.no_sheet": {
        "en": "no sheet {sheet!r} in this workbook",
        "fr": "pas de feuille {sheet!r} dans ce classeur",
    },
    "problem.other_sheets": {
        "en": "imported sheet {sheet!r}; the workbook has: {sheets}",
        "fr": "feuille {sheet!r} importée ; le classeur contient : {sheets}",
    },
    "problem.no_header": {
        "en": "no header row found: columns are named by letter (A, B, C...)",
        "fr": "pas de ligne d'en-tête : les colonnes sont nommées par lettre (A, B, C...)",
    },
    "problem.sheet_too_large": {
        "en": "a sheet reaches cell {cell} ({columns} columns x {rows} rows), over the "
        "{limit} million cells a sheet may hold; refused",
        "fr": "une feuille va jusqu'à la cellule {cell} ({columns} colonnes x {rows} lignes), "
        "au-delà des {limit} millions de cellules admises ; refusé",
    },
    "problem.read_memory": {
        "en": "reading it needs more than {limit} of memory (text repeated many times, or "
        "a sheet filled far beyond its data?); refused",
        "fr": "sa lecture demande plus de {limit} de mémoire (texte répété de nombreuses fois, "
        "ou feuille remplie bien au-delà de ses données ?) ; refusé",
    },
    "problem.read_time": {
        "en": "could not be read within {seconds} s; refused",
        "fr": "n'a pas pu être lu en {seconds} s ; refusé",
    },
    "problem.read_too_large": {
        "en": "its rows take more than {limit} once read; refused (split the file)",
        "fr": "ses lignes occupent plus de {limit} une fois lues ; refusé (découpez le fichier)",
    },
    "problem.too_deep": {
        "en": "data nested too deeply to be read; refused",
        "fr": "données imbriquées trop profondément pour être lues ; refusé",
    },
    "problem.bad_json": {"en": "invalid JSON ({reason})", "fr": "JSON invalide ({reason})"},
    "problem.not_an_object": {
        "en": "not an object with named fields",
        "fr": "pas un objet avec des champs nommés",
    },
    "problem.unknown_field": {
        "en": "unknown field {field!r}; fields are: {fields}",
        "fr": "champ {field!r} inconnu ; les champs sont : {fields}",
    },
    "problem.no_such_column": {
        "en": "no column {column!r} in the file; columns are: {columns}",
        "fr": "pas de colonne {column!r} dans le fichier ; colonnes : {columns}",
    },
    "problem.no_text_column": {
        "en": "no column holds the idea text; map one (text=COLUMN). Columns: {columns}",
        "fr": "aucune colonne ne contient le texte des idées ; indiquez-la (text=COLONNE). "
        "Colonnes : {columns}",
    },
    "problem.empty_text": {"en": "empty idea text", "fr": "texte de l'idée vide"},
    "problem.text_too_long": {
        "en": "text of {length} characters, over the limit of {limit}",
        "fr": "texte de {length} caractères, au-delà de la limite de {limit}",
    },
    "problem.bad_votes": {
        "en": "votes {value!r} is not a whole number; left empty",
        "fr": "votes {value!r} n'est pas un nombre entier ; laissé vide",
    },
    "problem.bad_created": {
        "en": "date {value!r} not understood; left empty",
        "fr": "date {value!r} non comprise ; laissée vide",
    },
    "problem.repeated_id": {
        "en": "id {id!r} already used on line {first}; kept as a separate idea",
        "fr": "identifiant {id!r} déjà utilisé ligne {first} ; gardé comme idée distincte",
    },
    "import.summary": {
        "en": "{read} rows read: {added} added, {already} already stored, {changed} changed since "
        "the last import (stored version kept), {rejected} rejected; {duplicates} exact "
        "duplicates marked",
        "fr": "{read} lignes lues : {added} ajoutées, {already} déjà présentes, "
        "{changed} modifiées depuis le dernier import (version enregistrée conservée), "
        "{rejected} rejetées ; {duplicates} doublons exacts signalés",
    },
    # app shell
    "app.title": {"en": "cocreate", "fr": "cocreate"},
    "app.language": {"en": "Language", "fr": "Langue"},
    "app.current_workshop": {"en": "Current workshop", "fr": "Atelier en cours"},
    "app.no_workshop": {
        "en": "No workshop selected yet: create or pick one on the Workshop page.",
        "fr": "Aucun atelier choisi : créez-en un ou choisissez-le sur la page Atelier.",
    },
    "app.database": {"en": "Database: {path}", "fr": "Base de données : {path}"},
    "nav.workshop": {"en": "Workshop", "fr": "Atelier"},
    "nav.ideas": {"en": "Ideas", "fr": "Idées"},
    "nav.clusters": {"en": "Clusters", "fr": "Regroupements"},
    # workshop page
    "workshop.header": {"en": "Workshop", "fr": "Atelier"},
    "workshop.pick": {"en": "Open a workshop", "fr": "Ouvrir un atelier"},
    "workshop.pick_label": {"en": "Workshop", "fr": "Atelier"},
    "workshop.option": {"en": "{title} ({ideas} ideas)", "fr": "{title} ({ideas} idées)"},
    "workshop.open": {"en": "Open", "fr": "Ouvrir"},
    "workshop.none_yet": {
        "en": "No workshop yet. Create the first one below.",
        "fr": "Aucun atelier pour l'instant. Créez le premier ci-dessous.",
    },
    "workshop.create": {"en": "Create a workshop", "fr": "Créer un atelier"},
    "workshop.template": {"en": "Start from a template", "fr": "Partir d'un modèle"},
    "workshop.title": {"en": "Title", "fr": "Titre"},
    "workshop.challenge": {
        "en": "Challenge (How might we...?)",
        "fr": "Défi (Comment pourrions-nous... ?)",
    },
    "workshop.workshop_language": {"en": "Workshop language", "fr": "Langue de l'atelier"},
    "workshop.submit": {"en": "Create", "fr": "Créer"},
    "workshop.created": {"en": "Workshop “{title}” created.", "fr": "Atelier « {title} » créé."},
    "workshop.title_required": {
        "en": "A workshop needs a title.",
        "fr": "Un atelier a besoin d'un titre.",
    },
    "workshop.join_code": {"en": "Join code", "fr": "Code pour rejoindre"},
    "workshop.ideas_count": {"en": "Ideas", "fr": "Idées"},
    "workshop.language_value": {"en": "Language", "fr": "Langue"},
    "workshop.go_ideas": {"en": "Go to the ideas", "fr": "Voir les idées"},
    "workshop.phases": {"en": "Phases: {phases}", "fr": "Étapes : {phases}"},
    "lang.fr": {"en": "French", "fr": "Français"},
    "lang.en": {"en": "English", "fr": "Anglais"},
    # ideas page
    "ideas.header": {"en": "Ideas", "fr": "Idées"},
    "ideas.tab_list": {"en": "All ideas", "fr": "Toutes les idées"},
    "ideas.tab_add": {"en": "Add an idea", "fr": "Ajouter une idée"},
    "ideas.tab_import": {"en": "Import a file", "fr": "Importer un fichier"},
    "ideas.text": {"en": "Your idea", "fr": "Votre idée"},
    "ideas.title": {"en": "Title (optional)", "fr": "Titre (facultatif)"},
    "ideas.author": {"en": "Name or pseudonym (optional)", "fr": "Nom ou pseudonyme (facultatif)"},
    "ideas.category": {"en": "Theme (optional)", "fr": "Thème (facultatif)"},
    "ideas.submit": {"en": "Add the idea", "fr": "Ajouter l'idée"},
    "ideas.added": {"en": "Idea added.", "fr": "Idée ajoutée."},
    "ideas.search": {
        "en": "Search (accents and case ignored)",
        "fr": "Rechercher (sans tenir compte des accents)",
    },
    "ideas.filter_source": {"en": "Source", "fr": "Source"},
    "ideas.filter_category": {"en": "Theme", "fr": "Thème"},
    "ideas.filter_language": {"en": "Language", "fr": "Langue"},
    "ideas.filter_duplicates": {"en": "Exact duplicates only", "fr": "Doublons exacts seulement"},
    "ideas.all": {"en": "All", "fr": "Tous"},
    "ideas.shown": {
        "en": "{shown} of {total} ideas shown",
        "fr": "{shown} idées affichées sur {total}",
    },
    "ideas.metric_total": {"en": "Ideas", "fr": "Idées"},
    "ideas.metric_duplicates": {"en": "Exact duplicates", "fr": "Doublons exacts"},
    "ideas.metric_sources": {"en": "Sources", "fr": "Sources"},
    "ideas.metric_languages": {"en": "Languages", "fr": "Langues"},
    "ideas.page": {"en": "Page", "fr": "Page"},
    "ideas.empty": {
        "en": "No ideas yet: add one or import a file.",
        "fr": "Pas encore d'idées : ajoutez-en une ou importez un fichier.",
    },
    "ideas.col_id": {"en": "#", "fr": "n°"},
    "ideas.col_text": {"en": "Idea", "fr": "Idée"},
    "ideas.col_title": {"en": "Title", "fr": "Titre"},
    "ideas.col_author": {"en": "Author", "fr": "Auteur·e"},
    "ideas.col_category": {"en": "Theme", "fr": "Thème"},
    "ideas.col_votes": {"en": "Votes", "fr": "Votes"},
    "ideas.col_created": {"en": "Created", "fr": "Créée le"},
    "ideas.col_language": {"en": "Lang.", "fr": "Langue"},
    "ideas.col_source": {"en": "Source", "fr": "Source"},
    "ideas.col_duplicate_of": {"en": "Same text as #", "fr": "Même texte que n°"},
    "import.upload": {
        "en": "CSV, TSV, Excel (XLSX/XLS/ODS), JSON or JSONL",
        "fr": "CSV, TSV, Excel (XLSX/XLS/ODS), JSON ou JSONL",
    },
    "import.recognised": {"en": "Recognised format: {name}", "fr": "Format reconnu : {name}"},
    "import.generic": {
        "en": "Columns guessed from their names; check them below.",
        "fr": "Colonnes devinées d'après leurs noms ; vérifiez-les ci-dessous.",
    },
    "import.file_info": {
        "en": "{rows} rows · {columns} columns · encoding {encoding} · delimiter {delimiter}",
        "fr": "{rows} lignes · {columns} colonnes · encodage {encoding} · séparateur {delimiter}",
    },
    "import.mapping": {"en": "Which column holds...", "fr": "Quelle colonne contient..."},
    "import.none": {"en": "(none)", "fr": "(aucune)"},
    "import.field.text": {"en": "the idea text", "fr": "le texte de l'idée"},
    "import.field.title": {"en": "the title", "fr": "le titre"},
    "import.field.author": {"en": "the author", "fr": "l'auteur·e"},
    "import.field.category": {"en": "the theme", "fr": "le thème"},
    "import.field.votes": {"en": "the votes", "fr": "les votes"},
    "import.field.created": {"en": "the date", "fr": "la date"},
    "import.field.source_id": {"en": "the id", "fr": "l'identifiant"},
    "import.preview": {"en": "Preview (first rows)", "fr": "Aperçu (premières lignes)"},
    "import.ready": {
        "en": "{ideas} ideas ready, {problems} rows will be rejected.",
        "fr": "{ideas} idées prêtes, {problems} lignes seront rejetées.",
    },
    "import.problems": {"en": "Problems", "fr": "Problèmes"},
    "import.warnings": {"en": "Warnings", "fr": "Avertissements"},
    "import.more": {"en": "... and {count} more", "fr": "... et {count} de plus"},
    "import.submit": {"en": "Import", "fr": "Importer"},
    "import.done": {"en": "Import finished.", "fr": "Import terminé."},
    "import.refused": {"en": "File refused: {message}", "fr": "Fichier refusé : {message}"},
    "import.history": {"en": "Previous imports", "fr": "Imports précédents"},
}
