"""Strings of the Triage page, the staff sign-in, and the public follow-up page."""

STRINGS: dict[str, dict[str, str]] = {
    "nav.triage": {"en": "Triage", "fr": "Traitement"},
    "join.staff_sign_in": {
        "en": "City staff: sign in to triage the ideas",
        "fr": "Agents de la ville : se connecter pour traiter les idées",
    },
    # the imported category (a column of the imported file) and the clustering's theme are apart
    "triage_pages.f_category": {"en": "Imported category", "fr": "Catégorie importée"},
    "triage_pages.f_theme": {"en": "Theme (clustering)", "fr": "Thème (regroupement)"},
    "triage_pages.f_theme_second": {
        "en": "Also as second theme",
        "fr": "Aussi en thème secondaire",
    },
    "nav.followup": {"en": "What became of our ideas", "fr": "Que sont devenues nos idées"},
    # who acts
    "triage_pages.header": {"en": "Triage of the ideas", "fr": "Traitement des idées"},
    "triage_pages.name_help": {
        "en": "Your name is written in the history of every change you make.",
        "fr": "Votre nom est écrit dans l'historique de chaque changement que vous faites.",
    },
    "triage_pages.your_name": {"en": "Your name", "fr": "Votre nom"},
    "triage_pages.name_submit": {"en": "Start", "fr": "Commencer"},
    "triage_pages.sign_in_help": {
        "en": "Staff members sign in with their name and their own secret.",
        "fr": "Les agents se connectent avec leur nom et leur propre code secret.",
    },
    "triage_pages.staff_name": {"en": "Name", "fr": "Nom"},
    "triage_pages.staff_secret": {"en": "Secret", "fr": "Code secret"},
    "triage_pages.sign_in": {"en": "Sign in", "fr": "Se connecter"},
    "triage_pages.wrong_secret": {
        "en": "Unknown name or wrong secret.",
        "fr": "Nom inconnu ou code secret erroné.",
    },
    "triage_pages.acting_as": {"en": "Acting as {name}", "fr": "Vous agissez en tant que {name}"},
    "triage_pages.sign_out": {"en": "Sign out", "fr": "Se déconnecter"},
    "triage_pages.workshop": {"en": "Workshop", "fr": "Atelier"},
    # filters and views
    "triage_pages.any": {"en": "any", "fr": "tous"},
    "triage_pages.f_status": {"en": "Status", "fr": "Statut"},
    "triage_pages.f_cluster": {"en": "Cluster", "fr": "Regroupement"},
    "triage_pages.f_department": {"en": "Department", "fr": "Service"},
    "triage_pages.f_assignee": {"en": "Assigned to", "fr": "Confiée à"},
    "triage_pages.f_source": {"en": "Source", "fr": "Source"},
    "triage_pages.f_language": {"en": "Language", "fr": "Langue"},
    "triage_pages.f_older": {
        "en": "Older than (days, 0: any age)",
        "fr": "Plus anciennes que (jours, 0 : tout âge)",
    },
    "triage_pages.f_hidden": {"en": "Hidden ideas", "fr": "Idées masquées"},
    "triage_pages.hidden_shown": {"en": "shown ideas only", "fr": "idées visibles seulement"},
    "triage_pages.hidden_hidden": {"en": "hidden ideas only", "fr": "idées masquées seulement"},
    "triage_pages.hidden_all": {"en": "all", "fr": "toutes"},
    "triage_pages.f_search": {"en": "Search", "fr": "Recherche"},
    "triage_pages.search_placeholder": {"en": "words of the idea", "fr": "mots de l'idée"},
    "triage_pages.f_no_answer": {"en": "No answer yet", "fr": "Sans réponse"},
    "triage_pages.sort": {"en": "Sort by", "fr": "Trier par"},
    "triage_pages.sort_date": {"en": "date", "fr": "date"},
    "triage_pages.sort_added": {"en": "arrival", "fr": "arrivée"},
    "triage_pages.sort_votes": {"en": "votes", "fr": "votes"},
    "triage_pages.sort_status": {"en": "status", "fr": "statut"},
    "triage_pages.sort_cluster": {"en": "cluster", "fr": "regroupement"},
    "triage_pages.descending": {"en": "Descending", "fr": "Décroissant"},
    "triage_pages.views": {"en": "Saved views", "fr": "Vues enregistrées"},
    "triage_pages.saved_view": {"en": "Saved view", "fr": "Vue enregistrée"},
    "triage_pages.saved_view_placeholder": {"en": "choose a view", "fr": "choisir une vue"},
    "triage_pages.view_name": {
        "en": "Name of the view (these filters)",
        "fr": "Nom de la vue (ces filtres)",
    },
    "triage_pages.save_view": {"en": "Save the view", "fr": "Enregistrer la vue"},
    "triage_pages.view_saved": {"en": "View '{name}' saved.", "fr": "Vue « {name} » enregistrée."},
    "triage_pages.delete_view": {
        "en": "Delete the chosen view",
        "fr": "Supprimer la vue choisie",
    },
    "triage_pages.view_deleted": {"en": "View deleted.", "fr": "Vue supprimée."},
    "triage_pages.view_no_name": {
        "en": "Give the view a name.",
        "fr": "Donnez un nom à la vue.",
    },
    "triage_pages.view_unknown": {
        "en": "No saved view {view} of yours.",
        "fr": "Aucune vue {view} enregistrée à votre nom.",
    },
    # listing
    "triage_pages.progress": {
        "en": "{triaged} of {total} triaged",
        "fr": "{triaged} sur {total} traitées",
    },
    "triage_pages.matching": {
        "en": "{matching} ideas match the filters ({pages} pages of 50).",
        "fr": "{matching} idées correspondent aux filtres ({pages} pages de 50).",
    },
    "triage_pages.page": {"en": "Page", "fr": "Page"},
    "triage_pages.from_cluster": {"en": "cluster's", "fr": "du regroupement"},
    "triage_pages.col_id": {"en": "No.", "fr": "N°"},
    "triage_pages.col_status": {"en": "Status", "fr": "Statut"},
    "triage_pages.col_decision": {"en": "Decision", "fr": "Décision"},
    "triage_pages.col_cluster": {"en": "Cluster", "fr": "Regroupement"},
    "triage_pages.col_assignee": {"en": "Assigned to", "fr": "Confiée à"},
    "triage_pages.col_score": {"en": "DVF score", "fr": "Note DVF"},
    "triage_pages.col_votes": {"en": "Votes", "fr": "Votes"},
    "triage_pages.col_source": {"en": "Source", "fr": "Source"},
    "triage_pages.col_created": {"en": "Date", "fr": "Date"},
    "triage_pages.col_text": {"en": "Idea", "fr": "Idée"},
    # acting
    "triage_pages.act": {"en": "Act once on many ideas", "fr": "Agir en une fois"},
    "triage_pages.target": {"en": "On", "fr": "Sur"},
    "triage_pages.target_selected": {
        "en": "the {count} rows selected",
        "fr": "les {count} lignes sélectionnées",
    },
    "triage_pages.target_numbers": {"en": "ideas by number", "fr": "des idées par numéro"},
    "triage_pages.target_cluster": {"en": "a whole cluster", "fr": "tout un regroupement"},
    "triage_pages.numbers": {
        "en": "Idea numbers (e.g. 12, 15-18)",
        "fr": "Numéros d'idées (ex. 12, 15-18)",
    },
    "triage_pages.bad_numbers": {
        "en": "'{text}' is not a list of idea numbers such as 12, 15-18.",
        "fr": "« {text} » n'est pas une liste de numéros d'idées comme 12, 15-18.",
    },
    "triage_pages.pick_cluster": {"en": "choose a cluster", "fr": "choisir un regroupement"},
    "triage_pages.no_target": {
        "en": "Select rows in the table, type idea numbers or choose a cluster to act.",
        "fr": "Sélectionnez des lignes du tableau, tapez des numéros d'idées ou choisissez "
        "un regroupement pour agir.",
    },
    "triage_pages.each_idea": {
        "en": "One valuation or decision for each of the {count} ideas, all or none.",
        "fr": "Une évaluation ou une décision pour chacune des {count} idées, toutes ou aucune.",
    },
    "triage_pages.tab_status": {"en": "Status", "fr": "Statut"},
    "triage_pages.tab_assign": {"en": "Assign", "fr": "Confier"},
    "triage_pages.tab_value": {"en": "Valuation", "fr": "Évaluation"},
    "triage_pages.tab_decide": {"en": "Decision", "fr": "Décision"},
    "triage_pages.to_status": {"en": "New status", "fr": "Nouveau statut"},
    "triage_pages.note": {"en": "Note (history)", "fr": "Note (historique)"},
    "triage_pages.move": {"en": "Change the status", "fr": "Changer le statut"},
    "triage_pages.moved": {
        "en": "{count} ideas moved to '{status}'.",
        "fr": "{count} idées passées à « {status} ».",
    },
    "triage_pages.department": {"en": "Department", "fr": "Service"},
    "triage_pages.staff_member": {"en": "Staff member", "fr": "Agent"},
    "triage_pages.nobody": {"en": "nobody", "fr": "personne"},
    "triage_pages.assign": {"en": "Assign", "fr": "Confier"},
    "triage_pages.assigned": {"en": "Assigned.", "fr": "Confié."},
    "triage_pages.feasible": {"en": "Feasible", "fr": "Faisable"},
    "triage_pages.yes": {"en": "yes", "fr": "oui"},
    "triage_pages.no": {"en": "no", "fr": "non"},
    "triage_pages.reason": {
        "en": "Reason (required when not feasible)",
        "fr": "Motif (obligatoire si non faisable)",
    },
    "triage_pages.cost": {"en": "Estimated cost (€)", "fr": "Coût estimé (€)"},
    "triage_pages.due": {"en": "Due date", "fr": "Échéance"},
    "triage_pages.value": {"en": "Save the valuation", "fr": "Enregistrer l'évaluation"},
    "triage_pages.valued": {"en": "Valuation saved.", "fr": "Évaluation enregistrée."},
    "triage_pages.outcome": {"en": "Decision", "fr": "Décision"},
    "triage_pages.answer_fr": {
        "en": "Public answer in French",
        "fr": "Réponse publique en français",
    },
    "triage_pages.answer_en": {
        "en": "Public answer in English",
        "fr": "Réponse publique en anglais",
    },
    "triage_pages.merged_into": {
        "en": "Merged into idea no. (for 'merged' only)",
        "fr": "Fusionnée dans l'idée n° (pour « fusionnée » seulement)",
    },
    "triage_pages.decide": {"en": "Decide", "fr": "Décider"},
    "triage_pages.decided": {
        "en": "Decision '{outcome}' taken.",
        "fr": "Décision « {outcome} » prise.",
    },
    # a decision on a whole theme (decision 0061)
    "triage_pages.target_theme": {
        "en": "a whole theme (each of its groups)",
        "fr": "tout un thème (chacun de ses regroupements)",
    },
    "triage_pages.pick_theme": {"en": "choose a theme", "fr": "choisir un thème"},
    "triage_pages.theme_help": {
        "en": "One decision with its public answers for each group of the theme, all or none. "
        "Ideas with their own decision keep it.",
        "fr": "Une décision avec ses réponses publiques pour chaque regroupement du thème, "
        "toutes ou aucune. Les idées qui ont leur propre décision la gardent.",
    },
    "triage_pages.theme_confirm": {
        "en": "I confirm: this decision goes to the {groups} groups of the theme ({ideas} ideas).",
        "fr": "Je confirme : cette décision s'applique aux {groups} regroupements du thème "
        "({ideas} idées).",
    },
    "triage_pages.theme_confirm_one": {
        "en": "I confirm: this decision goes to the theme's only group ({ideas} ideas).",
        "fr": "Je confirme : cette décision s'applique au seul regroupement du thème "
        "({ideas} idées).",
    },
    "triage_pages.theme_decided_one": {
        "en": "Decision '{outcome}' taken on '{theme}': its only group.",
        "fr": "Décision « {outcome} » prise sur « {theme} » : son seul regroupement.",
    },
    "triage_pages.theme_confirm_first": {
        "en": "Tick the confirmation first: nothing was decided.",
        "fr": "Cochez d'abord la confirmation : rien n'a été décidé.",
    },
    "triage_pages.decide_theme": {"en": "Decide the whole theme", "fr": "Décider tout le thème"},
    "triage_pages.theme_decided": {
        "en": "Decision '{outcome}' taken on '{theme}': {count} groups.",
        "fr": "Décision « {outcome} » prise sur « {theme} » : {count} regroupements.",
    },
    # one idea
    "triage_pages.detail": {"en": "One idea", "fr": "Une idée"},
    "triage_pages.open_idea": {
        "en": "Idea number to open (the first selected row by default)",
        "fr": "Numéro de l'idée à ouvrir (par défaut la première ligne sélectionnée)",
    },
    "triage_pages.is_hidden": {
        "en": "This idea is hidden: out of public views and counts.",
        "fr": "Cette idée est masquée : hors des vues publiques et des comptes.",
    },
    "triage_pages.tab_facts": {"en": "Details and history", "fr": "Détails et historique"},
    "triage_pages.tab_work": {"en": "Work on the idea", "fr": "Travailler l'idée"},
    "triage_pages.original": {"en": "Original row", "fr": "Ligne d'origine"},
    "triage_pages.exact_duplicate": {
        "en": "Exact duplicate of idea {idea}.",
        "fr": "Doublon exact de l'idée {idea}.",
    },
    "triage_pages.merges": {"en": "Near-duplicates merged", "fr": "Quasi-doublons fusionnés"},
    "triage_pages.kept_idea": {"en": "Idea kept", "fr": "Idée gardée"},
    "triage_pages.merged_idea": {"en": "Idea merged", "fr": "Idée fusionnée"},
    "triage_pages.edits": {"en": "Edits", "fr": "Corrections"},
    "triage_pages.valuation": {"en": "Valuation", "fr": "Évaluation"},
    "triage_pages.milestones": {"en": "Milestones", "fr": "Étapes"},
    "triage_pages.history": {"en": "History", "fr": "Historique"},
    "triage_pages.edit_text": {
        "en": "Text (the original is kept)",
        "fr": "Texte (l'original est gardé)",
    },
    "triage_pages.save_edit": {"en": "Save the correction", "fr": "Enregistrer la correction"},
    "triage_pages.edited": {"en": "Text corrected.", "fr": "Texte corrigé."},
    "triage_pages.redact_passages": {
        "en": "Passages to redact (one a line: a name, a phone number...)",
        "fr": "Passages à caviarder (un par ligne : un nom, un numéro...)",
    },
    "triage_pages.redact": {"en": "Redact", "fr": "Caviarder"},
    "triage_pages.redacted": {
        "en": "{count} characters redacted.",
        "fr": "{count} caractères caviardés.",
    },
    "triage_pages.hide": {"en": "Hide (spam)", "fr": "Masquer (indésirable)"},
    "triage_pages.unhide": {"en": "Show again", "fr": "Afficher de nouveau"},
    "triage_pages.hidden": {"en": "Idea hidden.", "fr": "Idée masquée."},
    "triage_pages.shown": {"en": "Idea shown again.", "fr": "Idée de nouveau visible."},
    "triage_pages.delete_sure": {
        "en": "Delete it for good (a trace is kept)",
        "fr": "La supprimer pour de bon (une trace est gardée)",
    },
    "triage_pages.delete": {"en": "Delete", "fr": "Supprimer"},
    "triage_pages.deleted": {"en": "Idea deleted.", "fr": "Idée supprimée."},
    "triage_pages.add_milestone": {"en": "Add a milestone", "fr": "Ajouter une étape"},
    "triage_pages.milestone_date": {"en": "Date", "fr": "Date"},
    "triage_pages.milestone_text": {"en": "What was done", "fr": "Ce qui a été fait"},
    "triage_pages.milestone_photo": {
        "en": "Photo path (optional)",
        "fr": "Chemin d'une photo (facultatif)",
    },
    "triage_pages.milestone_added": {"en": "Milestone added.", "fr": "Étape ajoutée."},
    # one cluster
    "triage_pages.cluster": {"en": "Cluster {name}", "fr": "Regroupement {name}"},
    "triage_pages.differing": {
        "en": "{count} ideas of this cluster have their own decision (it wins):",
        "fr": "{count} idées de ce regroupement ont leur propre décision (elle l'emporte) :",
    },
    "triage_pages.none_differ": {
        "en": "No idea of this cluster has its own decision.",
        "fr": "Aucune idée de ce regroupement n'a sa propre décision.",
    },
    "triage_pages.own_decision": {"en": "Its own decision", "fr": "Sa propre décision"},
    "triage_pages.cluster_decision": {
        "en": "The cluster's decision",
        "fr": "Décision du regroupement",
    },
    "triage_pages.differs": {"en": "Differs", "fr": "Diffère"},
    "triage_pages.show_members": {
        "en": "Show every member and the ideas with their own decision",
        "fr": "Afficher tous les membres et les idées qui ont leur propre décision",
    },
    "triage_pages.members": {
        "en": "Every member: {count} ideas ({pages} pages).",
        "fr": "Tous les membres : {count} idées ({pages} pages).",
    },
    # feedback export
    "triage_pages.feedback": {"en": "Feedback to authors", "fr": "Retour aux auteurs"},
    "triage_pages.feedback_help": {
        "en": "One row per author and decided idea, with the decision, the answer in the "
        "author's language and the milestones, for a mail merge. cocreate sends no e-mail.",
        "fr": "Une ligne par auteur et idée décidée, avec la décision, la réponse dans la "
        "langue de l'auteur et les étapes, pour un publipostage. cocreate n'envoie aucun "
        "courriel.",
    },
    "triage_pages.prepare_feedback": {
        "en": "Prepare the feedback files",
        "fr": "Préparer les fichiers de retour",
    },
    "triage_pages.feedback_counts": {
        "en": "{rows} rows with a contact; {missing} authors without a contact (in their own "
        "file and sheet).",
        "fr": "{rows} lignes avec un contact ; {missing} auteurs sans contact (dans leur "
        "propre fichier et onglet).",
    },
    "triage_pages.download_csv": {"en": "CSV", "fr": "CSV"},
    "triage_pages.download_no_contact": {
        "en": "CSV of authors without contact",
        "fr": "CSV des auteurs sans contact",
    },
    "triage_pages.download_xlsx": {"en": "XLSX", "fr": "XLSX"},
    # public follow-up
    "followup.header": {"en": "What became of our ideas", "fr": "Que sont devenues nos idées"},
    "followup.intro": {
        "en": "The decisions taken on the ideas, with the city's answers and what has been "
        "done since.",
        "fr": "Les décisions prises sur les idées, avec les réponses de la ville et ce qui a "
        "été fait depuis.",
    },
    "followup.nothing": {
        "en": "No decision has been published yet.",
        "fr": "Aucune décision n'a encore été publiée.",
    },
    "followup.no_decision": {
        "en": "No idea of this workshop has been decided yet.",
        "fr": "Aucune idée de cet atelier n'a encore été décidée.",
    },
    "followup.view": {"en": "Show", "fr": "Afficher"},
    "followup.by_cluster": {"en": "by theme", "fr": "par thème"},
    "followup.by_status": {"en": "by status", "fr": "par statut"},
    "followup.no_cluster": {"en": "Other ideas", "fr": "Autres idées"},
    "followup.count": {"en": "{count} ideas", "fr": "{count} idées"},
    "followup.in_cluster": {"en": "theme: {name}", "fr": "thème : {name}"},
    "followup.milestones": {"en": "Milestones", "fr": "Étapes"},
    "followup.group": {"en": "Theme or status", "fr": "Thème ou statut"},
    "followup.all_groups": {"en": "all", "fr": "tous"},
    "followup.group_option": {"en": "{name} ({count})", "fr": "{name} ({count})"},
    "followup.page": {"en": "Page", "fr": "Page"},
    "followup.range": {
        "en": "Ideas {first} to {last} of {total}.",
        "fr": "Idées {first} à {last} sur {total}.",
    },
    "followup.shared_answer": {
        "en": "The city's answer for every idea below:",
        "fr": "La réponse de la ville pour chacune des idées ci-dessous :",
    },
}
