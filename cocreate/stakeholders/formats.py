"""Stakeholder maps in and out: GraphML and GEXF (they open in Gephi), node-link JSON, and
the two tables Kumu imports (Elements, Connections) as a pair of CSV files or one XLSX
workbook.

Writers take a graph made by :func:`cocreate.stakeholders.build_graph`; readers return one,
so exporting then importing gives the same graph. GraphML, GEXF and JSON carry every node
and edge attribute (all scalars: strings, integers, floats, booleans); the Kumu tables carry:

- **Elements**: ID (``actor:<key>``, ``cluster:<id>``, ``idea:<id>``), Label, Type
  (actor, cluster or idea), Description (the notes), Group, Power, Interest, Stance;
- **Connections**: ID, From, To (element IDs, or labels), Type (the relation type, the
  role of a link, or "member" for an idea in a cluster), Kind (relation, link, member),
  Direction (directed, mutual, undirected), Weight, Description.

Reading checks every element against the vocabulary and refuses the whole file on any
problem, raising :class:`~cocreate.stakeholders.StakeholderMapError` that lists each one with
its file, sheet, line or row, column, or node/edge. It is forgiving where a person would be:
group, stance, type, role and direction may be ids or French or English labels ("Must
approve", "Habitants et collectifs d'habitants"); a missing power or interest is 3, a missing
stance "unknown", a missing direction the relation type's default, a missing Kind is inferred
from what the connection joins; a Kumu sheet without an ID column names its actors by label.
The flags ``approval``, ``conflict``, ``approves`` and ``carries`` of edges are recomputed
from the vocabulary, never read.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from cocreate.ingest import IngestError, normalise_header, read_table
from cocreate.records import RowProblem, slugify
from cocreate.spreadsheet import neutralise_frame, restore_formula
from cocreate.stakeholders.graph import build_graph
from cocreate.stakeholders.problems import MapProblem, StakeholderMapError
from cocreate.stakeholders.records import (
    NODE_KINDS,
    TARGET_KINDS,
    Actor,
    Link,
    Relation,
    StakeholderMap,
    Target,
)
from cocreate.stakeholders.stored import import_map
from cocreate.stakeholders.vocabulary import (
    RelationType,
    Vocabulary,
    load_vocabulary,
    workshop_vocabulary,
)

if TYPE_CHECKING:
    from cocreate.store import Store

__all__ = [
    "MAP_FORMATS",
    "format_for_path",
    "write_graphml",
    "read_graphml",
    "write_gexf",
    "read_gexf",
    "write_node_link",
    "read_node_link",
    "kumu_tables",
    "write_kumu_csv",
    "read_kumu_csv",
    "write_kumu_xlsx",
    "read_kumu_xlsx",
    "write_map",
    "read_map",
    "import_stakeholder_file",
]

MAP_FORMATS = {
    "graphml": ".graphml",
    "gexf": ".gexf",
    "json": ".json",
    "kumu-xlsx": ".xlsx",
    "kumu-csv": ".csv",
}
ELEMENTS_SHEET = "Elements"
CONNECTIONS_SHEET = "Connections"
ELEMENT_COLUMNS = {
    "id": "id",
    "label": "label",
    "type": "kind",
    "description": "notes",
    "group": "group",
    "power": "power",
    "interest": "interest",
    "stance": "stance",
    "key": "key",
}
CONNECTION_COLUMNS = {
    "from": "from",
    "to": "to",
    "type": "type",
    "kind": "kind",
    "direction": "direction",
    "weight": "weight",
    "strength": "weight",
    "description": "notes",
}
CONNECTION_KINDS = ("relation", "link", "member")

Destination = str | Path | IO[bytes]


# writing -----------------------------------------------------------------------------------


def write_graphml(G: nx.MultiDiGraph, path: Destination) -> None:
    """GraphML with typed attributes; parallel edges keep their key as edge id."""
    nx.write_graphml(G, path)


def write_gexf(G: nx.MultiDiGraph, path: Destination) -> None:
    """GEXF 1.2 for Gephi; parallel edges keep their key."""
    nx.write_gexf(G, path)


def write_node_link(G: nx.MultiDiGraph, path: Destination) -> None:
    """networkx node-link JSON (``nodes`` and ``edges`` lists), UTF-8."""
    data = json.dumps(nx.node_link_data(G, edges="edges"), ensure_ascii=False, indent=2)
    _write_bytes(path, data.encode("utf-8"))


def _write_bytes(path: Destination, data: bytes) -> None:
    if hasattr(path, "write"):
        path.write(data)
    else:
        Path(path).write_bytes(data)


def kumu_tables(G: nx.MultiDiGraph) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Elements and Connections tables of a map, in node and edge order."""
    elements = []
    for node, d in sorted(G.nodes(data=True)):
        actor = d.get("kind") == "actor"
        elements.append(
            {
                "ID": node,
                "Label": d.get("label", node),
                "Type": d.get("kind", ""),
                "Description": d.get("notes", ""),
                "Group": d.get("group", "") if actor else "",
                "Power": d.get("power") if actor else None,
                "Interest": d.get("interest") if actor else None,
                "Stance": d.get("stance", "") if actor else "",
            }
        )
    connections = []
    for u, v, key, d in sorted(G.edges(keys=True, data=True)):
        kind = d.get("kind", "relation")
        relation = kind == "relation"
        connections.append(
            {
                "ID": f"{u}->{v}#{key}",
                "From": u,
                "To": v,
                "Type": d.get("relation") if relation else d.get("role", kind),
                "Kind": kind,
                "Direction": d.get("direction", "directed"),
                "Weight": d.get("weight") if relation else None,
                "Description": d.get("notes", ""),
            }
        )
    element_frame = pd.DataFrame(elements, columns=list(_KUMU_ELEMENT_HEADERS))
    for column in ("Power", "Interest"):
        element_frame[column] = element_frame[column].astype("Int64")
    connection_frame = pd.DataFrame(connections, columns=list(_KUMU_CONNECTION_HEADERS))
    connection_frame["Weight"] = connection_frame["Weight"].astype("Float64")
    return element_frame, connection_frame


