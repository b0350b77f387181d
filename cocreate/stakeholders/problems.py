"""Why a stakeholder map was refused, and where: :class:`MapProblem` (one reason, with its
file, sheet, line or row, column or graph element, in French or English) and
:class:`StakeholderMapError` (every reason at once)."""

from __future__ import annotations

from dataclasses import dataclass

from cocreate.records import RowProblem

MESSAGES: dict[str, dict[str, str]] = {
    "unreadable": {"en": "cannot be read ({reason})", "fr": "illisible ({reason})"},
    "missing_column": {"en": "no “{value}” column", "fr": "pas de colonne « {value} »"},
    "missing_value": {"en": "{field} is empty", "fr": "{field} est vide"},
    "duplicate_element": {
        "en": "the ID “{value}” appears twice",
        "fr": "l'identifiant « {value} » apparaît deux fois",
    },
    "duplicate_actor": {
        "en": "actor “{value}” appears twice",
        "fr": "l'acteur « {value} » apparaît deux fois",
    },
    "unknown_kind": {
        "en": "unknown element type “{value}” (expected one of: {expected})",
        "fr": "type d'élément inconnu « {value} » (valeurs possibles : {expected})",
    },
    "unknown_group": {
        "en": "unknown group “{value}” (expected one of: {expected})",
        "fr": "groupe inconnu « {value} » (valeurs possibles : {expected})",
    },
    "unknown_stance": {
        "en": "unknown stance “{value}” (expected one of: {expected})",
        "fr": "position inconnue « {value} » (valeurs possibles : {expected})",
    },
    "unknown_relation_type": {
        "en": "unknown relation type “{value}” (expected one of: {expected}; a workshop can"
        " add its own types)",
        "fr": "type de relation inconnu « {value} » (valeurs possibles : {expected} ; un"
        " atelier peut ajouter ses propres types)",
    },
    "unknown_role": {
        "en": "unknown role “{value}” (expected one of: {expected})",
        "fr": "rôle inconnu « {value} » (valeurs possibles : {expected})",
    },
    "unknown_direction": {
        "en": "unknown direction “{value}” (expected one of: {expected})",
        "fr": "direction inconnue « {value} » (valeurs possibles : {expected})",
    },
    "bad_scale": {
        "en": "{field} must be a whole number from 1 to 5, not “{value}”",
        "fr": "{field} doit être un nombre entier de 1 à 5, et non « {value} »",
    },
    "bad_weight": {
        "en": "the weight must be a number above 0, not “{value}”",
        "fr": "le poids doit être un nombre supérieur à 0, et non « {value} »",
    },
    "bad_target": {
        "en": "“{value}” is not a cluster or idea id (cluster:<number> or idea:<number>)",
        "fr": "« {value} » n'est pas un identifiant de groupe ou d'idée"
        " (cluster:<nombre> ou idea:<nombre>)",
    },
    "unknown_actor": {
        "en": "no actor “{value}” in this map",
        "fr": "aucun acteur « {value} » dans cette carte",
    },
    "unknown_element": {
        "en": "no element “{value}” in this map",
        "fr": "aucun élément « {value} » dans cette carte",
    },
    "ambiguous_element": {
        "en": "several elements are labelled “{value}”: give them an ID",
        "fr": "plusieurs éléments s'appellent « {value} » : donnez-leur un identifiant (ID)",
    },
    "bad_connection": {
        "en": "a {kind} cannot go from a {source} to a {target}",
        "fr": "un lien de type {kind} ne peut pas aller d'un élément {source} à un élément"
        " {target}",
    },
    "self_relation": {
        "en": "an actor cannot be related to itself",
        "fr": "un acteur ne peut pas être relié à lui-même",
    },
    "duplicate_relation": {
        "en": "the “{value}” relation between these two actors appears twice",
        "fr": "la relation « {value} » entre ces deux acteurs apparaît deux fois",
    },
    "duplicate_link": {
        "en": "this actor is linked there as “{value}” twice",
        "fr": "cet acteur y est relié deux fois comme « {value} »",
    },
    "idea_in_two_clusters": {
        "en": "idea {value} is put in two clusters",
        "fr": "l'idée {value} est placée dans deux groupes",
    },
    "unknown_cluster": {
        "en": "no cluster {value} in this workshop",
        "fr": "aucun groupe {value} dans cet atelier",
    },
    "unknown_idea": {
        "en": "no idea {value} in this workshop",
        "fr": "aucune idée {value} dans cet atelier",
    },
}
WHERE = {
    "en": {"line": "line", "row": "row", "column": "column", "sheet": "sheet"},
    "fr": {"line": "ligne", "row": "ligne", "column": "colonne", "sheet": "feuille"},
}


@dataclass
class MapProblem(RowProblem):
    """Why a map (or a file holding one) was refused, and where: file, sheet, line or row,
    column, or the element (node or edge) of a graph file."""

    sheet: str | None = None
    element: str | None = None
    unit: str = "line"

    def message(self, lang: str = "en") -> str:
        words = WHERE.get(lang, WHERE["en"])
        where = [self.file] if self.file else []
        if self.sheet:
            where.append(f"{words['sheet']} {self.sheet}")
        if self.line is not None:
            where.append(f"{words[self.unit]} {self.line}")
        if self.element:
            where.append(self.element)
        if self.column:
            where.append(f"{words['column']} {self.column}")
        texts = MESSAGES[self.code]
        text = (texts.get(lang) or texts["en"]).format(**self.params)
        return f"{', '.join(where)}: {text}" if where else text


class StakeholderMapError(ValueError):
    """A map was refused; ``problems`` lists every reason with its place."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def messages(self, lang: str = "en") -> list[str]:
        return [p.message(lang) for p in self.problems]
