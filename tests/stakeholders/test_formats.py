"""Exchange formats: round trips of GraphML, GEXF, node-link JSON and Kumu CSV/XLSX, and
bad input named by file, sheet, line or row, column or element."""

import io
import json

import networkx as nx
import pandas as pd
import pytest
from openpyxl import load_workbook

from cocreate.stakeholders import (
    MAP_FORMATS,
    Actor,
    Relation,
    StakeholderMapError,
    kumu_tables,
    map_from_graph,
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
    write_node_link,
)

from .helpers import write_any

# round trips ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(MAP_FORMATS))
def test_round_trip_gives_the_same_graph(fmt, rich_map, tmp_path):
    path, written = write_any(fmt, rich_map, tmp_path)
    assert all(p.stat().st_size > 0 for p in written)
    back = read_map(path)
    assert sorted(back.nodes(data=True)) == sorted(rich_map.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(rich_map.edges(keys=True, data=True))
    assert map_from_graph(back) == map_from_graph(rich_map)


@pytest.mark.parametrize(
    ("writer", "reader", "suffix"),
    [
        (write_graphml, read_graphml, ".graphml"),
        (write_gexf, read_gexf, ".gexf"),
        (write_node_link, read_node_link, ".json"),
        (write_kumu_xlsx, read_kumu_xlsx, ".xlsx"),
    ],
)
def test_writers_accept_a_binary_buffer(writer, reader, suffix, rich_map, tmp_path):
    # what a download button needs
    buffer = io.BytesIO()
    writer(rich_map, buffer)
    path = tmp_path / f"download{suffix}"
    path.write_bytes(buffer.getvalue())
    assert map_from_graph(reader(path)) == map_from_graph(rich_map)


def test_kumu_csv_pair_round_trip(rich_map, tmp_path):
    elements, connections = tmp_path / "elements.csv", tmp_path / "connections.csv"
    write_kumu_csv(rich_map, elements, connections)
    assert map_from_graph(read_kumu_csv(elements, connections)) == map_from_graph(rich_map)


def test_kumu_tables_have_kumu_headers(rich_map, tmp_path):
    elements, connections = kumu_tables(rich_map)
    assert list(elements.columns)[:4] == ["ID", "Label", "Type", "Description"]
    assert list(connections.columns)[:3] == ["ID", "From", "To"]
    write_kumu_xlsx(rich_map, tmp_path / "map.xlsx")
    workbook = load_workbook(tmp_path / "map.xlsx")
    assert workbook.sheetnames == ["Elements", "Connections"]
    assert [c.value for c in workbook["Connections"][1]][:5] == ["ID", "From", "To", "Type", "Kind"]


def test_node_link_json_from_older_networkx_with_links_is_read(rich_map, tmp_path):
    data = nx.node_link_data(rich_map, edges="links")
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert map_from_graph(read_node_link(path)) == map_from_graph(rich_map)


def test_hand_made_kumu_sheet_with_labels_and_french_terms(tmp_path):
    # what a facilitator types in French Excel: no ID column, labels, ";" and cp1252
    elements = tmp_path / "acteurs.csv"
    elements.write_bytes(
        "Label;Type;Group;Power;Interest;Stance;Description\n"
        "Mairie;;Services de la ville et élus;5;4;Favorable;\n"
        "Comité de quartier;actor;Habitants et collectifs d'habitants;2;5;;Très actif\n"
        "Bailleur social;;state;3;3;neutre;\n".encode("cp1252")
    )
    connections = tmp_path / "liens.csv"
    connections.write_bytes(
        "From;To;Type;Weight\n"
        "Mairie;Bailleur social;finance;2\n"
        "Comité de quartier;mairie;informe;\n".encode("cp1252")
    )
    smap = map_from_graph(read_kumu_csv(elements, connections))
    assert smap.actors == (
        Actor("bailleur-social", "Bailleur social", "state", 3, 3, "neutral"),
        Actor(
            "comite-de-quartier", "Comité de quartier", "citizens", 2, 5, "unknown", "Très actif"
        ),
        Actor("mairie", "Mairie", "city", 5, 4, "supports"),
    )
    assert smap.relations == (
        Relation("comite-de-quartier", "mairie", "informs"),
        Relation("mairie", "bailleur-social", "funds", 2.0),
    )


# bad input -----------------------------------------------------------------------------------


def write_elements(path, rows):
    header = "ID,Label,Type,Group,Power,Interest,Stance\n"
    path.write_text(header + "".join(f"{row}\n" for row in rows), encoding="utf-8")


def test_bad_kumu_csv_names_file_line_and_column(tmp_path):
    elements, connections = tmp_path / "elements.csv", tmp_path / "connections.csv"
    write_elements(
        elements,
        [
            "actor:mayor,Mayor,actor,city,5,4,supports",
            "actor:martians,Martians,actor,martians,1,1,",
            "actor:lobby,Lobby,actor,industry,7,3,",
        ],
    )
    connections.write_text("From,To,Type\nactor:mayor,actor:ghost,funds\n", encoding="utf-8")
    with pytest.raises(StakeholderMapError) as caught:
        read_kumu_csv(elements, connections)
    assert caught.value.messages() == [
        "elements.csv, line 3, column Group: unknown group “martians” (expected one of:"
        " citizens, civil_society, city, industry, academia, state)",
        "elements.csv, line 4, column Power: Power must be a whole number from 1 to 5, not “7”",
        "connections.csv, line 2, column To: no actor “actor:ghost” in this map",
    ]
    assert caught.value.messages("fr")[1] == (
        "elements.csv, ligne 4, colonne Power: Power doit être un nombre entier de 1 à 5,"
        " et non « 7 »"
    )


def test_bad_xlsx_names_the_sheet_and_row(rich_map, tmp_path):
    path = tmp_path / "map.xlsx"
    write_kumu_xlsx(rich_map, path)
    workbook = load_workbook(path)
    sheet = workbook["Elements"]
    power_column = [c.value for c in sheet[1]].index("Power") + 1
    sheet.cell(row=3, column=power_column, value=0)
    workbook.save(path)
    with pytest.raises(StakeholderMapError) as caught:
        read_kumu_xlsx(path)
    assert caught.value.messages() == [
        "map.xlsx, sheet Elements, row 3, column Power: Power must be a whole number from 1"
        " to 5, not “0”"
    ]


def test_missing_label_column_and_missing_sheet(tmp_path):
    path = tmp_path / "elements.csv"
    path.write_text("Name,Group\nMayor,city\n", encoding="utf-8")
    with pytest.raises(StakeholderMapError) as caught:
        read_kumu_csv(path)
    assert caught.value.messages() == ["elements.csv: no “Label” column"]
    workbook = tmp_path / "one-sheet.xlsx"
    pd.DataFrame({"Label": ["Mayor"], "Group": ["city"]}).to_excel(workbook, index=False)
    with pytest.raises(StakeholderMapError) as caught:
        read_kumu_xlsx(workbook)
    assert "Elements" in str(caught.value)


def test_bad_graphml_names_the_node_and_attribute(rich_map, tmp_path):
    rich_map.nodes["actor:bank"]["group"] = "banks"
    rich_map.add_edge("actor:bank", "actor:nobody", key="funds", kind="relation", relation="funds")
    path = tmp_path / "map.graphml"
    write_graphml(rich_map, path)
    with pytest.raises(StakeholderMapError) as caught:
        read_graphml(path)
    assert caught.value.messages() == [
        "map.graphml, node “actor:bank”, column group: unknown group “banks” (expected one of:"
        " citizens, civil_society, city, industry, academia, state)",
        "map.graphml, edge “actor:bank” → “actor:nobody”, column to: no actor “actor:nobody”"
        " in this map",
    ]


def test_relation_to_an_unknown_actor_in_json(tmp_path):
    path = tmp_path / "map.json"
    path.write_text(
        '{"nodes": [{"id": "actor:a", "label": "A", "group": "city"}],'
        ' "edges": [{"source": "actor:a", "target": "Ghost", "relation": "funds"}]}',
        encoding="utf-8",
    )
    with pytest.raises(StakeholderMapError) as caught:
        read_node_link(path)
    assert caught.value.messages() == [
        "map.json, edge “actor:a” → “Ghost”, column to: no actor “Ghost” in this map"
    ]


def test_unreadable_files_are_reported_with_their_name(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(StakeholderMapError) as caught:
        read_node_link(broken)
    assert caught.value.messages()[0].startswith("broken.json: cannot be read (")
    bad_xml = tmp_path / "broken.gexf"
    bad_xml.write_text("<gexf><graph>", encoding="utf-8")
    with pytest.raises(StakeholderMapError, match="broken.gexf: cannot be read"):
        read_gexf(bad_xml)
