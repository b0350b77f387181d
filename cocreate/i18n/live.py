"""Strings of the live workshop: joining, roles, phases, the participant and presenter views."""

STRINGS: dict[str, dict[str, str]] = {
    "nav.join": {"en": "Join", "fr": "Rejoindre"},
    "nav.participate": {"en": "Take part", "fr": "Participer"},
    "nav.present": {"en": "Presenter view", "fr": "Écran projeté"},
    # phases
    "phase.collect": {"en": "Collect ideas", "fr": "Collecte des idées"},
    "phase.cluster": {"en": "Group ideas", "fr": "Regroupement"},
    "phase.score": {"en": "Score", "fr": "Évaluation"},
    "phase.map": {"en": "Map the actors", "fr": "Carte des acteurs"},
    "phase.decide": {"en": "Decide", "fr": "Décision"},
    "live.phase": {"en": "Phase of the room", "fr": "Étape de la salle"},
    "live.phase_now": {"en": "Phase of the room: {phase}", "fr": "Étape de la salle : {phase}"},
    "live.phase_set": {"en": "The room moved to: {phase}.", "fr": "La salle passe à : {phase}."},
    "live.move_phase": {"en": "Move the room", "fr": "Faire avancer la salle"},
    # joining
    "join.header": {"en": "Join a workshop", "fr": "Rejoindre un atelier"},
    "join.code": {"en": "Workshop code", "fr": "Code de l'atelier"},
    "join.code_help": {
        "en": "The 6 characters shown on the projected screen.",
        "fr": "Les 6 caractères affichés sur l'écran projeté.",
    },
    "join.submit": {"en": "Join", "fr": "Rejoindre"},
    "join.wrong_code": {
        "en": "No workshop has the code “{code}”. Check the projected screen.",
        "fr": "Aucun atelier n'a le code « {code} ». Vérifiez l'écran projeté.",
    },
    "join.joined": {
        "en": "Welcome to “{title}”. You take part anonymously.",
        "fr": "Bienvenue dans « {title} ». Vous participez de façon anonyme.",
    },
    "join.facilitate": {"en": "I facilitate this workshop", "fr": "J'anime cet atelier"},
    "join.secret": {"en": "Facilitator secret", "fr": "Secret d'animation"},
    "join.create": {"en": "Create a new workshop", "fr": "Créer un nouvel atelier"},
    "join.unlock": {"en": "Open as facilitator", "fr": "Ouvrir en animateur"},
    "join.wrong_secret": {
        "en": "Wrong code or secret.",
        "fr": "Code ou secret incorrect.",
    },
    "join.open_mode": {
        "en": "This app is served to this computer only: you facilitate every workshop.",
        "fr": "L'application n'est servie qu'à cet ordinateur : vous animez tous les ateliers.",
    },
    "live.refused": {
        "en": "This page is for the workshop's facilitators. Join with the workshop code, "
        "or give the facilitator secret.",
        "fr": "Cette page est réservée à l'animation de l'atelier. Rejoignez-le avec son "
        "code, ou donnez le secret d'animation.",
    },
    "live.secret_once": {
        "en": "Facilitator secret: **{secret}** — note it now, it is shown only once.",
        "fr": "Secret d'animation : **{secret}** — notez-le maintenant, il n'est montré "
        "qu'une fois.",
    },
    "live.new_secret": {"en": "New facilitator secret", "fr": "Nouveau secret d'animation"},
    # participant view
    "participate.collect": {
        "en": "Your idea for: {challenge}",
        "fr": "Votre idée pour : {challenge}",
    },
    "participate.idea": {"en": "Your idea", "fr": "Votre idée"},
    "participate.pseudonym": {
        "en": "Pseudonym (optional)",
        "fr": "Pseudonyme (facultatif)",
    },
    "participate.send": {"en": "Send my idea", "fr": "Envoyer mon idée"},
    "participate.sent": {
        "en": "Thank you! Your idea is on the wall.",
        "fr": "Merci ! Votre idée est au mur.",
    },
    "participate.mine": {"en": "Your ideas ({count})", "fr": "Vos idées ({count})"},
    "participate.wait_cluster": {
        "en": "The facilitator is grouping the ideas. Look at the screen!",
        "fr": "L'animation regroupe les idées. Regardez l'écran !",
    },
    "participate.wait_map": {
        "en": "The room is mapping who must be involved. Look at the screen!",
        "fr": "La salle dessine la carte des acteurs. Regardez l'écran !",
    },
    "participate.wait_decide": {
        "en": "The room is deciding. Thank you for taking part!",
        "fr": "La salle décide. Merci de votre participation !",
    },
    "participate.go_score": {"en": "Score the shortlist", "fr": "Noter la sélection"},
    "participate.not_joined": {
        "en": "Join the workshop first, with its code.",
        "fr": "Rejoignez d'abord l'atelier, avec son code.",
    },
    # presenter view
    "present.join_at": {"en": "Join at {url}", "fr": "Rejoignez sur {url}"},
    "present.code": {"en": "Code {code}", "fr": "Code {code}"},
    "present.ideas": {"en": "{count} ideas", "fr": "{count} idées"},
    "present.no_ideas": {
        "en": "Scan the code and send the first idea!",
        "fr": "Scannez le code et envoyez la première idée !",
    },
    "present.waiting": {
        "en": "{count} new, not yet placed",
        "fr": "{count} nouvelles, pas encore placées",
    },
    "present.no_clusters": {
        "en": "The ideas are not grouped yet.",
        "fr": "Les idées ne sont pas encore regroupées.",
    },
    "present.exit": {"en": "Back to the app", "fr": "Retour à l'application"},
}
