"""Stakeholder maps: who is involved, how they relate, and who must say yes to each cluster.

A map is a :class:`networkx.MultiDiGraph` made by :func:`build_graph` (or
:func:`workshop_graph` for a stored workshop); every analysis function takes the graph and
returns plain data. The vocabulary (groups, stances, relation types, roles, quadrants, in
French and English) is data in ``templates/stakeholders/relation-types.toml``; a workshop can
add relation types of its own (:func:`workshop_vocabulary`).

Nodes (ids are strings, so every exchange format keeps them):

- ``actor:<key>``: kind "actor", label, key, group, power, interest, stance, notes;
- ``cluster:<id>`` and ``idea:<id>``: kind "cluster" or "idea", label, ref (the store id).

Edges, keyed so that parallel edges stay apart:

- relation, actor -> actor, key = its type: kind "relation", relation, weight, direction,
  notes, and the type's flags ``approval`` and ``conflict`` copied from the vocabulary;
- link, actor -> cluster or idea, key ``link:<role>``: kind "link", role, notes, and the
  role's flags ``approves`` and ``carries``;
- member, idea -> cluster, key "member": kind "member".

Decisions written down here:

- **Power/interest grid.** Both scales run from 1 to 5; the midpoint 3 counts as *high*.
  power >= 3 and interest >= 3: manage closely; power >= 3, interest < 3: keep satisfied;
  power < 3, interest >= 3: keep informed; both < 3: monitor. In doubt, engage more.
- **Brokers and communities** look at actors and their relations only (links to clusters do
  not count), with direction ignored: a broker connects people whichever way the relation
  points. Centralities are unweighted (a weight is a strength, not a distance). Conflict
  relations (``opposes``) are left out of communities: opposing does not make a group.
- **Isolated actors** have no relation with another actor (links to clusters do not count).
- **Who must say yes to a cluster.** The actors linked to the cluster or to one of its ideas
  are *linked*; those linked with a role that ``carries`` the project (owner, funder, must
  approve, partner; not "affected") are its *carriers*. An actor must say yes if

  1. it is linked with a role that ``approves`` (owner, funder, must approve), or
  2. a chain of ``approval`` relations (funds, regulates, and workshop types so flagged)
     leads from it to a carrier, following each relation from source to target (both ways
     when its direction is mutual or undirected): the region funds the city council, which
     funds the roads department that owns the project.

  Funding or regulating an actor that is only *affected* gives no say over the project.
- **Involved actors** of a cluster are the linked ones and those who must say yes; its
  conflicts are the conflict relations between two involved actors and the involved actors
  whose stance is "opposes". Its missing groups are the vocabulary's groups with no linked
  actor.
- **Layout**: ``networkx.spring_layout`` with a seed, on a copy whose nodes and edges are
  sorted, so the same map gives the same positions whatever order it was built in.

The package, one module per part: ``vocabulary`` (terms, relation types, roles),
``records`` (actors, relations, links, targets, :class:`StakeholderMap`), ``problems``
(:class:`MapProblem`, :class:`StakeholderMapError`), ``graph`` (checking a map, records to
graph and back), ``analysis`` (grid, brokers, communities, isolated actors, who must say yes,
layout), ``starters`` (starter maps), ``stored`` (the map in and out of the store),
``table_edits`` (the editable tables and how an edited one is saved) and ``formats``
(GraphML, GEXF, node-link JSON, Kumu CSV/XLSX). Every public name is importable from
``cocreate.stakeholders``.
"""

from __future__ import annotations

from cocreate.stakeholders.analysis import (
    CITIZENS,
    GRID_THRESHOLD,
    actor_nodes,
    brokers,
    cluster_view,
    communities,
    isolated_actors,
    layout,
    power_interest_grid,
    quadrant,
    shown_graph,
)
from cocreate.stakeholders.formats import (
    CONNECTION_COLUMNS,
    CONNECTION_KINDS,
    CONNECTIONS_SHEET,
    ELEMENT_COLUMNS,
    ELEMENTS_SHEET,
    MAP_FORMATS,
    Destination,
    format_for_path,
    import_stakeholder_file,
    kumu_tables,
    read_gexf,
    read_graphml,
    read_kumu_csv,
    read_kumu_xlsx,
    read_map,
    read_node_link,
    write_gexf,
    write_graphml,
    write_kumu_csv,
    write_kumu_xlsx,
    write_map,
    write_node_link,
)
from cocreate.stakeholders.graph import (
    actor_node,
    build_graph,
    check_map,
    free_actor_key,
    map_from_graph,
    target_node,
)
from cocreate.stakeholders.problems import MESSAGES, WHERE, MapProblem, StakeholderMapError
from cocreate.stakeholders.records import (
    NODE_KINDS,
    SCALE,
    TARGET_KINDS,
    Actor,
    Link,
    Relation,
    StakeholderMap,
    Target,
)
from cocreate.stakeholders.starters import StarterMap, list_starter_maps, starter_map
from cocreate.stakeholders.stored import import_map, load_starter_map, workshop_graph
from cocreate.stakeholders.table_edits import (
    ACTOR_COLUMNS,
    LINK_COLUMNS,
    RELATION_COLUMNS,
    actors_table,
    links_table,
    relations_table,
    save_actors,
    save_links,
    save_relations,
)
from cocreate.stakeholders.vocabulary import (
    RelationType,
    Role,
    Term,
    Vocabulary,
    load_vocabulary,
    workshop_vocabulary,
)

__all__ = [
    # vocabulary
    "Term",
    "RelationType",
    "Role",
    "Vocabulary",
    "load_vocabulary",
    "workshop_vocabulary",
    # records
    "TARGET_KINDS",
    "NODE_KINDS",
    "SCALE",
    "Actor",
    "Relation",
    "Link",
    "Target",
    "StakeholderMap",
    # problems
    "MESSAGES",
    "WHERE",
    "MapProblem",
    "StakeholderMapError",
    # graph
    "actor_node",
    "free_actor_key",
    "target_node",
    "check_map",
    "build_graph",
    "map_from_graph",
    # analysis
    "GRID_THRESHOLD",
    "CITIZENS",
    "actor_nodes",
    "power_interest_grid",
    "quadrant",
    "brokers",
    "communities",
    "isolated_actors",
    "cluster_view",
    "layout",
    "shown_graph",
    # starter maps
    "StarterMap",
    "list_starter_maps",
    "starter_map",
    # the map in and out of the store
    "import_map",
    "load_starter_map",
    "workshop_graph",
    # edited tables
    "ACTOR_COLUMNS",
    "RELATION_COLUMNS",
    "LINK_COLUMNS",
    "actors_table",
    "relations_table",
    "links_table",
    "save_actors",
    "save_relations",
    "save_links",
    # file formats
    "MAP_FORMATS",
    "ELEMENTS_SHEET",
    "CONNECTIONS_SHEET",
    "ELEMENT_COLUMNS",
    "CONNECTION_COLUMNS",
    "CONNECTION_KINDS",
    "Destination",
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
