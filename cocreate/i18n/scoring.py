"""Strings of the Scoring pages (rubrics, rounds, ballot, results)."""

STRINGS: dict[str, dict[str, str]] = {
    "nav.scoring": {"en": "Scoring", "fr": "Évaluation"},
    "nav.ballot": {"en": "Vote", "fr": "Noter"},
    "nav.results": {"en": "Results", "fr": "Résultats"},
    # scoring page (facilitator)
    "scoring.header": {"en": "Scoring", "fr": "Évaluation"},
    "scoring.rubric_title": {"en": "Rubric", "fr": "Grille d'évaluation"},
    "scoring.no_rubric": {
        "en": "This workshop has no rubric yet: choose one below and copy it into the workshop.",
        "fr": "Cet atelier n'a pas encore de grille : choisissez-en une ci-dessous et copiez-la "
        "dans l'atelier.",
    },
    "scoring.current_rubric": {
        "en": "The workshop scores with **{title}** (rubric `{id}`, version {version}).",
        "fr": "L'atelier évalue avec **{title}** (grille `{id}`, version {version}).",
    },
    "scoring.edited_badge": {
        "en": ":orange-badge[edited for this workshop]",
        "fr": ":orange-badge[modifiée pour cet atelier]",
    },
    "scoring.choose_rubric": {"en": "Choose a bundled rubric", "fr": "Choisir une grille fournie"},
    "scoring.bundled_rubric": {"en": "Rubric", "fr": "Grille"},
    "scoring.weight_value": {"en": "weight {weight}", "fr": "poids {weight}"},
    "scoring.amount_criterion": {"en": "an amount in {unit}", "fr": "un montant en {unit}"},
    "scoring.gate": {
        "en": "must be met (gate)",
        "fr": "doit être rempli (critère éliminatoire)",
    },
    "scoring.dont_know_label": {
        "en": "Every question also offers: “{text}” (not counted as a zero).",
        "fr": "Chaque question propose aussi : « {text} » (ne compte pas comme un zéro).",
    },
    "scoring.criterion_line": {
        "en": "**{label}** ({details}): {question}",
        "fr": "**{label}** ({details}) : {question}",
    },
    "scoring.copy_rubric": {
        "en": "Copy this rubric into the workshop",
        "fr": "Copier cette grille dans l'atelier",
    },
    "scoring.copied": {
        "en": "Rubric {id} (version {version}) copied into the workshop.",
        "fr": "Grille {id} (version {version}) copiée dans l'atelier.",
    },
    "scoring.edit_rubric": {
        "en": "Edit the workshop's rubric",
        "fr": "Modifier la grille de l'atelier",
    },
    "scoring.edit_help": {
        "en": "Changes make a new copy for the workshop (marked edited, with the rubric's id and "
        "version). Rounds already opened keep the rubric they started with.",
        "fr": "Les modifications créent une nouvelle copie pour l'atelier (marquée modifiée, avec "
        "l'identifiant et la version de la grille). Les tours déjà ouverts gardent leur grille.",
    },
    "scoring.edit_title": {"en": "Title ({language})", "fr": "Titre ({language})"},
    "scoring.edit_dimension_weight": {
        "en": "Weight of {dimension} in the overall score",
        "fr": "Poids de la dimension {dimension} dans la note globale",
    },
    "scoring.edit_keep_help": {
        "en": "Untick to leave this criterion out.",
        "fr": "Décochez pour retirer ce critère.",
    },
    "scoring.edit_weight": {"en": "Weight", "fr": "Poids"},
    "scoring.edit_question": {"en": "Question ({language})", "fr": "Question ({language})"},
    "scoring.edit_save": {"en": "Save the edited rubric", "fr": "Enregistrer la grille modifiée"},
    "scoring.edit_saved": {
        "en": "Edited copy of {id} (version {version}) saved: new rounds use it.",
        "fr": "Copie modifiée de {id} (version {version}) enregistrée : les nouveaux tours "
        "l'utilisent.",
    },
    "scoring.edit_empty_dimension": {
        "en": "Keep at least one criterion in each dimension (none left in: {dimensions}).",
        "fr": "Gardez au moins un critère par dimension (plus aucun dans : {dimensions}).",
    },
    "scoring.edit_invalid": {
        "en": "This rubric cannot be saved: {error}",
        "fr": "Cette grille ne peut pas être enregistrée : {error}",
    },
    "scoring.show_rubric": {
        "en": "See the workshop's rubric",
        "fr": "Voir la grille de l'atelier",
    },
    "scoring.new_round": {"en": "Open a scoring round", "fr": "Ouvrir un tour d'évaluation"},
    "scoring.need_rubric": {
        "en": "Copy a rubric into the workshop first.",
        "fr": "Copiez d'abord une grille dans l'atelier.",
    },
    "scoring.pick_clusters": {"en": "Groups to score", "fr": "Regroupements à évaluer"},
    "scoring.pick_themes": {"en": "Themes to score", "fr": "Thèmes à évaluer"},
    "scoring.cluster_option": {"en": "{label} ({size} ideas)", "fr": "{label} ({size} idées)"},
    "scoring.pick_placeholder": {"en": "Choose...", "fr": "Choisir..."},
    "scoring.no_clusters": {
        "en": "No groups yet (see the Clusters page): you can shortlist single ideas.",
        "fr": "Pas encore de regroupements (voir la page Regroupements) : vous pouvez retenir "
        "des idées seules.",
    },
    "scoring.search_ideas": {
        "en": "Find ideas to add (without accents)",
        "fr": "Chercher des idées à ajouter (sans tenir compte des accents)",
    },
    "scoring.pick_ideas": {"en": "Single ideas to score", "fr": "Idées seules à évaluer"},
    "scoring.idea_option": {"en": "Idea {id} · {text}", "fr": "Idée {id} · {text}"},
    "scoring.round_title": {"en": "Round title", "fr": "Titre du tour"},
    "scoring.blind": {"en": "Blind round", "fr": "Tour à l'aveugle"},
    "scoring.blind_help": {
        "en": "Nobody sees the others' scores until you reveal them, so the first voices do not "
        "anchor the room.",
        "fr": "Personne ne voit les notes des autres avant que vous ne les révéliez : les "
        "premières voix n'influencent pas la salle.",
    },
    "scoring.shortlist_count": {
        "en": "{count} targets on the shortlist.",
        "fr": "{count} éléments retenus.",
    },
    "scoring.open_round": {"en": "Open the round", "fr": "Ouvrir le tour"},
    "scoring.opened": {
        "en": "Round “{name}” opened on {count} targets.",
        "fr": "Tour « {name} » ouvert sur {count} éléments.",
    },
    "scoring.round_default_title": {"en": "Round {id}", "fr": "Tour {id}"},
    "scoring.unnamed_target": {"en": "Unnamed group {id}", "fr": "Groupe sans nom {id}"},
    "scoring.rounds": {"en": "Rounds", "fr": "Tours d'évaluation"},
    "scoring.no_rounds": {"en": "No round yet.", "fr": "Aucun tour pour l'instant."},
    "scoring.status_open": {"en": "open", "fr": "ouvert"},
    "scoring.status_closed": {"en": "closed", "fr": "fermé"},
    "scoring.status_blind": {
        "en": "blind: scores hidden",
        "fr": "à l'aveugle : notes cachées",
    },
    "scoring.status_revealed": {"en": "revealed", "fr": "révélé"},
    "scoring.status_visible": {"en": "scores visible", "fr": "notes visibles"},
    "scoring.round_caption": {
        "en": "{status} · rubric {rubric} v{version} · {targets} targets",
        "fr": "{status} · grille {rubric} v{version} · {targets} éléments",
    },
    "scoring.round_progress": {
        "en": "{raters} raters · {answers} of their {expected} answers given",
        "fr": "{raters} votants · {answers} de leurs {expected} réponses données",
    },
    "scoring.close": {"en": "Close", "fr": "Fermer"},
    "scoring.closed_done": {
        "en": "Round “{name}” closed: its scores are final.",
        "fr": "Tour « {name} » fermé : ses notes sont définitives.",
    },
    "scoring.reveal": {"en": "Reveal the scores", "fr": "Révéler les notes"},
    "scoring.reveal_help": {
        "en": "Shows the results to everyone and closes the round: a seen score must not move.",
        "fr": "Montre les résultats à tous et ferme le tour : une note vue ne doit plus bouger.",
    },
    "scoring.revealed_done": {
        "en": "Round “{name}” revealed (and closed).",
        "fr": "Tour « {name} » révélé (et fermé).",
    },
    "scoring.ballot_link": {"en": "Ballot for phones", "fr": "Bulletin pour les téléphones"},
    "scoring.results_link": {"en": "Results screen", "fr": "Écran des résultats"},
    "scoring.targets": {"en": "The {count} targets", "fr": "Les {count} éléments"},
    "scoring.kind_cluster": {"en": "group", "fr": "regroupement"},
    "scoring.kind_idea": {"en": "idea", "fr": "idée"},
    "scoring.staff_title": {"en": "Score as a staff member", "fr": "Noter en tant qu'équipe"},
    "scoring.staff_help": {
        "en": "City or agency staff score under their name; participants stay anonymous.",
        "fr": "Les agents de la ville ou de l'agence notent sous leur nom ; les participants "
        "restent anonymes.",
    },
    "scoring.staff_name": {"en": "Your name", "fr": "Votre nom"},
    "scoring.staff_round": {"en": "Round", "fr": "Tour"},
    "scoring.staff_go": {"en": "Open my ballot", "fr": "Ouvrir mon bulletin"},
    "scoring.staff_name_required": {
        "en": "A staff member scores under a name: please type yours.",
        "fr": "Un membre de l'équipe note sous son nom : indiquez le vôtre.",
    },
    # ballot page (participant, phone)
    "ballot.no_round": {
        "en": "No scoring round is open right now. Wait for the facilitator to open one.",
        "fr": "Aucun tour d'évaluation n'est ouvert pour l'instant. Attendez que l'animateur "
        "en ouvre un.",
    },
    "ballot.no_targets": {
        "en": "This round has nothing to score yet.",
        "fr": "Ce tour n'a encore rien à évaluer.",
    },
    "ballot.anonymous": {"en": "You score anonymously", "fr": "Vous notez anonymement"},
    "ballot.staff": {"en": "You score as {name}", "fr": "Vous notez en tant que {name}"},
    "ballot.blind_note": {
        "en": "nobody sees the scores before the reveal",
        "fr": "personne ne voit les notes avant la révélation",
    },
    "ballot.open_note": {
        "en": "scores are shown live on the screen",
        "fr": "les notes s'affichent en direct à l'écran",
    },
    "ballot.closed": {
        "en": "This round is closed: your answers can no longer change.",
        "fr": "Ce tour est fermé : vos réponses ne peuvent plus changer.",
    },
    "ballot.refused": {
        "en": "Your last answer was not saved: the round has closed.",
        "fr": "Votre dernière réponse n'a pas été enregistrée : le tour est fermé.",
    },
    "ballot.see_results": {"en": "See the results", "fr": "Voir les résultats"},
    "ballot.progress": {"en": "{index} of {total}", "fr": "{index} sur {total}"},
    "ballot.cluster_examples": {
        "en": "A group of {size} ideas, for example:",
        "fr": "Un regroupement de {size} idées, par exemple :",
    },
    "ballot.amount": {"en": "{question} ({unit})", "fr": "{question} ({unit})"},
    "ballot.previous": {"en": "Previous", "fr": "Précédent"},
    "ballot.next": {"en": "Next", "fr": "Suivant"},
    "ballot.answered": {
        "en": "You have answered everything for {done} of {total}.",
        "fr": "Vous avez tout noté pour {done} sur {total}.",
    },
    "ballot.all_done": {
        "en": "All {total} scored, thank you! You can change an answer until the round closes.",
        "fr": "Les {total} sont notés, merci ! Vous pouvez changer une réponse jusqu'à la "
        "fermeture du tour.",
    },
    # results page (projected screen)
    "results.header": {"en": "Results", "fr": "Résultats"},
    "results.no_rounds": {
        "en": "No scoring round yet: open one on the Scoring page.",
        "fr": "Aucun tour d'évaluation : ouvrez-en un sur la page Évaluation.",
    },
    "results.pick_round": {"en": "Round", "fr": "Tour"},
    "results.live": {
        "en": "updates every {seconds} s",
        "fr": "mis à jour toutes les {seconds} s",
    },
    "results.hidden": {
        "en": "Blind round: the scores stay hidden until the facilitator reveals them.",
        "fr": "Tour à l'aveugle : les notes restent cachées jusqu'à ce que l'animateur les révèle.",
    },
    "results.raters_answered": {"en": "Raters who answered", "fr": "Votants ayant répondu"},
    "results.target_progress": {
        "en": "{target}: {raters} raters",
        "fr": "{target} : {raters} votants",
    },
    "results.no_scores_yet": {
        "en": "No score yet: the results appear here as the answers arrive.",
        "fr": "Aucune note pour l'instant : les résultats s'affichent ici au fil des réponses.",
    },
    "results.metric_raters": {"en": "Raters", "fr": "Votants"},
    "results.metric_alpha": {
        "en": "Agreement (Krippendorff's alpha)",
        "fr": "Accord (alpha de Krippendorff)",
    },
    "results.alpha_help": {
        "en": "1 = every rater gives the same scores, 0 = no more agreement than chance. "
        "From 0.8 the ranking is reliable; below 0.67 raters disagree a lot.",
        "fr": "1 = tous les votants donnent les mêmes notes, 0 = pas plus d'accord que le "
        "hasard. À partir de 0,8 le classement est fiable ; en dessous de 0,67 les votants "
        "sont très partagés.",
    },
    "results.alpha_high": {"en": "Raters agree", "fr": "Les votants sont d'accord"},
    "results.alpha_medium": {
        "en": "Raters partly agree: read the ranking with care",
        "fr": "Accord partiel : lisez le classement avec prudence",
    },
    "results.alpha_low": {"en": "Raters disagree a lot", "fr": "Les votants sont très partagés"},
    "results.alpha_chance": {
        "en": "No more agreement than chance",
        "fr": "Pas plus d'accord que le hasard",
    },
    "results.alpha_none.too-few-raters": {
        "en": "Needs at least two raters",
        "fr": "Il faut au moins deux votants",
    },
    "results.alpha_none.no-shared-item": {
        "en": "No question answered by two raters yet",
        "fr": "Aucune question notée par deux votants pour l'instant",
    },
    "results.alpha_none.no-variation": {
        "en": "Every rater gave the same answer",
        "fr": "Tous les votants ont donné la même réponse",
    },
    "results.metric_sweet": {"en": "In the sweet spot", "fr": "Dans la zone idéale"},
    "results.metric_controversial": {"en": "Controversial", "fr": "Controversés"},
    "results.ranking": {"en": "Ranking", "fr": "Classement"},
    "results.col_rank": {"en": "Rank", "fr": "Rang"},
    "results.col_target": {"en": "Target", "fr": "Élément"},
    "results.col_overall": {"en": "Overall", "fr": "Note globale"},
    "results.col_raters": {"en": "Raters", "fr": "Votants"},
    "results.col_spread": {"en": "Spread", "fr": "Écart"},
    "results.col_flags": {"en": "Disagreement", "fr": "Désaccord"},
    "results.col_sweet_spot": {"en": "Sweet spot", "fr": "Zone idéale"},
    "results.col_admissible": {"en": "Admissible", "fr": "Recevable"},
    "results.col_citizen_votes": {
        "en": "Imported citizen votes",
        "fr": "Votes citoyens importés",
    },
    "results.admissible_yes": {"en": "yes", "fr": "oui"},
    "results.admissible_no": {"en": "no ({criteria})", "fr": "non ({criteria})"},
    "results.flag_line": {"en": "{reason}: {dimensions}", "fr": "{reason} : {dimensions}"},
    "results.flag_spread": {"en": "wide spread", "fr": "notes dispersées"},
    "results.flag_polarised": {"en": "two camps", "fr": "deux camps"},
    "results.ranking_caption": {
        "en": "Scores out of 100 (mean of the raters); “2=” marks a shared rank. Spread: the "
        "largest standard deviation of a dimension. ★: {threshold} or more on all three "
        "dimensions.",
        "fr": "Notes sur 100 (moyenne des votants) ; « 2= » signale un rang partagé. Écart : "
        "le plus grand écart-type d'une dimension. ★ : {threshold} ou plus sur les trois "
        "dimensions.",
    },
    "results.votes_caption": {
        "en": "Imported citizen votes (supports, agree counts, adhesions) come from the "
        "platform: another desirability signal, not part of the workshop's scores.",
        "fr": "Les votes citoyens importés (soutiens, votes pour, adhésions) viennent de la "
        "plateforme : un autre signal de désirabilité, qui n'entre pas dans les notes de "
        "l'atelier.",
    },
    "results.chart": {
        "en": "Desirability × feasibility × viability",
        "fr": "Désirabilité × faisabilité × viabilité",
    },
    "results.chart_caption": {
        "en": "Larger, lighter dots are more desirable. ★ in the sweet spot; a dashed ring and ⚠ "
        "mark where raters disagree.",
        "fr": "Plus le point est gros et clair, plus l'idée est désirable. ★ dans la zone "
        "idéale ; un cercle pointillé et ⚠ signalent un désaccord entre votants.",
    },
    "results.chart_empty": {
        "en": "Nothing to draw yet.",
        "fr": "Rien à dessiner pour l'instant.",
    },
    "results.chart_unplaced": {
        "en": "{count} targets without feasibility or viability scores are not drawn.",
        "fr": "{count} éléments sans note de faisabilité ou de viabilité ne sont pas dessinés.",
    },
    "results.sweet_region": {
        "en": "Sweet spot (if desirable too)",
        "fr": "Zone idéale (si désirable aussi)",
    },
    "results.sweet_title": {"en": "★ Sweet spot", "fr": "★ Zone idéale"},
    "results.sweet_none": {
        "en": "No target reaches the threshold on all three dimensions.",
        "fr": "Aucun élément n'atteint le seuil sur les trois dimensions.",
    },
    "results.disagreement_title": {
        "en": "⚠ Where the room disagrees",
        "fr": "⚠ Où la salle n'est pas d'accord",
    },
    "results.disagreement_none": {
        "en": "No target splits the room.",
        "fr": "Aucun élément ne divise la salle.",
    },
    "results.legend_sweet": {"en": "sweet spot", "fr": "zone idéale"},
    "results.legend_other": {"en": "other", "fr": "autre"},
    "results.legend_shape": {"en": "Marker", "fr": "Symbole"},
    "results.distribution": {"en": "Every rater's scores", "fr": "Les notes de chaque votant"},
    "results.distribution_axis": {"en": "Score out of 100", "fr": "Note sur 100"},
    "results.legend_dimension": {"en": "Dimension", "fr": "Dimension"},
    "results.legend_raters": {"en": "Raters", "fr": "Votants"},
    "results.distribution_caption": {
        "en": "One dot per score (larger when several raters gave it), the black tick is the "
        "mean. A wide row is where the room disagrees.",
        "fr": "Un point par note (plus gros quand plusieurs votants l'ont donnée), le trait noir "
        "est la moyenne. Une ligne étalée montre où la salle n'est pas d'accord.",
    },
}