_KUMU_ELEMENT_HEADERS = (
    "ID",
    "Label",
    "Type",
    "Description",
    "Group",
    "Power",
    "Interest",
    "Stance",
)
_KUMU_CONNECTION_HEADERS = (
    "ID",
    "From",
    "To",
    "Type",
    "Kind",
    "Direction",
    "Weight",
    "Description",
)


def write_kumu_csv(
    G: nx.MultiDiGraph, elements_path: Destination, connections_path: Destination
) -> None:
    """The Kumu Elements and Connections tables as two UTF-8 CSV files."""
    elements, connections = kumu_tables(G)
    # text cells a spreadsheet would run as formulas get a leading ' (read back without it)
    neutralise_frame(elements).to_csv(elements_path, index=False, encoding="utf-8")
    neutralise_frame(connections).to_csv(connections_path, index=False, encoding="utf-8")


def write_kumu_xlsx(G: nx.MultiDiGraph, path: Destination) -> None:
    """One workbook with the sheets "Elements" and "Connections", as Kumu imports it."""
    elements, connections = kumu_tables(G)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        neutralise_frame(elements).to_excel(writer, sheet_name=ELEMENTS_SHEET, index=False)
        neutralise_frame(connections).to_excel(writer, sheet_name=CONNECTIONS_SHEET, index=False)


# reading -----------------------------------------------------------------------------------


@dataclass
class _Record:
    """One element or connection as read, before it is checked, with where it was read."""

    fields: dict[str, Any]
    file: str
    columns: dict[str, str] = field(default_factory=dict)
    line: int | None = None
    sheet: str | None = None
    element: str | None = None
    unit: str = "line"


def _blank(value: Any) -> bool:
    return (
        value is None or (isinstance(value, float) and value != value) or str(value).strip() == ""
    )


