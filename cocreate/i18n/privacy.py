"""Strings of the privacy features: hiding personal data on screens others see."""

STRINGS: dict[str, dict[str, str]] = {
    "privacy.hide_on_screen": {
        "en": "Hide personal data on this screen (phone numbers, e-mails, names, addresses)",
        "fr": "Masquer les données personnelles à l'écran (téléphones, e-mails, noms, adresses)",
    },
    "privacy.hide_on_screen_help": {
        "en": "On by default: what a participant typed about themselves or others is not "
        "projected to the room. The texts stored are not changed.",
        "fr": "Activé par défaut : ce qu'un participant a écrit sur lui-même ou sur d'autres "
        "n'est pas projeté dans la salle. Les textes enregistrés ne sont pas modifiés.",
    },
}
