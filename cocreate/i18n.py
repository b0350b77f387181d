"""The one translation table: every string a person reads, in English and French.

``t(key, lang, **values)`` formats the string; an unknown key raises ``KeyError`` so a
missing translation fails a test instead of showing a key on the projected screen.
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "STRINGS", "t", "language_name"]

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

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
    # clusters page
    "clusters.header": {"en": "Clusters", "fr": "Regroupements"},
    "clusters.no_ideas": {
        "en": "No ideas to group yet: add or import some on the Ideas page.",
        "fr": "Pas encore d'idées à regrouper : ajoutez-en ou importez-en sur la page Idées.",
    },
    "clusters.not_yet": {
        "en": "The {ideas} ideas of this workshop are not grouped yet.",
        "fr": "Les {ideas} idées de cet atelier ne sont pas encore regroupées.",
    },
    "clusters.run": {"en": "Cluster the ideas", "fr": "Regrouper les idées"},
    "clusters.rerun": {"en": "Re-cluster", "fr": "Regrouper à nouveau"},
    "clusters.rerun_help": {
        "en": "Pinned groups keep their ideas and names you edited are kept: "
        "only the other ideas are grouped again.",
        "fr": "Les groupes épinglés gardent leurs idées et les noms que vous avez modifiés "
        "sont conservés : seules les autres idées sont regroupées à nouveau.",
    },
    "clusters.granularity": {"en": "Size of the groups", "fr": "Taille des groupes"},
    "clusters.granularity.0.5": {"en": "few, large groups", "fr": "peu de grands groupes"},
    "clusters.granularity.0.75": {"en": "fewer groups", "fr": "moins de groupes"},
    "clusters.granularity.1.0": {"en": "standard", "fr": "standard"},
    "clusters.granularity.1.5": {"en": "more groups", "fr": "plus de groupes"},
    "clusters.granularity.2.0": {"en": "many small groups", "fr": "beaucoup de petits groupes"},
    "clusters.n_clusters": {"en": "Number of groups", "fr": "Nombre de groupes"},
    "clusters.n_clusters_help": {
        "en": "Leave empty to let the size of the groups decide; pinned groups count.",
        "fr": "Laissez vide pour que la taille des groupes décide ; les groupes épinglés comptent.",
    },
    "clusters.n_clusters_auto": {"en": "automatic", "fr": "automatique"},
    "clusters.seed": {"en": "Seed", "fr": "Graine"},
    "clusters.seed_help": {
        "en": "Same ideas, same seed and same model give the same groups.",
        "fr": "Mêmes idées, même graine et même modèle donnent les mêmes groupes.",
    },
    "clusters.model": {"en": "Language model", "fr": "Modèle de langue"},
    "clusters.model_default": {
        "en": "Default for this workshop ({model})",
        "fr": "Par défaut pour cet atelier ({model})",
    },
    "clusters.reading": {"en": "Reading the ideas...", "fr": "Lecture des idées..."},
    "clusters.embedding": {
        "en": "Reading the ideas: {done} of {total} new texts",
        "fr": "Lecture des idées : {done} textes nouveaux sur {total}",
    },
    "clusters.embedding_cached": {
        "en": "Every text was read before (from the cache)",
        "fr": "Tous les textes ont déjà été lus (depuis le cache)",
    },
    "clusters.grouping": {"en": "Grouping the ideas...", "fr": "Regroupement des idées..."},
    "clusters.summary": {
        "en": "{ideas} ideas grouped with {model} (seed {seed}): {clusters} groups, {loose} loose "
        "ideas, {duplicates} groups of near-duplicates; {computed} texts embedded, {cached} "
        "from the cache.",
        "fr": "{ideas} idées regroupées avec {model} (graine {seed}) : {clusters} groupes, "
        "{loose} idées à l'écart, {duplicates} groupes de quasi-doublons ; {computed} textes "
        "encodés, {cached} repris du cache.",
    },
    "clusters.last_run": {
        "en": "Last grouping {date} · model {model} · seed {seed} · {ideas} ideas",
        "fr": "Dernier regroupement le {date} · modèle {model} · graine {seed} · {ideas} idées",
    },
    "clusters.metric_clusters": {"en": "Groups", "fr": "Groupes"},
    "clusters.metric_ideas": {"en": "Ideas on the wall", "fr": "Idées au mur"},
    "clusters.metric_loose": {"en": "Loose ideas", "fr": "Idées à l'écart"},
    "clusters.metric_duplicates": {"en": "Duplicates to review", "fr": "Doublons à examiner"},
    "clusters.waiting": {
        "en": "{count} new ideas are not on the wall yet.",
        "fr": "{count} nouvelles idées ne sont pas encore au mur.",
    },
    "clusters.place": {
        "en": "Put them in the nearest groups",
        "fr": "Les placer dans les groupes les plus proches",
    },
    "clusters.placed": {
        "en": "{count} new ideas placed on the wall.",
        "fr": "{count} nouvelles idées placées au mur.",
    },
    "clusters.download_csv": {"en": "Download (CSV)", "fr": "Télécharger (CSV)"},
    "clusters.download_jsonl": {"en": "Download (JSONL)", "fr": "Télécharger (JSONL)"},
    "clusters.tab_wall": {"en": "Wall", "fr": "Mur"},
    "clusters.tab_map": {"en": "Map", "fr": "Carte"},
    "clusters.tab_duplicates": {"en": "Duplicates ({count})", "fr": "Doublons ({count})"},
    "clusters.tab_edit": {"en": "Edit", "fr": "Modifier"},
    "clusters.sort": {"en": "Order", "fr": "Ordre"},
    "clusters.sort.size": {"en": "largest first", "fr": "les plus grands d'abord"},
    "clusters.sort.votes": {"en": "most votes first", "fr": "les plus soutenus d'abord"},
    "clusters.sort.label": {"en": "by name", "fr": "par nom"},
    "clusters.card_size": {"en": "{size} ideas", "fr": "{size} idées"},
    "clusters.card_loose": {"en": "{count} loose", "fr": "{count} à l'écart"},
    "clusters.pinned": {"en": "pinned", "fr": "épinglé"},
    "clusters.unnamed": {"en": "(no name)", "fr": "(sans nom)"},
    "clusters.votes_short": {"en": "{votes} votes", "fr": "{votes} votes"},
    "clusters.members": {"en": "All {count} ideas", "fr": "Les {count} idées"},
    "clusters.members_caption": {
        "en": "Closest to the group's centre first (1 = same meaning).",
        "fr": "Les plus proches du centre du groupe d'abord (1 = même sens).",
    },
    "clusters.idea_ref": {"en": "#{id}", "fr": "n°{id}"},
    "clusters.merge_placeholder": {"en": "Choose groups", "fr": "Choisissez des groupes"},
    "clusters.members_more": {
        "en": "The {shown} closest to the centre are shown; {more} more are in the export.",
        "fr": "Les {shown} plus proches du centre sont affichées ; {more} de plus dans l'export.",
    },
    "clusters.more_cards": {
        "en": "{shown} groups shown on the wall; the {more} others are in the table below.",
        "fr": "{shown} groupes affichés au mur ; les {more} autres sont dans le tableau "
        "ci-dessous.",
    },
    "clusters.table": {"en": "Every group as a table", "fr": "Tous les groupes en tableau"},
    "clusters.col_idea": {"en": "Idea", "fr": "Idée"},
    "clusters.col_votes": {"en": "Votes", "fr": "Votes"},
    "clusters.col_label": {"en": "Group", "fr": "Groupe"},
    "clusters.col_size": {"en": "Ideas", "fr": "Idées"},
    "clusters.col_keywords": {"en": "Keywords", "fr": "Mots-clés"},
    "clusters.col_pinned": {"en": "Pinned", "fr": "Épinglé"},
    "clusters.note_loose": {"en": "loose: check it", "fr": "à l'écart : à vérifier"},
    "clusters.note_manual": {"en": "moved by hand", "fr": "déplacée à la main"},
    "clusters.note_merged": {"en": "repeats #{id}", "fr": "reprend le n°{id}"},
    "clusters.map_caption": {
        "en": "Each point is an idea, placed near the ideas that mean the same; colours are "
        "groups, triangles are loose ideas. Hover over a point to read it.",
        "fr": "Chaque point est une idée, placée près des idées de même sens ; les couleurs sont "
        "les groupes, les triangles les idées à l'écart. Survolez un point pour le lire.",
    },
    "clusters.map_legend_hint": {
        "en": "Click a group in the legend to light up its ideas (double-click to see all).",
        "fr": "Cliquez sur un groupe de la légende pour éclairer ses idées (double-clic pour "
        "tout revoir).",
    },
    "clusters.map_sample": {
        "en": "{shown} of {total} ideas drawn (a fixed sample) to keep the map fluid.",
        "fr": "{shown} idées dessinées sur {total} (un échantillon fixe) pour garder la carte "
        "fluide.",
    },
    "clusters.map_empty": {"en": "No map positions yet.", "fr": "Pas encore de positions."},
    "clusters.duplicates_caption": {
        "en": "Ideas that say the same thing in other words. Merging keeps every idea, every "
        "author and every vote: the ideas count together under the one with most votes, and "
        "a merge can be undone.",
        "fr": "Des idées qui disent la même chose autrement. Fusionner garde chaque idée, "
        "chaque auteur·e et chaque vote : les idées comptent ensemble sous celle qui a le plus "
        "de votes, et une fusion peut être annulée.",
    },
    "clusters.no_duplicates": {
        "en": "No near-duplicates left to review.",
        "fr": "Plus aucun quasi-doublon à examiner.",
    },
    "clusters.merge_ideas": {
        "en": "Merge these {count} ideas",
        "fr": "Fusionner ces {count} idées",
    },
    "clusters.ideas_merged": {"en": "{count} ideas merged.", "fr": "{count} idées fusionnées."},
    "clusters.more_duplicates": {
        "en": "... and {count} more groups of duplicates",
        "fr": "... et {count} autres groupes de doublons",
    },
    "clusters.merges": {"en": "Merged ideas", "fr": "Idées fusionnées"},
    "clusters.merge_line": {
        "en": "{primary} “{text}” also counts: {merged}",
        "fr": "{primary} « {text} » compte aussi : {merged}",
    },
    "clusters.undo": {"en": "Undo", "fr": "Annuler"},
    "clusters.undone": {"en": "Merge undone.", "fr": "Fusion annulée."},
    "clusters.more_merges": {
        "en": "... and {count} earlier merges",
        "fr": "... et {count} fusions plus anciennes",
    },
    "clusters.edit_one": {"en": "One group", "fr": "Un groupe"},
    "clusters.pick": {"en": "Group", "fr": "Groupe"},
    "clusters.option": {"en": "{label} ({size} ideas)", "fr": "{label} ({size} idées)"},
    "clusters.label": {"en": "Name", "fr": "Nom"},
    "clusters.save_label": {"en": "Save the name", "fr": "Enregistrer le nom"},
    "clusters.label_required": {
        "en": "A group needs a name.",
        "fr": "Un groupe a besoin d'un nom.",
    },
    "clusters.renamed": {"en": "Group renamed “{label}”.", "fr": "Groupe renommé « {label} »."},
    "clusters.pin": {"en": "Pin", "fr": "Épingler"},
    "clusters.unpin": {"en": "Unpin", "fr": "Désépingler"},
    "clusters.pin_help": {
        "en": "A pinned group keeps its ideas when the wall is re-clustered.",
        "fr": "Un groupe épinglé garde ses idées quand le mur est regroupé à nouveau.",
    },
    "clusters.pinned_done": {"en": "Group pinned.", "fr": "Groupe épinglé."},
    "clusters.unpinned_done": {"en": "Group unpinned.", "fr": "Groupe désépinglé."},
    "clusters.split": {"en": "Split in two", "fr": "Couper en deux"},
    "clusters.split_help": {
        "en": "Cut the group in two by meaning; both parts are pinned.",
        "fr": "Couper le groupe en deux selon le sens ; les deux parties sont épinglées.",
    },
    "clusters.split_done": {
        "en": "Group split: “{first}” and “{second}”.",
        "fr": "Groupe coupé : « {first} » et « {second} ».",
    },
    "clusters.merge_title": {"en": "Merge groups", "fr": "Fusionner des groupes"},
    "clusters.merge_pick": {
        "en": "Groups to merge (the first one chosen keeps its name)",
        "fr": "Groupes à fusionner (le premier choisi garde son nom)",
    },
    "clusters.merge_label": {"en": "New name (optional)", "fr": "Nouveau nom (facultatif)"},
    "clusters.merge_submit": {"en": "Merge the groups", "fr": "Fusionner les groupes"},
    "clusters.merge_help": {
        "en": "All the ideas go into one group, which is pinned.",
        "fr": "Toutes les idées vont dans un seul groupe, qui est épinglé.",
    },
    "clusters.merged": {"en": "{count} groups merged.", "fr": "{count} groupes fusionnés."},
    "clusters.move_title": {"en": "Move an idea", "fr": "Déplacer une idée"},
    "clusters.move_from": {"en": "From the group", "fr": "Du groupe"},
    "clusters.move_idea": {"en": "Idea", "fr": "Idée"},
    "clusters.move_to": {"en": "To the group", "fr": "Vers le groupe"},
    "clusters.move_submit": {"en": "Move the idea", "fr": "Déplacer l'idée"},
    "clusters.move_help": {
        "en": "The receiving group is pinned so the move stays after a re-clustering.",
        "fr": "Le groupe qui reçoit l'idée est épinglé pour que le déplacement reste après un "
        "nouveau regroupement.",
    },
    "clusters.moved": {"en": "Idea moved to “{label}”.", "fr": "Idée déplacée vers « {label} »."},
    "clusters.recluster_title": {"en": "Group again", "fr": "Regrouper à nouveau"},
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The string ``key`` in ``lang`` (French when unknown), filled with ``values``."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def language_name(code: str, lang: str = DEFAULT_LANGUAGE) -> str:
    key = f"lang.{code}"
    return t(key, lang) if key in STRINGS else code
