"""Strings of the Clusters page."""

STRINGS: dict[str, dict[str, str]] = {
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
    "clusters.n_clusters_auto": {"en": "auto", "fr": "auto"},  # fits the narrow field
    "clusters.seed": {"en": "Seed", "fr": "Graine"},
    "clusters.seed_help": {
        "en": "Same ideas, same seed and same model give the same groups.",
        "fr": "Mêmes idées, même graine et même modèle donnent les mêmes groupes.",
    },
    "clusters.model": {"en": "Language model", "fr": "Modèle de langue"},
    "clusters.model_default": {
        "en": "Default: {model}",
        "fr": "Par défaut : {model}",
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
    "clusters.finest": {
        "en": "These ideas split no finer: more groups would leave ideas alone or in pairs, so a "
        "coarser grouping was used. For more groups anyway, give a number of groups.",
        "fr": "Ces idées ne se divisent pas davantage : plus de groupes laisseraient des idées "
        "seules ou par deux, un regroupement moins fin a donc été retenu. Pour plus de groupes "
        "malgré tout, indiquez un nombre de groupes.",
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
    "clusters.never_title": {
        "en": "Words never used in names",
        "fr": "Mots jamais utilisés dans les noms",
    },
    "clusters.never_help": {
        "en": "A word added here never names a group or a theme again, in any workshop: the"
        " names are made again at once, and names you typed yourself stay. {installed} words"
        " of the installed list (slurs, insults) are left out too.",
        "fr": "Un mot ajouté ici ne nomme plus jamais un groupe ni un thème, dans aucun"
        " atelier : les noms sont refaits aussitôt, et ceux que vous avez saisis restent."
        " {installed} mots de la liste installée (injures, insultes) sont aussi écartés.",
    },
    "clusters.never_word": {"en": "Word", "fr": "Mot"},
    "clusters.never_add": {"en": "Never use", "fr": "Ne plus utiliser"},
    "clusters.never_renaming": {"en": "Naming the groups again…", "fr": "Noms refaits…"},
    "clusters.never_added": {
        "en": "“{word}” will never name a group or a theme: the names were made again.",
        "fr": "« {word} » ne nommera plus aucun groupe ni thème : les noms ont été refaits.",
    },
    "clusters.never_removed": {
        "en": "“{word}” may name groups again: the names were made again.",
        "fr": "« {word} » peut de nouveau nommer des groupes : les noms ont été refaits.",
    },
    "clusters.never_refused": {"en": "Not added: {reason}", "fr": "Non ajouté : {reason}"},
    "clusters.never_changed": {
        "en": "That word was already allowed again by someone else.",
        "fr": "Ce mot a déjà été réautorisé par quelqu'un d'autre.",
    },
    "clusters.never_line": {
        "en": "**{word}** · added by {by}, {when}",
        "fr": "**{word}** · ajouté par {by}, {when}",
    },
    "clusters.never_remove": {"en": "Allow again", "fr": "Réautoriser"},
    "clusters.dup_page": {"en": "Page", "fr": "Page"},
    "clusters.dup_range": {
        "en": "groups {first}-{last} of {total}, largest and most voted first",
        "fr": "groupes {first} à {last} sur {total}, les plus grands et les plus votés d'abord",
    },
    "clusters.dup_keep": {"en": "Idea kept", "fr": "Idée gardée"},
    "clusters.dup_kept": {
        "en": "The idea kept: the ones switched on merge into it.",
        "fr": "L'idée gardée : celles qui sont cochées y sont fusionnées.",
    },
    "clusters.dup_pick": {"en": "Merge #{id}", "fr": "Fusionner le n°{id}"},
    "clusters.not_duplicate": {"en": "Not a duplicate", "fr": "Pas un doublon"},
    "clusters.not_duplicate_help": {
        "en": "Take this idea out of the group: it is not suggested again, even after grouping "
        "again, unless the mark is undone.",
        "fr": "Sortir cette idée du groupe : elle n'est plus proposée, même après un nouveau "
        "regroupement, sauf si la marque est annulée.",
    },
    "clusters.marked_not_duplicate": {
        "en": "Idea #{id} is no longer suggested as a duplicate.",
        "fr": "L'idée n°{id} n'est plus proposée comme doublon.",
    },
    "clusters.dup_changed": {
        "en": "This group changed meanwhile: here it is as it stands now.",
        "fr": "Ce groupe a changé entre-temps : le voici tel qu'il est maintenant.",
    },
    "clusters.not_duplicates": {
        "en": "Ideas marked “not a duplicate” ({count})",
        "fr": "Idées marquées « pas un doublon » ({count})",
    },
    "clusters.not_duplicate_line": {
        "en": "{idea} “{text}” · marked by {by} on {when}",
        "fr": "{idea} « {text} » · marquée par {by} le {when}",
    },
    "clusters.by_facilitator": {"en": "the facilitator", "fr": "l'animateur"},
    "clusters.not_duplicate_undone": {
        "en": "Idea #{id} is suggested with its near-duplicates again.",
        "fr": "L'idée n°{id} est de nouveau proposée avec ses quasi-doublons.",
    },
    "clusters.more_not_duplicates": {
        "en": "... and {count} earlier marks",
        "fr": "... et {count} marques plus anciennes",
    },
    # the theme tree (issue 20): themes holding groups, a level switch, theme edits
    "clusters.metric_themes": {"en": "Themes", "fr": "Thèmes"},
    "clusters.level": {"en": "Show", "fr": "Afficher"},
    "clusters.level.themes": {"en": "Themes and their groups", "fr": "Thèmes et leurs groupes"},
    "clusters.level.groups": {"en": "Groups", "fr": "Groupes"},
    "clusters.theme_caption": {
        "en": "{size} ideas · groups: {groups}",
        "fr": "{size} idées · groupes : {groups}",
    },
    "clusters.theme_of_card": {"en": "Theme: {label}", "fr": "Thème : {label}"},
    "clusters.no_themes": {
        "en": "This grouping has no themes yet: group the ideas again to build them.",
        "fr": "Ce regroupement n'a pas encore de thèmes : regroupez à nouveau les idées "
        "pour les construire.",
    },
    "clusters.theme_secondary": {
        "en": "Ideas of other themes that also touch this one: {count}",
        "fr": "Idées d'autres thèmes qui touchent aussi celui-ci : {count}",
    },
    "clusters.theme_secondary_caption": {
        "en": "Closest first; the number is the idea's similarity to this theme.",
        "fr": "Les plus proches d'abord ; le nombre est la similarité de l'idée à ce thème.",
    },
    "clusters.themes_title": {"en": "Themes", "fr": "Thèmes"},
    "clusters.theme_pick": {"en": "Theme", "fr": "Thème"},
    "clusters.theme_option": {
        "en": "{label} ({groups} groups, {size} ideas)",
        "fr": "{label} ({groups} groupes, {size} idées)",
    },
    "clusters.theme_save_label": {"en": "Rename the theme", "fr": "Renommer le thème"},
    "clusters.theme_renamed": {
        "en": "Theme renamed “{label}”.",
        "fr": "Thème renommé « {label} ».",
    },
    "clusters.theme_pin": {"en": "Pin the theme", "fr": "Épingler le thème"},
    "clusters.theme_unpin": {"en": "Unpin the theme", "fr": "Désépingler le thème"},
    "clusters.theme_pin_help": {
        "en": "A pinned theme keeps its groups when the ideas are grouped again.",
        "fr": "Un thème épinglé garde ses groupes quand les idées sont regroupées à nouveau.",
    },
    "clusters.theme_pinned_done": {"en": "Theme pinned.", "fr": "Thème épinglé."},
    "clusters.theme_unpinned_done": {"en": "Theme unpinned.", "fr": "Thème désépinglé."},
    "clusters.theme_split": {"en": "Split the theme in two", "fr": "Couper le thème en deux"},
    "clusters.theme_split_help": {
        "en": "Its groups go into two themes by meaning; both are pinned.",
        "fr": "Ses groupes sont répartis en deux thèmes selon leur sens ; les deux sont épinglés.",
    },
    "clusters.theme_split_done": {
        "en": "Theme split: the new theme is “{label}”.",
        "fr": "Thème coupé : le nouveau thème s'appelle « {label} ».",
    },
    "clusters.theme_merge_pick": {"en": "Themes to merge", "fr": "Thèmes à fusionner"},
    "clusters.theme_merge_submit": {"en": "Merge the themes", "fr": "Fusionner les thèmes"},
    "clusters.theme_merge_help": {
        "en": "The groups of all these themes go under the first one, which is pinned.",
        "fr": "Les groupes de tous ces thèmes passent sous le premier, qui est épinglé.",
    },
    "clusters.themes_merged": {"en": "{count} themes merged.", "fr": "{count} thèmes fusionnés."},
    "clusters.group_move_pick": {"en": "Group to move", "fr": "Groupe à déplacer"},
    "clusters.group_move_to": {"en": "Under the theme", "fr": "Sous le thème"},
    "clusters.group_move_submit": {"en": "Move the group", "fr": "Déplacer le groupe"},
    "clusters.group_moved": {
        "en": "Group moved under “{label}”.",
        "fr": "Groupe déplacé sous « {label} ».",
    },
    # the groups level narrowed to one theme; an idea's second theme on its line
    "clusters.wall_theme": {"en": "Groups of the theme", "fr": "Groupes du thème"},
    "clusters.wall_theme_all": {"en": "all themes", "fr": "tous les thèmes"},
    "clusters.note_second_theme": {"en": "2nd theme: {label}", "fr": "2e thème : {label}"},
    "clusters.theme_open_groups": {
        "en": "See its {count} groups as cards",
        "fr": "Voir ses {count} groupes en cartes",
    },
    "clusters.theme_open_group": {
        "en": "See its group as a card",
        "fr": "Voir son groupe en carte",
    },
    "clusters.theme_option_one": {
        "en": "{label} (1 group, {size} ideas)",
        "fr": "{label} (1 groupe, {size} idées)",
    },
    "clusters.theme_merge_placeholder": {"en": "Choose themes", "fr": "Choisissez des thèmes"},
}
