"""Strings of the Indicators page and of the indicators' tables (columns, groups, units)."""

STRINGS: dict[str, dict[str, str]] = {
    "nav.indicators": {"en": "Indicators", "fr": "Indicateurs"},
    "indicators.header": {"en": "Indicators", "fr": "Indicateurs"},
    "indicators.intro": {
        "en": "Participation and follow-up, computed from the ideas stored. Each chart has its "
        "table beside it, downloadable as CSV.",
        "fr": "Participation et suivi, calculés à partir des idées enregistrées. Chaque "
        "graphique a son tableau à côté, téléchargeable en CSV.",
    },
    "indicators.scope": {"en": "Ideas of", "fr": "Idées de"},
    "indicators.scope_workshop": {"en": "this workshop", "fr": "cet atelier"},
    "indicators.scope_all": {"en": "all workshops", "fr": "tous les ateliers"},
    "indicators.counted": {
        "en": "{count} ideas counted.",
        "fr": "{count} idées comptées.",
    },
    "indicators.no_ideas": {
        "en": "No idea yet: import or collect ideas first.",
        "fr": "Pas encore d'idée : importez ou recueillez d'abord des idées.",
    },
    "indicators.population_title": {
        "en": "Population figures (who is missing?)",
        "fr": "Chiffres de population (qui manque ?)",
    },
    "indicators.population_help": {
        "en": "A CSV file with two columns, group and population: one line per neighbourhood "
        "or per age band (under 18, 18-24, 25-34, 35-49, 50-64, 65+).",
        "fr": "Un fichier CSV à deux colonnes, groupe et population : une ligne par quartier "
        "ou par tranche d'âge (moins de 18, 18-24, 25-34, 35-49, 50-64, 65+).",
    },
    "indicators.population_neighbourhood": {
        "en": "Population per neighbourhood (CSV)",
        "fr": "Population par quartier (CSV)",
    },
    "indicators.population_age_band": {
        "en": "Population per age band (CSV)",
        "fr": "Population par tranche d'âge (CSV)",
    },
    "indicators.population_read": {
        "en": "{groups} groups, {people} people.",
        "fr": "{groups} groupes, {people} personnes.",
    },
    "indicators.population_error.too_large": {
        "en": "This file is too large for population figures (more than {limit} bytes).",
        "fr": "Ce fichier est trop gros pour des chiffres de population (plus de {limit} octets).",
    },
    "indicators.population_error.unreadable": {
        "en": "This file cannot be read as text (save it as CSV in UTF-8).",
        "fr": "Ce fichier ne se lit pas comme du texte (enregistrez-le en CSV UTF-8).",
    },
    "indicators.population_error.empty": {
        "en": "This file gives no population figure.",
        "fr": "Ce fichier ne donne aucun chiffre de population.",
    },
    "indicators.population_error.columns": {
        "en": "Line {line}: expected two columns, group and population.",
        "fr": "Ligne {line} : deux colonnes attendues, groupe et population.",
    },
    "indicators.population_error.no_group": {
        "en": "Line {line}: the group is empty.",
        "fr": "Ligne {line} : le groupe est vide.",
    },
    "indicators.population_error.not_a_count": {
        "en": "Line {line}: “{value}” is not a number of people.",
        "fr": "Ligne {line} : « {value} » n'est pas un nombre de personnes.",
    },
    "indicators.population_error.twice": {
        "en": "Line {line}: the group “{group}” is already given above.",
        "fr": "Ligne {line} : le groupe « {group} » est déjà donné plus haut.",
    },
    "indicators.definitions_error": {
        "en": "An indicator file is wrong and no indicator is shown: {error}",
        "fr": "Un fichier d'indicateur est erroné et aucun indicateur n'est affiché : {error}",
    },
    "indicators.headline": {"en": "Overall", "fr": "Ensemble"},
    "indicators.target": {"en": "target {reached} {value}", "fr": "objectif {reached} {value}"},
    "indicators.target_at_least": {"en": "at least", "fr": "au moins"},
    "indicators.target_at_most": {"en": "at most", "fr": "au plus"},
    "indicators.target_reached": {"en": "Target reached", "fr": "Objectif atteint"},
    "indicators.target_missed": {"en": "Target not reached", "fr": "Objectif non atteint"},
    "indicators.not_in_data": {
        "en": "Not in this data: no idea carries this information.",
        "fr": "Absent de ces données : aucune idée ne porte cette information.",
    },
    "indicators.needs_population": {
        "en": "Give the population figures above to see who is missing.",
        "fr": "Donnez les chiffres de population ci-dessus pour voir qui manque.",
    },
    "indicators.no_values": {
        "en": "No figure yet: no idea to measure.",
        "fr": "Pas encore de chiffre : aucune idée à mesurer.",
    },
    "indicators.missing": {
        "en": "{count} ideas without this information are counted overall but not in the table.",
        "fr": "{count} idées sans cette information comptent dans l'ensemble mais pas dans le "
        "tableau.",
    },
    "indicators.unmatched": {
        "en": "Groups of the data absent from the population file: {groups}.",
        "fr": "Groupes des données absents du fichier de population : {groups}.",
    },
    "indicators.download": {"en": "Download the table (CSV)", "fr": "Télécharger le tableau (CSV)"},
    # table columns
    "indicators.col.ideas": {"en": "Ideas", "fr": "Idées"},
    "indicators.col.contributors": {"en": "Contributors", "fr": "Contributeurs"},
    "indicators.col.share": {"en": "Share (%)", "fr": "Part (%)"},
    "indicators.col.part": {"en": "Counted", "fr": "Comptées"},
    "indicators.col.total": {"en": "Out of", "fr": "Sur"},
    "indicators.col.median_days": {"en": "Median days", "fr": "Jours (médiane)"},
    "indicators.col.measured": {"en": "Ideas measured", "fr": "Idées mesurées"},
    "indicators.col.sum": {"en": "Total", "fr": "Total"},
    "indicators.col.population": {"en": "Population", "fr": "Population"},
    "indicators.col.count_share": {
        "en": "Share of contributions (%)",
        "fr": "Part des contributions (%)",
    },
    "indicators.col.population_share": {
        "en": "Share of population (%)",
        "fr": "Part de la population (%)",
    },
    "indicators.col.gap": {"en": "Gap (points)", "fr": "Écart (points)"},
    "indicators.col.ratio": {"en": "Representation", "fr": "Représentation"},
    "indicators.col.by_month": {"en": "Month", "fr": "Mois"},
    "indicators.col.by_year": {"en": "Year", "fr": "Année"},
    "indicators.col.by_channel": {"en": "Channel", "fr": "Canal"},
    "indicators.col.by_status": {"en": "Stage", "fr": "Étape"},
    "indicators.col.by_outcome": {"en": "Decision", "fr": "Décision"},
    "indicators.col.by_department": {"en": "Department", "fr": "Direction"},
    "indicators.col.by_neighbourhood": {"en": "Neighbourhood", "fr": "Quartier"},
    "indicators.col.by_age_band": {"en": "Age band", "fr": "Tranche d'âge"},
    "indicators.col.by_cluster": {"en": "Group", "fr": "Groupe"},
    "indicators.col.by_source": {"en": "Source", "fr": "Source"},
    "indicators.col.by_language": {"en": "Language", "fr": "Langue"},
    # groups
    "indicators.channel.workshop": {"en": "Workshop", "fr": "Atelier"},
    "indicators.channel.platform": {"en": "Online platform", "fr": "Plateforme en ligne"},
    "indicators.channel.paper": {"en": "Paper form", "fr": "Formulaire papier"},
    "indicators.status.received": {"en": "Received", "fr": "Reçue"},
    "indicators.status.under_review": {"en": "Under review", "fr": "À l'étude"},
    "indicators.status.shortlisted": {"en": "Shortlisted", "fr": "Retenue pour examen"},
    "indicators.status.decided": {"en": "Decided", "fr": "Décidée"},
    "indicators.status.in_progress": {"en": "In progress", "fr": "En cours"},
    "indicators.status.done": {"en": "Done", "fr": "Réalisée"},
    "indicators.outcome.accepted": {"en": "Accepted", "fr": "Acceptée"},
    "indicators.outcome.partly_accepted": {"en": "Partly accepted", "fr": "Acceptée en partie"},
    "indicators.outcome.not_retained": {"en": "Not retained", "fr": "Non retenue"},
    "indicators.outcome.merged": {"en": "Merged into another", "fr": "Fusionnée avec une autre"},
    "indicators.outcome.out_of_scope": {
        "en": "Outside the city's scope",
        "fr": "Hors compétence de la ville",
    },
    "indicators.age_band.under-18": {"en": "Under 18", "fr": "Moins de 18 ans"},
    "indicators.age_band.18-24": {"en": "18-24", "fr": "18-24 ans"},
    "indicators.age_band.25-34": {"en": "25-34", "fr": "25-34 ans"},
    "indicators.age_band.35-49": {"en": "35-49", "fr": "35-49 ans"},
    "indicators.age_band.50-64": {"en": "50-64", "fr": "50-64 ans"},
    "indicators.age_band.65+": {"en": "65 and over", "fr": "65 ans et plus"},
    # units
    "indicators.unit.ideas": {"en": "ideas", "fr": "idées"},
    "indicators.unit.people": {"en": "people", "fr": "personnes"},
    "indicators.unit.%": {"en": "%", "fr": "%"},
    "indicators.unit.days": {"en": "days", "fr": "jours"},
    "indicators.unit.EUR": {"en": "€", "fr": "€"},
}
