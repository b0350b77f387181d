"""Strings of the workshop report (cocreate.report), the `cocreate report` command and the
Export page."""

STRINGS: dict[str, dict[str, str]] = {
    # the report
    "report.title": {"en": "Workshop report", "fr": "Rapport d'atelier"},
    "report.generated": {"en": "Written on {date}", "fr": "Établi le {date}"},
    "report.privacy_on": {
        "en": "Personal data in the ideas (names, e-mail addresses, phone numbers, postal "
        "addresses...) is replaced by a placeholder such as [NAME] or [PHONE].",
        "fr": "Les données personnelles des idées (noms, adresses e-mail, numéros de "
        "téléphone, adresses postales...) sont remplacées par un repère comme [NAME] ou "
        "[PHONE].",
    },
    "report.privacy_off": {
        "en": "Ideas are printed as written: personal data was NOT removed. Do not circulate "
        "this report outside the team.",
        "fr": "Les idées sont reproduites telles qu'écrites : les données personnelles n'ont "
        "PAS été retirées. Ne diffusez pas ce rapport hors de l'équipe.",
    },
    "report.privacy_kept": {
        "en": "Kept as written: {words}.",
        "fr": "Conservés tels quels : {words}.",
    },
    "report.contents": {"en": "Contents", "fr": "Sommaire"},
    "report.section.challenge": {"en": "The challenge", "fr": "Le défi"},
    "report.section.participation": {"en": "Participation", "fr": "Participation"},
    "report.section.clusters": {
        "en": "Themes and groups of ideas",
        "fr": "Thèmes et groupes d'idées",
    },
    "report.section.scores": {
        "en": "Desirability, feasibility, viability",
        "fr": "Désirabilité, faisabilité, viabilité",
    },
    "report.section.stakeholders": {"en": "Stakeholders", "fr": "Acteurs"},
    "report.section.decisions": {"en": "Decisions", "fr": "Décisions"},
    "report.no_challenge": {
        "en": "No challenge was written for this workshop.",
        "fr": "Aucun défi n'a été formulé pour cet atelier.",
    },
    "report.figure.ideas": {"en": "Ideas", "fr": "Idées"},
    "report.figure.participants": {"en": "Named authors", "fr": "Auteurs nommés"},
    "report.figure.groups": {"en": "Groups of ideas", "fr": "Groupes d'idées"},
    "report.figure.raters": {"en": "Raters", "fr": "Évaluateurs"},
    "report.figure.dates": {"en": "Ideas written", "fr": "Idées écrites"},
    "report.figure.from_to": {"en": "from {first} to {last}", "fr": "du {first} au {last}"},
    "report.figure.rounds": {"en": "Scoring rounds", "fr": "Tours d'évaluation"},
    "report.figure.languages": {"en": "Languages of the ideas", "fr": "Langues des idées"},
    "report.figure.sources": {"en": "Sources", "fr": "Sources"},
    "report.participants_note": {
        "en": "Named authors counts the distinct authors given with the ideas; ideas typed "
        "in the room without a name are not counted there.",
        "fr": "Les auteurs nommés sont les auteurs distincts indiqués avec les idées ; les "
        "idées saisies dans la salle sans nom n'y sont pas comptées.",
    },
    "report.no_clusters": {
        "en": "The ideas have not been grouped yet.",
        "fr": "Les idées n'ont pas encore été regroupées.",
    },
    "report.clusters_lead": {
        "en": "{groups} groups of similar ideas, gathered in {themes} themes. Each group "
        "shows its key words and the ideas closest to its centre.",
        "fr": "{groups} groupes d'idées proches, réunis en {themes} thèmes. Chaque groupe "
        "montre ses mots-clés et les idées les plus proches de son centre.",
    },
    "report.ideas_count": {"en": "· {count} ideas", "fr": "· {count} idées"},
    "report.theme_count": {
        "en": "· {groups} groups, {count} ideas",
        "fr": "· {groups} groupes, {count} idées",
    },
    "report.theme_count_one": {
        "en": "· 1 group, {count} ideas",
        "fr": "· 1 groupe, {count} idées",
    },
    "report.groups_without_theme": {"en": "Groups without a theme", "fr": "Groupes sans thème"},
    "report.unnamed_group": {"en": "Group {id}", "fr": "Groupe {id}"},
    "report.unnamed_theme": {"en": "Theme {id}", "fr": "Thème {id}"},
    "report.scores_lead": {
        "en": "Participants scored the shortlisted groups: is it wanted (desirability), can "
        "it be done (feasibility), can it last (viability)? Means on a 0-100 scale.",
        "fr": "Les participants ont évalué les groupes retenus : est-ce souhaité "
        "(désirabilité), est-ce faisable (faisabilité), est-ce durable (viabilité) ? "
        "Moyennes sur une échelle de 0 à 100.",
    },
    "report.no_rounds": {
        "en": "No scoring round in this workshop.",
        "fr": "Aucun tour d'évaluation dans cet atelier.",
    },
    "report.round_default": {"en": "Round {id}", "fr": "Tour {id}"},
    "report.round_hidden": {
        "en": "Blind round not revealed yet: {raters} raters answered, scores stay hidden.",
        "fr": "Tour à l'aveugle pas encore révélé : {raters} évaluateurs ont répondu, les "
        "notes restent cachées.",
    },
    "report.round_empty": {"en": "No score in this round yet.", "fr": "Aucune note dans ce tour."},
    "report.round_raters": {"en": "{raters} raters", "fr": "{raters} évaluateurs"},
    "report.round_alpha": {
        "en": "agreement between raters (Krippendorff's alpha): {alpha}",
        "fr": "accord entre évaluateurs (alpha de Krippendorff) : {alpha}",
    },
    "report.col.rank": {"en": "Rank", "fr": "Rang"},
    "report.col.target": {"en": "Group", "fr": "Groupe"},
    "report.col.overall": {"en": "Overall", "fr": "Global"},
    "report.col.raters": {"en": "Raters", "fr": "Évaluateurs"},
    "report.col.outcome": {"en": "Decision", "fr": "Décision"},
    "report.col.answer": {"en": "Answer", "fr": "Réponse"},
    "report.col.ideas": {"en": "Ideas", "fr": "Idées"},
    "report.col.date": {"en": "Date", "fr": "Date"},
    "report.dimension.desirability": {"en": "Desirability", "fr": "Désirabilité"},
    "report.dimension.feasibility": {"en": "Feasibility", "fr": "Faisabilité"},
    "report.dimension.viability": {"en": "Viability", "fr": "Viabilité"},
    "report.sweet_spot": {"en": "sweet spot", "fr": "zone idéale"},
    "report.controversial": {"en": "the room disagrees", "fr": "la salle est partagée"},
    "report.ranking_note": {
        "en": 'Sweet spot: {threshold} or more on all three dimensions. "2=" is a shared rank.',
        "fr": "Zone idéale : {threshold} ou plus sur les trois dimensions. « 2= » est un rang "
        "partagé.",
    },
    "report.chart_size": {
        "en": "Dot size: desirability · ringed: the room disagrees",
        "fr": "Taille du point : désirabilité · cerclé : la salle est partagée",
    },
    "report.chart_mean": {"en": "Mean (0-100)", "fr": "Moyenne (0-100)"},
    "report.chart_dvf_caption": {
        "en": "Feasibility against viability; the shaded corner is the sweet spot.",
        "fr": "Faisabilité et viabilité ; le coin vert est la zone idéale.",
    },
    "report.chart_bars_caption": {
        "en": "Mean score of each group on each dimension, in ranking order.",
        "fr": "Note moyenne de chaque groupe sur chaque dimension, dans l'ordre du classement.",
    },
    "report.no_stakeholders": {
        "en": "No stakeholder map in this workshop.",
        "fr": "Aucune carte des acteurs dans cet atelier.",
    },
    "report.stakeholders_lead": {
        "en": "{actors} actors and {relations} relations between them. Squares are groups of "
        "ideas an actor is linked to.",
        "fr": "{actors} acteurs et {relations} relations entre eux. Les carrés sont les "
        "groupes d'idées auxquels un acteur est lié.",
    },
    "report.map_title": {"en": "Stakeholder map", "fr": "Carte des acteurs"},
    "report.map_group": {"en": "group of ideas", "fr": "groupe d'idées"},
    "report.map_conflict": {"en": "opposition", "fr": "opposition"},
    "report.map_link": {"en": "link to a group", "fr": "lien vers un groupe"},
    "report.map_caption": {
        "en": "Actors close together are tied by relations; the colour is the actor's group.",
        "fr": "Les acteurs proches sont liés par des relations ; la couleur est le groupe de "
        "l'acteur.",
    },
    "report.grid_title": {"en": "Power and interest grid", "fr": "Grille pouvoir et intérêt"},
    "report.grid_interest": {"en": "Interest", "fr": "Intérêt"},
    "report.grid_power": {"en": "Power", "fr": "Pouvoir"},
    "report.grid_caption": {
        "en": "Power (up) and interest (across) from 1 to 5; 3 and above is high.",
        "fr": "Pouvoir (vers le haut) et intérêt (vers la droite) de 1 à 5 ; 3 et plus est élevé.",
    },
    "report.no_decisions": {
        "en": "No decision recorded yet.",
        "fr": "Aucune décision enregistrée pour l'instant.",
    },
    "report.decision_one_idea": {"en": "One idea", "fr": "Une idée"},
    "report.footer": {
        "en": "Made with cocreate, on one computer: no idea left it to write this report.",
        "fr": "Réalisé avec cocreate, sur un seul ordinateur : aucune idée ne l'a quitté "
        "pour écrire ce rapport.",
    },
    "report.unknown_language": {
        "en": "Unknown report language {lang!r}: choose one of {known}.",
        "fr": "Langue de rapport inconnue {lang!r} : choisissez parmi {known}.",
    },
    # the `cocreate report` command
    "report.cli_written": {
        "en": "Report of {workshop} written to {path} ({size} bytes, {redaction})",
        "fr": "Rapport de {workshop} écrit dans {path} ({size} octets, {redaction})",
    },
    "report.cli_redacted": {"en": "personal data redacted", "fr": "données personnelles masquées"},
    "report.cli_not_redacted": {
        "en": "personal data NOT redacted",
        "fr": "données personnelles NON masquées",
    },
    # the Export page
    "nav.export": {"en": "Export", "fr": "Export"},
    "export_page.header": {"en": "Export", "fr": "Export"},
    "export_page.intro": {
        "en": "The report to circulate, the bundle for researchers, the table of ideas. Each "
        "file is made when you press its button, and every export is written in the log "
        "below.",
        "fr": "Le rapport à diffuser, le jeu de données pour les chercheurs, le tableau des "
        "idées. Chaque fichier est produit quand vous appuyez sur son bouton, et chaque "
        "export est inscrit dans le journal ci-dessous.",
    },
    "export_page.privacy": {"en": "Personal data", "fr": "Données personnelles"},
    "export_page.redact": {
        "en": "Redact personal data in the ideas (names, e-mails, phones, addresses...)",
        "fr": "Masquer les données personnelles des idées (noms, e-mails, téléphones, adresses...)",
    },
    "export_page.redact_off_warning": {
        "en": "Redaction is OFF: the files will hold what participants wrote, names and phone "
        "numbers included. The report and the data card say so, and the log records it.",
        "fr": "Le masquage est DÉSACTIVÉ : les fichiers contiendront ce que les participants "
        "ont écrit, noms et numéros de téléphone compris. Le rapport et la fiche de données "
        "l'indiquent, et le journal l'enregistre.",
    },
    "export_page.keep": {
        "en": "Public names to keep as written (comma-separated)",
        "fr": "Noms publics à garder tels quels (séparés par des virgules)",
    },
    "export_page.keep_help": {
        "en": "The mayor's name, a street: words the redaction leaves in place.",
        "fr": "Le nom du maire, une rue : des mots que le masquage laisse en place.",
    },
    "export_page.keep_personal_columns": {
        "en": "Keep the personal columns (name, age, e-mail, address)",
        "fr": "Garder les colonnes personnelles (nom, âge, e-mail, adresse)",
    },
    "export_page.keep_personal_columns_help": {
        "en": "Off: these columns are dropped or generalised (an age becomes an age band).",
        "fr": "Désactivé : ces colonnes sont retirées ou généralisées (un âge devient une "
        "tranche d'âge).",
    },
    "export_page.personal_columns_warning": {
        "en": "Personal columns will be exported as imported.",
        "fr": "Les colonnes personnelles seront exportées telles qu'importées.",
    },
    "export_page.report": {"en": "Workshop report", "fr": "Rapport d'atelier"},
    "export_page.report_help": {
        "en": "One HTML page that opens offline in any browser; print it to PDF from there.",
        "fr": "Une page HTML qui s'ouvre hors ligne dans tout navigateur ; imprimez-la en PDF "
        "depuis celui-ci.",
    },
    "export_page.report_lang": {"en": "Language of the report", "fr": "Langue du rapport"},
    "export_page.download_report": {
        "en": "Download the report",
        "fr": "Télécharger le rapport",
    },
    "export_page.bundle": {"en": "Research bundle", "fr": "Jeu de données"},
    "export_page.bundle_help": {
        "en": "A ZIP of tables (ideas, groups, scores), the stakeholder map (GraphML, GEXF), "
        "Polis-compatible files and a data card.",
        "fr": "Un ZIP de tables (idées, groupes, notes), la carte des acteurs (GraphML, GEXF), "
        "des fichiers compatibles Polis et une fiche de données.",
    },
    "export_page.formats": {"en": "Table formats", "fr": "Formats des tables"},
    "export_page.no_format": {
        "en": "Choose at least one format.",
        "fr": "Choisissez au moins un format.",
    },
    "export_page.level": {
        "en": "Cluster columns of the ideas",
        "fr": "Colonnes de regroupement des idées",
    },
    "export_page.level_group": {"en": "Groups", "fr": "Groupes"},
    "export_page.level_theme": {"en": "Themes", "fr": "Thèmes"},
    "export_page.bom": {
        "en": "CSV for Excel (with a BOM)",
        "fr": "CSV pour Excel (avec BOM)",
    },
    "export_page.embeddings": {
        "en": "Include the embeddings (.npy)",
        "fr": "Inclure les plongements (.npy)",
    },
    "export_page.download_bundle": {
        "en": "Download the bundle (ZIP)",
        "fr": "Télécharger le jeu de données (ZIP)",
    },
    "export_page.table": {"en": "Table of ideas", "fr": "Tableau des idées"},
    "export_page.table_help": {
        "en": "One row per idea with its group, key words and map position.",
        "fr": "Une ligne par idée avec son groupe, ses mots-clés et sa position sur la carte.",
    },
    "export_page.table_format": {"en": "Format", "fr": "Format"},
    "export_page.download_table": {
        "en": "Download the table",
        "fr": "Télécharger le tableau",
    },
    "export_page.audit": {"en": "Export log", "fr": "Journal des exports"},
    "export_page.refresh": {"en": "Refresh the log", "fr": "Actualiser le journal"},
    "export_page.audit_empty": {
        "en": "Nothing exported from this workshop yet.",
        "fr": "Rien n'a encore été exporté de cet atelier.",
    },
    "export_page.download_audit": {
        "en": "Download the log (CSV)",
        "fr": "Télécharger le journal (CSV)",
    },
    "export_page.yes": {"en": "yes", "fr": "oui"},
    "export_page.no": {"en": "NO", "fr": "NON"},
    "export_page.col.at": {"en": "When", "fr": "Quand"},
    "export_page.col.actor": {"en": "Who", "fr": "Qui"},
    "export_page.col.action": {"en": "What", "fr": "Quoi"},
    "export_page.col.target": {"en": "Where", "fr": "Où"},
    "export_page.col.redacted": {"en": "Redacted", "fr": "Masquage"},
    "export_page.col.kept": {"en": "Kept as written", "fr": "Gardés tels quels"},
    "export_page.col.personal_columns": {
        "en": "Personal columns",
        "fr": "Colonnes personnelles",
    },
    "export_page.col.details": {"en": "Details", "fr": "Détails"},
}
