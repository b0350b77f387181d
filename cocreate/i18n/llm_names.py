"""Strings of the optional local naming model (``cocreate.clustering.llm_names``)."""

STRINGS: dict[str, dict[str, str]] = {
    "llm_names.not_a_url": {
        "en": "The naming model's address {url!r} is not a URL (e.g. http://127.0.0.1:8080/v1).",
        "fr": "L'adresse du modèle de noms {url!r} n'est pas une URL "
        "(par exemple http://127.0.0.1:8080/v1).",
    },
    "llm_names.bad_scheme": {
        "en": "The naming model's address {url!r} starts with {scheme!r}: only http and https "
        "are accepted.",
        "fr": "L'adresse du modèle de noms {url!r} commence par {scheme!r} : seuls http et "
        "https sont acceptés.",
    },
    "llm_names.unresolved": {
        "en": "The naming model's host {host!r} (in {url!r}) cannot be found on this machine "
        "or its network: refused, so that no idea leaves the machine.",
        "fr": "L'hôte du modèle de noms {host!r} (dans {url!r}) est introuvable sur cette "
        "machine ou son réseau : refusé, pour qu'aucune idée ne quitte la machine.",
    },
    "llm_names.not_local": {
        "en": "The naming model's host {host!r} (in {url!r}, address {addresses}) is not on "
        "this machine or its local network: refused, the ideas never leave the machine.",
        "fr": "L'hôte du modèle de noms {host!r} (dans {url!r}, adresse {addresses}) n'est pas "
        "sur cette machine ou son réseau local : refusé, les idées ne quittent jamais la "
        "machine.",
    },
    "llm_names.bad_setting": {
        "en": "{name}={value!r}: give a positive number.",
        "fr": "{name}={value!r} : indiquez un nombre positif.",
    },
    "llm_names.caption": {
        "en": "Names proposed by the local model at {host}; each is checked, and the offline "
        "name stays where a proposal fails.",
        "fr": "Noms proposés par le modèle local à l'adresse {host} ; chacun est vérifié, et "
        "le nom calculé hors ligne reste quand une proposition échoue.",
    },
    "llm_names.summary": {
        "en": "local model at {host}: {proposed} of {asked} names proposed, the others kept "
        "their offline names",
        "fr": "modèle local à l'adresse {host} : {proposed} noms proposés sur {asked}, les "
        "autres gardent leur nom calculé hors ligne",
    },
}
