"""Strings of serving the app: whether phones can reach it, and Streamlit's own widget texts
(set through the widgets' parameters, or replaced on screen by :mod:`cocreate.ui.widget_text`)."""

STRINGS: dict[str, dict[str, str]] = {
    # the presenter view when phones cannot reach the join link
    "present.local_only": {
        "en": "Phones cannot join yet: cocreate is open to this computer only. To open it to "
        "the room, stop it and start it again with {command} (the facilitator secret is then "
        "asked).",
        "fr": "Les téléphones ne peuvent pas encore rejoindre : cocreate n'est ouvert qu'à cet "
        "ordinateur. Pour l'ouvrir à la salle, arrêtez-le et relancez-le avec {command} (le "
        "secret d'animation est alors demandé).",
    },
    "present.no_network": {
        "en": "Phones cannot join yet: this computer is on no network. Connect it to the "
        "room's Wi-Fi, then reload this page.",
        "fr": "Les téléphones ne peuvent pas encore rejoindre : cet ordinateur n'est relié à "
        "aucun réseau. Reliez-le au Wi-Fi de la salle, puis rechargez cette page.",
    },
    # a page this session cannot open, or no page at all, in place of Streamlit's dialog
    "app.not_found": {"en": "Page not found", "fr": "Page introuvable"},
    "app.not_found_body": {
        "en": "There is no page “{name}” here.",
        "fr": "Il n'y a pas de page « {name} » ici.",
    },
    "app.go_home": {"en": "Go to {page}", "fr": "Aller à : {page}"},
    # Streamlit's own widget texts
    "widget.choose_one": {"en": "Choose an option", "fr": "Choisissez une option"},
    "widget.choose_many": {"en": "Choose options", "fr": "Choisissez des options"},
    "widget.select_all": {"en": "Select all", "fr": "Tout sélectionner"},
    "widget.select_matches": {"en": "Select the matches", "fr": "Sélectionner ces résultats"},
    "widget.upload": {"en": "Upload", "fr": "Choisir un fichier"},
    "widget.upload_limit": {"en": "{size} per file", "fr": "{size} par fichier au plus"},
    "widget.megabytes": {"en": "{count} MB", "fr": "{count} Mo"},
    "widget.enter_apply": {"en": "Press Enter to apply", "fr": "Entrée pour valider"},
    "widget.enter_submit": {
        "en": "Press Enter to submit form",
        "fr": "Entrée pour envoyer le formulaire",
    },
    "widget.ctrl_enter_apply": {
        "en": "Press Ctrl+Enter to apply",
        "fr": "Ctrl+Entrée (⌘+Entrée sur Mac) pour valider",
    },
    "widget.ctrl_enter_submit": {
        "en": "Press Ctrl+Enter to submit form",
        "fr": "Ctrl+Entrée (⌘+Entrée sur Mac) pour envoyer le formulaire",
    },
}
