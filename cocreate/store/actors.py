"""The stakeholder map: actors, relations between them, links from actors to clusters and
ideas, the relation types a workshop adds, and saving a whole map in one transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from cocreate.store.connection import StoreConnection, StoreError, now_iso


class ActorsMixin(StoreConnection):
    """The stakeholder map of :class:`cocreate.store.Store`: actors, relations between them,
    links to clusters and ideas (``get_workshop`` comes from the workshops mixin beside it)."""

    _ACTOR_COLUMNS = (
        'id, workshop_id, key, name, actor_group AS "group", power, interest, stance, notes,'
        " created_at, updated_at"
    )
    _STANCES = ("supports", "neutral", "opposes", "unknown")
    _DIRECTIONS = ("directed", "mutual", "undirected")

    @classmethod
    def _check_actor_fields(cls, fields: dict[str, Any]) -> None:
        for scale in ("power", "interest"):
            if scale in fields:
                value = fields[scale]
                if isinstance(value, bool) or value not in (1, 2, 3, 4, 5):
                    raise StoreError(
                        f"{scale.capitalize()} is a whole number from 1 to 5, not {value!r}."
                    )
        if "stance" in fields and fields["stance"] not in cls._STANCES:
            raise StoreError(
                f"Stance is one of {', '.join(cls._STANCES)}, not {fields['stance']!r}."
            )
        for text in ("key", "name", "group"):
            if text in fields and not str(fields[text]).strip():
                raise StoreError(f"An actor needs a {text}.")

    @classmethod
    def _check_relation_fields(cls, fields: dict[str, Any]) -> None:
        if "weight" in fields and not (
            isinstance(fields["weight"], int | float)
            and not isinstance(fields["weight"], bool)
            and fields["weight"] > 0
        ):
            raise StoreError(f"A relation weight is a number above 0, not {fields['weight']!r}.")
        if "direction" in fields and fields["direction"] not in cls._DIRECTIONS:
            raise StoreError(
                f"Direction is one of {', '.join(cls._DIRECTIONS)}, not {fields['direction']!r}."
            )
        if "type" in fields and not str(fields["type"]).strip():
            raise StoreError("A relation needs a type.")

    def add_actor(
        self,
        workshop_id: int,
        *,
        key: str,
        name: str,
        group: str,
        power: int = 3,
        interest: int = 3,
        stance: str = "unknown",
        notes: str = "",
    ) -> dict[str, Any]:
        """Add an actor to a workshop's stakeholder map; ``key`` is unique in the workshop."""
        self.get_workshop(workshop_id)
        fields = dict(key=key, name=name, group=group, power=power, interest=interest)
        self._check_actor_fields({**fields, "stance": stance})
        stamp = now_iso()
        with self._write() as conn:
            if conn.execute(
                "SELECT 1 FROM actors WHERE workshop_id = ? AND key = ?", [workshop_id, key]
            ).fetchone():
                raise StoreError(f"Workshop {workshop_id} already has an actor {key!r}.")
            actor_id = conn.execute(
                "INSERT INTO actors (workshop_id, key, name, actor_group, power, interest,"
                " stance, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [workshop_id, key, name, group, power, interest, stance, notes, stamp, stamp],
            ).lastrowid
        return self.get_actor(actor_id)

    def get_actor(self, actor_id: int) -> dict[str, Any]:
        rows = list(
            self.db.query(f"SELECT {self._ACTOR_COLUMNS} FROM actors WHERE id = ?", [actor_id])
        )
        if not rows:
            raise StoreError(f"No actor with id {actor_id}.")
        return rows[0]

    def list_actors(self, workshop_id: int) -> list[dict[str, Any]]:
        """Actors of a workshop in the order they were added."""
        return list(
            self.db.query(
                f"SELECT {self._ACTOR_COLUMNS} FROM actors WHERE workshop_id = ? ORDER BY id",
                [workshop_id],
            )
        )

    def update_actor(self, actor_id: int, **fields: Any) -> dict[str, Any]:
        """Change ``key``, ``name``, ``group``, ``power``, ``interest``, ``stance`` or
        ``notes`` of an actor."""
        allowed = {"key", "name", "group", "power", "interest", "stance", "notes"}
        unknown = set(fields) - allowed
        if unknown:
            raise StoreError(f"Cannot update {', '.join(sorted(unknown))} of an actor.")
        actor = self.get_actor(actor_id)
        self._check_actor_fields(fields)
        if not fields:
            return actor
        columns = {("actor_group" if k == "group" else k): v for k, v in fields.items()}
        columns["updated_at"] = now_iso()
        with self._write() as conn:
            if (
                "key" in fields
                and conn.execute(
                    "SELECT 1 FROM actors WHERE workshop_id = ? AND key = ? AND id <> ?",
                    [actor["workshop_id"], fields["key"], actor_id],
                ).fetchone()
            ):
                raise StoreError(f"Another actor of the workshop has the key {fields['key']!r}.")
            conn.execute(
                f"UPDATE actors SET {', '.join(f'{k} = ?' for k in columns)} WHERE id = ?",
                [*columns.values(), actor_id],
            )
        return self.get_actor(actor_id)

    def delete_actor(self, actor_id: int) -> None:
        """Delete an actor with its relations and links."""
        with self._write() as conn:
            conn.execute("DELETE FROM actors WHERE id = ?", [actor_id])

    _RELATION_SELECT = (
        "SELECT r.*, s.key AS source_key, t.key AS target_key FROM relations r"
        " JOIN actors s ON s.id = r.source_id JOIN actors t ON t.id = r.target_id"
    )

    def add_relation(
        self,
        workshop_id: int,
        source_id: int,
        target_id: int,
        type: str,
        *,
        weight: float = 1.0,
        direction: str = "directed",
        notes: str = "",
    ) -> dict[str, Any]:
        """Relate two actors of a workshop (``source`` ``type`` ``target``: "city funds
        association"); one relation per source, target and type."""
        self._check_relation_fields({"type": type, "weight": weight, "direction": direction})
        if source_id == target_id:
            raise StoreError("An actor cannot be related to itself.")
        with self._write() as conn:
            for actor_id in (source_id, target_id):
                row = conn.execute(
                    "SELECT workshop_id FROM actors WHERE id = ?", [actor_id]
                ).fetchone()
                if row is None or row[0] != workshop_id:
                    raise StoreError(f"No actor {actor_id} in workshop {workshop_id}.")
            if conn.execute(
                "SELECT 1 FROM relations WHERE source_id = ? AND target_id = ? AND type = ?",
                [source_id, target_id, type],
            ).fetchone():
                raise StoreError(f"These actors already have a {type!r} relation.")
            relation_id = conn.execute(
                "INSERT INTO relations (workshop_id, source_id, target_id, type, weight,"
                " direction, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    workshop_id,
                    source_id,
                    target_id,
                    type,
                    float(weight),
                    direction,
                    notes,
                    now_iso(),
                ],
            ).lastrowid
        return self.get_relation(relation_id)

    def get_relation(self, relation_id: int) -> dict[str, Any]:
        rows = list(self.db.query(self._RELATION_SELECT + " WHERE r.id = ?", [relation_id]))
        if not rows:
            raise StoreError(f"No relation with id {relation_id}.")
        return rows[0]

    def list_relations(self, workshop_id: int) -> list[dict[str, Any]]:
        """Relations of a workshop with the keys of both actors, in the order added."""
        return list(
            self.db.query(
                self._RELATION_SELECT + " WHERE r.workshop_id = ? ORDER BY r.id", [workshop_id]
            )
        )

    def update_relation(self, relation_id: int, **fields: Any) -> dict[str, Any]:
        """Change ``type``, ``weight``, ``direction`` or ``notes`` of a relation."""
        allowed = {"type", "weight", "direction", "notes"}
        unknown = set(fields) - allowed
        if unknown:
            raise StoreError(f"Cannot update {', '.join(sorted(unknown))} of a relation.")
        relation = self.get_relation(relation_id)
        self._check_relation_fields(fields)
        if not fields:
            return relation
        with self._write() as conn:
            if (
                "type" in fields
                and conn.execute(
                    "SELECT 1 FROM relations WHERE source_id = ? AND target_id = ? AND type = ?"
                    " AND id <> ?",
                    [relation["source_id"], relation["target_id"], fields["type"], relation_id],
                ).fetchone()
            ):
                raise StoreError(f"These actors already have a {fields['type']!r} relation.")
            conn.execute(
                f"UPDATE relations SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = ?",
                [*fields.values(), relation_id],
            )
        return self.get_relation(relation_id)

    def delete_relation(self, relation_id: int) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM relations WHERE id = ?", [relation_id])

    _LINK_SELECT = (
        "SELECT l.*, a.key AS actor_key,"
        " CASE WHEN l.cluster_id IS NOT NULL THEN 'cluster' ELSE 'idea' END AS target_kind,"
        " coalesce(c.label, i.title, i.text) AS target_label,"
        " c.retired_at AS cluster_retired_at, ia.cluster_id AS idea_cluster_id"
        " FROM stakeholder_links l JOIN actors a ON a.id = l.actor_id"
        " LEFT JOIN clusters c ON c.id = l.cluster_id"
        " LEFT JOIN ideas i ON i.id = l.idea_id"
        " LEFT JOIN assignments ia ON ia.idea_id = l.idea_id"
    )

    @staticmethod
    def _check_link_target(
        conn: sqlite3.Connection,
        workshop_id: int,
        cluster_id: int | None,
        idea_id: int | None,
    ) -> None:
        if (cluster_id is None) == (idea_id is None):
            raise StoreError("A link goes to a cluster or to an idea.")
        table, ref = ("clusters", cluster_id) if cluster_id is not None else ("ideas", idea_id)
        row = conn.execute(f"SELECT workshop_id FROM {table} WHERE id = ?", [ref]).fetchone()
        if row is None or row[0] != workshop_id:
            raise StoreError(f"No {table[:-1]} {ref} in workshop {workshop_id}.")

    def add_stakeholder_link(
        self,
        workshop_id: int,
        actor_id: int,
        *,
        role: str,
        cluster_id: int | None = None,
        idea_id: int | None = None,
        notes: str = "",
    ) -> dict[str, Any]:
        """Link an actor to a cluster or an idea of the same workshop with a ``role``."""
        if not role.strip():
            raise StoreError("A link needs a role.")
        with self._write() as conn:
            row = conn.execute("SELECT workshop_id FROM actors WHERE id = ?", [actor_id]).fetchone()
            if row is None or row[0] != workshop_id:
                raise StoreError(f"No actor {actor_id} in workshop {workshop_id}.")
            self._check_link_target(conn, workshop_id, cluster_id, idea_id)
            column, ref = (
                ("cluster_id", cluster_id) if cluster_id is not None else ("idea_id", idea_id)
            )
            if conn.execute(
                f"SELECT 1 FROM stakeholder_links WHERE actor_id = ? AND {column} = ? AND role = ?",
                [actor_id, ref, role],
            ).fetchone():
                raise StoreError(f"This actor is already linked there as {role!r}.")
            link_id = conn.execute(
                "INSERT INTO stakeholder_links (workshop_id, actor_id, cluster_id, idea_id, role,"
                " notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [workshop_id, actor_id, cluster_id, idea_id, role, notes, now_iso()],
            ).lastrowid
        return self.get_stakeholder_link(link_id)

    def get_stakeholder_link(self, link_id: int) -> dict[str, Any]:
        rows = list(self.db.query(self._LINK_SELECT + " WHERE l.id = ?", [link_id]))
        if not rows:
            raise StoreError(f"No stakeholder link with id {link_id}.")
        return rows[0]

    def list_stakeholder_links(self, workshop_id: int) -> list[dict[str, Any]]:
        """Links of a workshop with the actor key, the target's kind and label, whether the
        cluster is retired, and the current cluster of a linked idea."""
        return list(
            self.db.query(
                self._LINK_SELECT + " WHERE l.workshop_id = ? ORDER BY l.id", [workshop_id]
            )
        )

    def update_stakeholder_link(self, link_id: int, **fields: Any) -> dict[str, Any]:
        """Change ``role`` or ``notes`` of a link."""
        unknown = set(fields) - {"role", "notes"}
        if unknown:
            raise StoreError(f"Cannot update {', '.join(sorted(unknown))} of a link.")
        link = self.get_stakeholder_link(link_id)
        if not fields:
            return link
        if "role" in fields and not str(fields["role"]).strip():
            raise StoreError("A link needs a role.")
        with self._write() as conn:
            try:
                conn.execute(
                    f"UPDATE stakeholder_links SET {', '.join(f'{k} = ?' for k in fields)}"
                    " WHERE id = ?",
                    [*fields.values(), link_id],
                )
            except sqlite3.IntegrityError:
                raise StoreError(
                    f"This actor is already linked there as {fields['role']!r}."
                ) from None
        return self.get_stakeholder_link(link_id)

    def delete_stakeholder_link(self, link_id: int) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM stakeholder_links WHERE id = ?", [link_id])

    def add_relation_type(
        self,
        workshop_id: int,
        type: str,
        *,
        label_fr: str,
        label_en: str,
        approval: bool = False,
        conflict: bool = False,
        direction: str = "directed",
    ) -> dict[str, Any]:
        """Add a relation type to one workshop's vocabulary (the template's types stay)."""
        self.get_workshop(workshop_id)
        self._check_relation_fields({"type": type, "direction": direction})
        with self._write() as conn:
            if conn.execute(
                "SELECT 1 FROM workshop_relation_types WHERE workshop_id = ? AND type = ?",
                [workshop_id, type],
            ).fetchone():
                raise StoreError(f"Workshop {workshop_id} already has a relation type {type!r}.")
            conn.execute(
                "INSERT INTO workshop_relation_types (workshop_id, type, label_fr, label_en,"
                " approval, conflict, direction, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    workshop_id,
                    type,
                    label_fr,
                    label_en,
                    int(approval),
                    int(conflict),
                    direction,
                    now_iso(),
                ],
            )
        return next(r for r in self.list_relation_types(workshop_id) if r["type"] == type)

    def list_relation_types(self, workshop_id: int) -> list[dict[str, Any]]:
        """The relation types a workshop added, in the order added."""
        rows = list(
            self.db.query(
                "SELECT * FROM workshop_relation_types WHERE workshop_id = ? ORDER BY id",
                [workshop_id],
            )
        )
        for row in rows:
            row["approval"], row["conflict"] = bool(row["approval"]), bool(row["conflict"])
        return rows

    def delete_relation_type(self, workshop_id: int, type: str) -> None:
        """Remove a workshop's relation type; refused while a relation uses it."""
        with self._write() as conn:
            used = conn.execute(
                "SELECT count(*) FROM relations WHERE workshop_id = ? AND type = ?",
                [workshop_id, type],
            ).fetchone()[0]
            if used:
                raise StoreError(f"{used} relation(s) of this workshop are of type {type!r}.")
            conn.execute(
                "DELETE FROM workshop_relation_types WHERE workshop_id = ? AND type = ?",
                [workshop_id, type],
            )

    def save_stakeholder_map(
        self,
        workshop_id: int,
        *,
        actors: Iterable[dict[str, Any]] = (),
        relations: Iterable[dict[str, Any]] = (),
        links: Iterable[dict[str, Any]] = (),
        update: bool = False,
    ) -> dict[str, dict[str, int]]:
        """Store a map in one transaction, matching what is already stored so that saving
        the same map twice adds nothing.

        Actors match by ``key``; relations (``source``/``target`` actor keys, ``type``) by
        both actors and type; links (``actor`` key, ``cluster_id`` or ``idea_id``, ``role``)
        by actor, target and role. A match whose other fields differ counts as ``changed``
        and is overwritten only when ``update`` is true. Returns, per kind, the counts
        ``added``, ``already_stored`` and ``changed``."""
        self.get_workshop(workshop_id)
        counts = {
            kind: {"added": 0, "already_stored": 0, "changed": 0}
            for kind in ("actors", "relations", "links")
        }
        actors, relations, links = list(actors), list(relations), list(links)
        for actor in actors:
            self._check_actor_fields(actor)
        for relation in relations:
            self._check_relation_fields(relation)
        stamp = now_iso()
        with self._write() as conn:
            stored = {
                row[1]: row
                for row in conn.execute(
                    "SELECT id, key, name, actor_group, power, interest, stance, notes"
                    " FROM actors WHERE workshop_id = ?",
                    [workshop_id],
                )
            }
            ids = {key: row[0] for key, row in stored.items()}
            for actor in actors:
                values = [
                    actor["name"],
                    actor["group"],
                    actor.get("power", 3),
                    actor.get("interest", 3),
                    actor.get("stance", "unknown"),
                    actor.get("notes", ""),
                ]
                known = stored.get(actor["key"])
                if known is None:
                    ids[actor["key"]] = conn.execute(
                        "INSERT INTO actors (workshop_id, key, name, actor_group, power, interest,"
                        " stance, notes, created_at, updated_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [workshop_id, actor["key"], *values, stamp, stamp],
                    ).lastrowid
                    counts["actors"]["added"] += 1
                elif list(known[2:]) == values:
                    counts["actors"]["already_stored"] += 1
                else:
                    counts["actors"]["changed"] += 1
                    if update:
                        conn.execute(
                            "UPDATE actors SET name = ?, actor_group = ?, power = ?,"
                            " interest = ?, stance = ?, notes = ?, updated_at = ? WHERE id = ?",
                            [*values, stamp, known[0]],
                        )
            for relation in relations:
                source, target = (relation["source"], relation["target"])
                for key in (source, target):
                    if key not in ids:
                        raise StoreError(f"No actor {key!r} in workshop {workshop_id}.")
                if source == target:
                    raise StoreError(f"Actor {source!r} cannot be related to itself.")
                values = [
                    float(relation.get("weight", 1.0)),
                    relation.get("direction", "directed"),
                    relation.get("notes", ""),
                ]
                known = conn.execute(
                    "SELECT id, weight, direction, notes FROM relations"
                    " WHERE source_id = ? AND target_id = ? AND type = ?",
                    [ids[source], ids[target], relation["type"]],
                ).fetchone()
                if known is None:
                    conn.execute(
                        "INSERT INTO relations (workshop_id, source_id, target_id, type, weight,"
                        " direction, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [workshop_id, ids[source], ids[target], relation["type"], *values, stamp],
                    )
                    counts["relations"]["added"] += 1
                elif list(known[1:]) == values:
                    counts["relations"]["already_stored"] += 1
                else:
                    counts["relations"]["changed"] += 1
                    if update:
                        conn.execute(
                            "UPDATE relations SET weight = ?, direction = ?, notes = ?"
                            " WHERE id = ?",
                            [*values, known[0]],
                        )
            for link in links:
                if link["actor"] not in ids:
                    raise StoreError(f"No actor {link['actor']!r} in workshop {workshop_id}.")
                cluster_id, idea_id = link.get("cluster_id"), link.get("idea_id")
                self._check_link_target(conn, workshop_id, cluster_id, idea_id)
                column, ref = (
                    ("cluster_id", cluster_id) if cluster_id is not None else ("idea_id", idea_id)
                )
                notes = link.get("notes", "")
                known = conn.execute(
                    f"SELECT id, notes FROM stakeholder_links WHERE actor_id = ? AND {column} = ?"
                    " AND role = ?",
                    [ids[link["actor"]], ref, link["role"]],
                ).fetchone()
                if known is None:
                    conn.execute(
                        "INSERT INTO stakeholder_links (workshop_id, actor_id, cluster_id,"
                        " idea_id, role, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [
                            workshop_id,
                            ids[link["actor"]],
                            cluster_id,
                            idea_id,
                            link["role"],
                            notes,
                            stamp,
                        ],
                    )
                    counts["links"]["added"] += 1
                elif known[1] == notes:
                    counts["links"]["already_stored"] += 1
                else:
                    counts["links"]["changed"] += 1
                    if update:
                        conn.execute(
                            "UPDATE stakeholder_links SET notes = ? WHERE id = ?", [notes, known[0]]
                        )
        return counts