class _Reader:
    """Turns records into a checked :class:`StakeholderMap`, collecting every problem."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocab = vocabulary
        self.problems: list[RowProblem] = []

    def problem(self, record: _Record, code: str, name: str | None = None, **params) -> None:
        self.problems.append(
            MapProblem(
                record.file,
                code,
                line=record.line,
                column=record.columns.get(name, name) if name else None,
                params=params,
                sheet=record.sheet,
                element=record.element,
                unit=record.unit,
            )
        )

    def text(self, record: _Record, name: str) -> str:
        value = record.fields.get(name)
        return "" if _blank(value) else str(value).strip()

    def term(
        self, record: _Record, name: str, kind: str, code: str, default: str | None = None
    ) -> str | None:
        raw = record.fields.get(name)
        if _blank(raw):
            if default is None:
                self.problem(record, "missing_value", name, field=record.columns.get(name, name))
            return default
        found = self.vocab.resolve(kind, raw)
        if found is None:
            self.problem(record, code, name, value=raw, expected=", ".join(self.vocab.ids(kind)))
        return found

    def scale(self, record: _Record, name: str) -> int | None:
        raw = record.fields.get(name)
        if _blank(raw):
            return 3
        number = _number(raw)
        if number is None or not number.is_integer() or not 1 <= number <= 5:
            self.problem(record, "bad_scale", name, field=record.columns.get(name, name), value=raw)
            return None
        return int(number)

    def weight(self, record: _Record) -> float | None:
        raw = record.fields.get("weight")
        if _blank(raw):
            return 1.0
        number = _number(raw)
        if number is None or not number > 0:
            self.problem(record, "bad_weight", "weight", value=raw)
            return None
        return number

    def parse(self, elements: list[_Record], connections: list[_Record]) -> StakeholderMap:
        nodes: dict[str, tuple[str, Any]] = {}
        by_label: dict[str, list[str]] = {}
        actors: list[Actor] = []
        targets: dict[tuple[str, int], Target] = {}
        keys: set[str] = set()
        for record in elements:
            self._element(record, nodes, by_label, actors, targets, keys)
        relations: list[Relation] = []
        links: list[Link] = []
        clusters: dict[int, int] = {}
        seen: set[tuple] = set()
        for record in connections:
            self._connection(record, nodes, by_label, relations, links, clusters, seen)
        for idea, cluster in clusters.items():
            if ("idea", idea) in targets:
                target = targets[("idea", idea)]
                targets[("idea", idea)] = Target("idea", idea, target.label, cluster)
        return StakeholderMap(
            tuple(actors), tuple(relations), tuple(links), tuple(targets.values())
        )

    def _element(self, record, nodes, by_label, actors, targets, keys) -> None:
        node = self.text(record, "id")
        label = self.text(record, "label")
        prefix = node.split(":", 1)[0] if ":" in node else ""
        raw_kind = record.fields.get("kind")
        if _blank(raw_kind):
            kind = prefix if prefix in NODE_KINDS else "actor"
        else:
            kind = slugify(str(raw_kind))
            if kind not in NODE_KINDS:
                self.problem(
                    record, "unknown_kind", "kind", value=raw_kind, expected=", ".join(NODE_KINDS)
                )
                return
        if not node:
            if kind != "actor":
                self.problem(record, "bad_target", "id", value=label)
                return
            node = _free_id(f"actor:{slugify(label) or 'actor'}", nodes)
            prefix = "actor"
        if node in nodes:
            self.problem(record, "duplicate_element", "id", value=node)
            return
        if not label:
            self.problem(
                record, "missing_value", "label", field=record.columns.get("label", "label")
            )
        if kind == "actor":
            key = self.text(record, "key") or (node.split(":", 1)[1] if prefix == "actor" else node)
            nodes[node] = ("actor", key)
            group = self.term(record, "group", "groups", "unknown_group")
            power = self.scale(record, "power")
            interest = self.scale(record, "interest")
            stance = self.term(record, "stance", "stances", "unknown_stance", default="unknown")
            if key in keys:
                self.problem(record, "duplicate_actor", "id", value=key)
            keys.add(key)
            if label and None not in (group, power, interest, stance):
                actors.append(
                    Actor(key, label, group, power, interest, stance, self.text(record, "notes"))
                )
        else:
            raw_ref = record.fields.get("ref")
            ref = _number(raw_ref if not _blank(raw_ref) else node.split(":", 1)[-1])
            if ref is None or not ref.is_integer() or prefix not in ("", kind):
                self.problem(record, "bad_target", "id", value=node)
                return
            nodes[node] = (kind, int(ref))
            targets[(kind, int(ref))] = Target(kind, int(ref), label)
        if label:
            by_label.setdefault(label.casefold(), []).append(node)

    def _end(self, record: _Record, name: str, nodes, by_label) -> str | None:
        raw = self.text(record, name)
        if not raw:
            self.problem(record, "missing_value", name, field=record.columns.get(name, name))
            return None
        if raw in nodes:
            return raw
        found = by_label.get(raw.casefold(), [])
        if len(found) == 1:
            return found[0]
        if found:
            self.problem(record, "ambiguous_element", name, value=raw)
        elif raw.split(":", 1)[0] in TARGET_KINDS:
            self.problem(record, "unknown_element", name, value=raw)
        else:
            self.problem(record, "unknown_actor", name, value=raw)
        return None

    def _connection(self, record, nodes, by_label, relations, links, clusters, seen) -> None:
        source = self._end(record, "from", nodes, by_label)
        target = self._end(record, "to", nodes, by_label)
        if source is None or target is None:
            return
        (source_kind, source_ref), (target_kind, target_ref) = nodes[source], nodes[target]
        raw_kind = record.fields.get("kind")
        if _blank(raw_kind):
            kind = {
                ("actor", "actor"): "relation",
                ("actor", "cluster"): "link",
                ("actor", "idea"): "link",
                ("idea", "cluster"): "member",
            }.get((source_kind, target_kind), "relation")
        else:
            kind = slugify(str(raw_kind))
            if kind not in CONNECTION_KINDS:
                self.problem(
                    record,
                    "unknown_kind",
                    "kind",
                    value=raw_kind,
                    expected=", ".join(CONNECTION_KINDS),
                )
                return
        allowed = {
            "relation": (("actor", "actor"),),
            "link": (("actor", "cluster"), ("actor", "idea")),
            "member": (("idea", "cluster"),),
        }[kind]
        if (source_kind, target_kind) not in allowed:
            self.problem(
                record, "bad_connection", kind=kind, source=source_kind, target=target_kind
            )
            return
        type_field = "relation" if not _blank(record.fields.get("relation")) else "type"
        if kind == "relation":
            relation_type = self.term(record, type_field, "relation_types", "unknown_relation_type")
            kind_term = self.vocab.term("relation_types", relation_type or "")
            default = kind_term.direction if isinstance(kind_term, RelationType) else "directed"
            direction = self.term(
                record, "direction", "directions", "unknown_direction", default=default
            )
            weight = self.weight(record)
            if source == target:
                self.problem(record, "self_relation")
                return
            if relation_type is not None:
                triple = ("relation", source_ref, target_ref, relation_type)
                if triple in seen:
                    self.problem(record, "duplicate_relation", value=relation_type)
                seen.add(triple)
            if None not in (relation_type, direction, weight):
                relations.append(
                    Relation(
                        source_ref,
                        target_ref,
                        relation_type,
                        weight,
                        direction,
                        self.text(record, "notes"),
                    )
                )
        elif kind == "link":
            role_field = "role" if not _blank(record.fields.get("role")) else "type"
            role = self.term(record, role_field, "roles", "unknown_role")
            if role is None:
                return
            quad = ("link", source_ref, target_kind, target_ref, role)
            if quad in seen:
                self.problem(record, "duplicate_link", value=role)
            seen.add(quad)
            links.append(
                Link(source_ref, target_kind, target_ref, role, self.text(record, "notes"))
            )
        else:
            if clusters.get(source_ref, target_ref) != target_ref:
                self.problem(record, "idea_in_two_clusters", value=source_ref)
            clusters[source_ref] = target_ref

    def graph(self, elements: list[_Record], connections: list[_Record]) -> nx.MultiDiGraph:
        smap = self.parse(elements, connections)
        if self.problems:
            raise StakeholderMapError(self.problems)
        return build_graph(
            smap.actors, smap.relations, smap.links, smap.targets, vocabulary=self.vocab
        )


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).strip().replace(",", "."))
    except ValueError:
        return None


def _free_id(base: str, taken: dict[str, Any]) -> str:
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _unreadable(path: str | Path, error: Exception) -> StakeholderMapError:
    reason = str(error) or type(error).__name__
    return StakeholderMapError(
        [MapProblem(Path(path).name, "unreadable", params={"reason": reason})]
    )


def _graph_records(H: nx.Graph, file: str) -> tuple[list[_Record], list[_Record]]:
    # networkx adds a bare node for an edge end that names no node: that is an unknown
    # element, reported on the edge, not an element with every field empty
    elements = [
        _Record({**d, "id": str(n)}, file, element=f"node “{n}”")
        for n, d in H.nodes(data=True)
        if d
    ]
    connections = [
        _Record({**d, "from": str(u), "to": str(v)}, file, element=f"edge “{u}” → “{v}”")
        for u, v, d in H.edges(data=True)
    ]
    return elements, connections


def _read_graph_file(path, reader, vocabulary: Vocabulary | None) -> nx.MultiDiGraph:
    try:
        H = reader(path)
    except (ET.ParseError, nx.NetworkXError, OSError, ValueError, KeyError, TypeError) as error:
        raise _unreadable(path, error) from None
    return _Reader(vocabulary or load_vocabulary()).graph(*_graph_records(H, Path(path).name))


def read_graphml(path: str | Path, *, vocabulary: Vocabulary | None = None) -> nx.MultiDiGraph:
    """A map from GraphML (cocreate's own or edited in Gephi), checked."""
    return _read_graph_file(
        path,
        lambda p: nx.read_graphml(p, force_multigraph=True, edge_key_type=str),
        vocabulary,
    )


def read_gexf(path: str | Path, *, vocabulary: Vocabulary | None = None) -> nx.MultiDiGraph:
    """A map from GEXF (cocreate's own or saved by Gephi), checked."""
    return _read_graph_file(path, nx.read_gexf, vocabulary)


def read_node_link(path: str | Path, *, vocabulary: Vocabulary | None = None) -> nx.MultiDiGraph:
    """A map from node-link JSON; files with a ``links`` list (older networkx) are read too."""

    def reader(p):
        with open(p, encoding="utf-8") as handle:
            data = json.load(handle)
        if not isinstance(data, dict) or "nodes" not in data:
            raise ValueError("no 'nodes' list")
        edges = "links" if "links" in data and "edges" not in data else "edges"
        data.setdefault(edges, [])
        return nx.node_link_graph(data, directed=True, multigraph=True, edges=edges)

    return _read_graph_file(path, reader, vocabulary)


def _table_records(
    path: str | Path, sheet: str | None, columns: dict[str, str], required: Iterable[str]
) -> tuple[list[_Record], list[RowProblem]]:
    try:
        table = read_table(path, sheet=sheet)
    except IngestError as error:
        raise StakeholderMapError([error.problem]) from None
    mapping = {}
    for column in table.columns:
        name = columns.get(normalise_header(column))
        if name and name not in mapping:
            mapping[name] = column
    problems: list[RowProblem] = list(table.problems)
    for name in required:
        if name not in mapping:
            problems.append(
                MapProblem(
                    table.file_name,
                    "missing_column",
                    sheet=table.sheet,
                    params={"value": name.capitalize()},
                )
            )
    records = [
        _Record(
            {name: restore_formula(row.get(column)) for name, column in mapping.items()},
            table.file_name,
            columns=mapping,
            line=line,
            sheet=table.sheet,
            unit=table.unit,
        )
        for line, row in table.rows
    ]
    return records, problems


def _read_kumu(
    elements: tuple[str | Path, str | None],
    connections: tuple[str | Path, str | None] | None,
    vocabulary: Vocabulary | None,
) -> nx.MultiDiGraph:
    element_records, problems = _table_records(*elements, ELEMENT_COLUMNS, ["label"])
    connection_records: list[_Record] = []
    if connections is not None:
        connection_records, more = _table_records(*connections, CONNECTION_COLUMNS, ["from", "to"])
        problems += more
    if problems:
        raise StakeholderMapError(problems)
    reader = _Reader(vocabulary or load_vocabulary())
    return reader.graph(element_records, connection_records)


def read_kumu_csv(
    elements_path: str | Path,
    connections_path: str | Path | None = None,
    *,
    vocabulary: Vocabulary | None = None,
) -> nx.MultiDiGraph:
    """A map from Kumu's Elements and (optionally) Connections CSV files, checked. Encoding
    and delimiter are sniffed as for idea files (French Excel's ``;`` and cp1252 included)."""
    return _read_kumu(
        (elements_path, None),
        (connections_path, None) if connections_path is not None else None,
        vocabulary,
    )


def read_kumu_xlsx(path: str | Path, *, vocabulary: Vocabulary | None = None) -> nx.MultiDiGraph:
    """A map from a Kumu workbook with the sheets "Elements" and "Connections", checked."""
    return _read_kumu((path, ELEMENTS_SHEET), (path, CONNECTIONS_SHEET), vocabulary)


# by file name ------------------------------------------------------------------------------


def format_for_path(path: str | Path) -> str:
    """The map format of a file name: graphml, gexf, json, kumu-xlsx or kumu-csv."""
    suffix = Path(path).suffix.lower()
    for name, known in MAP_FORMATS.items():
        if suffix == known:
            return name
    raise ValueError(
        f"{Path(path).name}: not a map file (expected {', '.join(MAP_FORMATS.values())})."
    )


def _connections_beside(path: Path) -> Path:
    return path.with_name(f"{path.stem}-connections.csv")


def write_map(
    G: nx.MultiDiGraph,
    path: str | Path,
    *,
    fmt: str | None = None,
    connections_path: str | Path | None = None,
) -> list[Path]:
    """Write a map in the format of ``path`` (or ``fmt``); returns the files written. For
    Kumu CSV, ``path`` holds the elements and the connections go to ``connections_path``,
    by default ``<stem>-connections.csv`` beside it."""
    path = Path(path)
    fmt = fmt or format_for_path(path)
    if fmt == "kumu-csv":
        second = Path(connections_path) if connections_path else _connections_beside(path)
        write_kumu_csv(G, path, second)
        return [path, second]
    writers = {
        "graphml": write_graphml,
        "gexf": write_gexf,
        "json": write_node_link,
        "kumu-xlsx": write_kumu_xlsx,
    }
    if fmt not in writers:
        raise ValueError(f"Unknown map format {fmt!r} (known: {', '.join(MAP_FORMATS)}).")
    writers[fmt](G, path)
    return [path]


def read_map(
    path: str | Path,
    *,
    fmt: str | None = None,
    connections_path: str | Path | None = None,
    vocabulary: Vocabulary | None = None,
) -> nx.MultiDiGraph:
    """Read a map in the format of ``path`` (or ``fmt``). For Kumu CSV, ``path`` holds the
    elements; the connections are ``connections_path``, else ``<stem>-connections.csv``
    beside it if it exists."""
    path = Path(path)
    fmt = fmt or format_for_path(path)
    if fmt == "kumu-csv":
        second = Path(connections_path) if connections_path else _connections_beside(path)
        return read_kumu_csv(path, second if second.exists() else None, vocabulary=vocabulary)
    readers = {
        "graphml": read_graphml,
        "gexf": read_gexf,
        "json": read_node_link,
        "kumu-xlsx": read_kumu_xlsx,
    }
    if fmt not in readers:
        raise ValueError(f"Unknown map format {fmt!r} (known: {', '.join(MAP_FORMATS)}).")
    return readers[fmt](path, vocabulary=vocabulary)


def import_stakeholder_file(
    store: Store,
    workshop_id: int,
    path: str | Path,
    *,
    fmt: str | None = None,
    connections_path: str | Path | None = None,
    update: bool = False,
) -> dict[str, dict[str, int]]:
    """Read a map file with the workshop's vocabulary and store it (idempotent: importing
    the same file twice adds nothing; see :func:`cocreate.stakeholders.import_map`)."""
    G = read_map(
        path,
        fmt=fmt,
        connections_path=connections_path,
        vocabulary=workshop_vocabulary(store, workshop_id),
    )
    return import_map(store, workshop_id, G, update=update, file_name=Path(path).name)
