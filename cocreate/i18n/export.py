"""Strings of the exports: the command line's bundle, plain export and audit messages."""

STRINGS: dict[str, dict[str, str]] = {
    "export.cli.written": {
        "en": "{count} ideas written to {path} (privacy: {privacy})",
        "fr": "{count} idées écrites dans {path} (confidentialité : {privacy})",
    },
    "export.cli.bundle_written": {
        "en": "Bundle written to {path}: {ideas} ideas, {clusters} clusters, {scores} scores, "
        "{actors} actors; {files} files (privacy: {privacy})",
        "fr": "Lot écrit dans {path} : {ideas} idées, {clusters} groupes, {scores} notes, "
        "{actors} acteurs ; {files} fichiers (confidentialité : {privacy})",
    },
    "export.cli.out_or_bundle": {
        "en": "Give --out FILE (one table) or --bundle DIR|ZIP (the research bundle).",
        "fr": "Indiquez --out FICHIER (une table) ou --bundle DOSSIER|ZIP (le lot de recherche).",
    },
    "export.cli.bundle_only": {
        "en": "{option} applies to --bundle only.",
        "fr": "{option} ne s'applique qu'à --bundle.",
    },
    "export.privacy.redacted": {
        "en": "texts redacted, authors pseudonymised, personal columns dropped",
        "fr": "textes expurgés, auteurs pseudonymisés, colonnes personnelles retirées",
    },
    "export.privacy.not_redacted": {
        "en": "texts NOT redacted, authors pseudonymised",
        "fr": "textes NON expurgés, auteurs pseudonymisés",
    },
    "export.privacy.columns_kept": {
        "en": "personal columns KEPT",
        "fr": "colonnes personnelles CONSERVÉES",
    },
    "export.imported": {
        "en": "Bundle {path} imported as workshop {slug}: {ideas} ideas.",
        "fr": "Lot {path} importé comme atelier {slug} : {ideas} idées.",
    },
    "audit.cli.none": {
        "en": "No export recorded yet.",
        "fr": "Aucun export enregistré pour l'instant.",
    },
    "audit.cli.written": {
        "en": "{count} audit entries written to {path}",
        "fr": "{count} entrées du journal écrites dans {path}",
    },
}
