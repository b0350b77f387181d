"""Strings of faults: a database that cannot be opened or written as asked, backups and
restores, refused tries (rate limits)."""

STRINGS: dict[str, dict[str, str]] = {
    "fault.not_a_database": {
        "en": "{path} is not a cocreate database (it is not an SQLite file). Give the path of "
        "a cocreate database, or a new file name to start one.",
        "fr": "{path} n'est pas une base cocreate (ce n'est pas un fichier SQLite). Indiquez "
        "le chemin d'une base cocreate, ou un nouveau nom de fichier pour en créer une.",
    },
    "fault.not_cocreate": {
        "en": "{path} is an SQLite file but not a cocreate database (no cocreate schema in it).",
        "fr": "{path} est un fichier SQLite mais pas une base cocreate (aucun schéma cocreate).",
    },
    "fault.corrupt": {
        "en": "The database {path} is damaged ({detail}). Nothing was written. Restore a "
        "backup: `cocreate restore FILE` (backups are kept in {backups}).",
        "fr": "La base {path} est endommagée ({detail}). Rien n'a été écrit. Restaurez une "
        "sauvegarde : `cocreate restore FICHIER` (les sauvegardes sont dans {backups}).",
    },
    "fault.read_only": {
        "en": "The database {path} can only be read (the file or its folder is read-only): "
        "listing and export work, changes are refused. Nothing was written.",
        "fr": "La base {path} est en lecture seule (le fichier ou son dossier n'est pas "
        "modifiable) : consulter et exporter fonctionnent, les modifications sont refusées. "
        "Rien n'a été écrit.",
    },
    "fault.cannot_open": {
        "en": "The database {path} cannot be opened or created ({detail}): check that its "
        "folder exists and can be written.",
        "fr": "La base {path} ne peut être ni ouverte ni créée ({detail}) : vérifiez que son "
        "dossier existe et est modifiable.",
    },
    "fault.disk_full": {
        "en": "The disk holding {path} is full: nothing was written (what was stored is "
        "intact). Free some space, then try again; listing and export still work.",
        "fr": "Le disque de {path} est plein : rien n'a été écrit (ce qui était enregistré "
        "est intact). Libérez de la place puis réessayez ; consulter et exporter "
        "fonctionnent encore.",
    },
    "fault.io": {
        "en": "The database {path} could not be read or written ({detail}). Nothing was "
        "written; check the disk, then try again.",
        "fr": "La base {path} n'a pu être lue ou écrite ({detail}). Rien n'a été écrit ; "
        "vérifiez le disque, puis réessayez.",
    },
    "fault.newer_schema": {
        "en": "The database {path} was written by {version}, newer than this cocreate "
        "({current}): it can be read, not changed. Update cocreate to change it.",
        "fr": "La base {path} a été écrite par {version}, plus récent que ce cocreate "
        "({current}) : elle peut être lue, pas modifiée. Mettez cocreate à jour pour la "
        "modifier.",
    },
    "fault.newer_unreadable": {
        "en": "This cocreate could not read this part of the database ({detail}). {reason}",
        "fr": "Ce cocreate n'a pas pu lire cette partie de la base ({detail}). {reason}",
    },
    "fault.newer_version": {
        "en": "cocreate {version} (migration {migration})",
        "fr": "cocreate {version} (migration {migration})",
    },
    "fault.unknown_newer_version": {
        "en": "a newer version of cocreate (migration {migration})",
        "fr": "une version plus récente de cocreate (migration {migration})",
    },
    # backups and restores
    "backup.done": {
        "en": "Backup written: {path} ({ideas} ideas, {size} bytes)",
        "fr": "Sauvegarde écrite : {path} ({ideas} idées, {size} octets)",
    },
    "backup.restored": {
        "en": "Restored {source} into {path} ({ideas} ideas); the database as it was is "
        "kept in {kept}",
        "fr": "{source} restauré dans {path} ({ideas} idées) ; la base telle qu'elle était "
        "est gardée dans {kept}",
    },
    "backup.missing": {
        "en": "{path} does not exist.",
        "fr": "{path} n'existe pas.",
    },
    "backup.same_file": {
        "en": "{path} is the database itself: give a backup file.",
        "fr": "{path} est la base elle-même : indiquez un fichier de sauvegarde.",
    },
    "backup.not_written": {
        "en": "The backup {path} could not be written ({detail}); the database is unchanged.",
        "fr": "La sauvegarde {path} n'a pu être écrite ({detail}) ; la base est inchangée.",
    },
    # refused tries
    "access.too_many_tries": {
        "en": "Too many wrong tries. Wait {seconds} s, then try again.",
        "fr": "Trop d'essais erronés. Attendez {seconds} s, puis réessayez.",
    },
}
