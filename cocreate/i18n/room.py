"""Strings of the light participant pages (``cocreate.web``): joining, the idea form, the
ballot's saving, what a phone says while the room is elsewhere."""

STRINGS: dict[str, dict[str, str]] = {
    "room.anonymous": {
        "en": "You take part anonymously.",
        "fr": "Vous participez de façon anonyme.",
    },
    "room.idea_received": {"en": "Idea received, thank you!", "fr": "Idée reçue, merci !"},
    "room.idea_refused": {
        "en": "Your idea was not stored: {reason}. Your text is still below.",
        "fr": "Votre idée n'a pas été enregistrée : {reason}. Votre texte est resté ci-dessous.",
    },
    "room.not_stored": {
        "en": "Not stored: the server is busy. Your text is still below: send it again.",
        "fr": "Pas enregistré : le serveur est occupé. Votre texte est resté ci-dessous : "
        "renvoyez-le.",
    },
    "room.save": {"en": "Save my answers", "fr": "Enregistrer mes réponses"},
    "room.saved": {"en": "Answers saved.", "fr": "Réponses enregistrées."},
    "room.saving": {"en": "Saving…", "fr": "Enregistrement…"},
    "room.not_saved": {
        "en": "Not saved: check the connection and tap again.",
        "fr": "Pas enregistré : vérifiez la connexion et touchez à nouveau.",
    },
    "room.bad_answer": {
        "en": "This answer does not fit the question: choose one of the options.",
        "fr": "Cette réponse ne correspond pas à la question : choisissez une des options.",
    },
    "room.refresh": {"en": "Refresh", "fr": "Actualiser"},
    "room.language": {"en": "Language:", "fr": "Langue :"},
    "room.open_room": {
        "en": "Open the participant page",
        "fr": "Ouvrir la page des participants",
    },
}
