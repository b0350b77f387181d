"""Strings of the Stakeholders page. Group, stance, relation type, role and quadrant names
come from the vocabulary (templates/stakeholders/relation-types.toml), not from here."""

STRINGS: dict[str, dict[str, str]] = {
    "nav.stakeholders": {"en": "Stakeholders", "fr": "Acteurs"},
    "stakeholders.header": {"en": "Stakeholders", "fr": "Acteurs"},
    # start
    "stakeholders.empty": {
        "en": "No actors on this map yet. Start from a typical map, import a file, or add "
        "the actors one by one.",
        "fr": "Aucun acteur sur cette carte pour l'instant. Partez d'une carte type, importez "
        "un fichier ou ajoutez les acteurs un par un.",
    },
    "stakeholders.start_template": {
        "en": "Start from a typical map",
        "fr": "Partir d'une carte type",
    },
    "stakeholders.start_file": {"en": "Import a file", "fr": "Importer un fichier"},
    "stakeholders.start_by_hand": {
        "en": "Add actors by hand",
        "fr": "Ajouter les acteurs à la main",
    },
    "stakeholders.starter": {"en": "Typical map", "fr": "Carte type"},
    "stakeholders.load": {"en": "Load this map", "fr": "Charger cette carte"},
    "stakeholders.add_template": {"en": "Add a typical map", "fr": "Ajouter une carte type"},
    "stakeholders.add_starter": {
        "en": "Add its actors to this map",
        "fr": "Ajouter ses acteurs à cette carte",
    },
    "stakeholders.upload": {
        "en": "Map file (GraphML, GEXF, JSON, Kumu XLSX or CSV)",
        "fr": "Fichier de carte (GraphML, GEXF, JSON, Kumu XLSX ou CSV)",
    },
    "stakeholders.upload_help": {
        "en": "Gephi's GraphML or GEXF, networkx JSON, or Kumu's tables: one workbook with the "
        "sheets Elements and Connections, or two CSV files (the connections one with "
        "“connections” in its name). Groups, stances and types may be ids or French or "
        "English names.",
        "fr": "GraphML ou GEXF de Gephi, JSON de networkx, ou les tableaux de Kumu : un classeur "
        "avec les feuilles Elements et Connections, ou deux fichiers CSV (celui des liens avec "
        "« connections » dans son nom). Groupes, positions et types peuvent être des "
        "identifiants ou des noms en français ou en anglais.",
    },
    "stakeholders.update": {
        "en": "Replace actors and relations already on the map with the file's version",
        "fr": "Remplacer les acteurs et relations déjà sur la carte par ceux du fichier",
    },
    "stakeholders.import": {"en": "Import the file", "fr": "Importer le fichier"},
    "stakeholders.two_csv": {
        "en": "Two CSV files: put “connections” in the name of the connections file.",
        "fr": "Deux fichiers CSV : mettez « connections » dans le nom du fichier des liens.",
    },
    "stakeholders.one_file": {
        "en": "Import one map file at a time (or Kumu's two CSV files).",
        "fr": "Importez un fichier de carte à la fois (ou les deux fichiers CSV de Kumu).",
    },
    "stakeholders.refused": {
        "en": "Nothing was stored: {count} problem(s) to fix first.",
        "fr": "Rien n'a été enregistré : {count} problème(s) à corriger d'abord.",
    },
    "stakeholders.more_problems": {
        "en": "… and {count} more.",
        "fr": "… et {count} de plus.",
    },
    "stakeholders.imported": {
        "en": "{actors} actors, {relations} relations and {links} links added.",
        "fr": "{actors} acteurs, {relations} relations et {links} liens ajoutés.",
    },
    "stakeholders.already": {
        "en": "{count} were already on the map.",
        "fr": "{count} étaient déjà sur la carte.",
    },
    "stakeholders.kept": {
        "en": "{count} differ from what the map holds and were left as they are.",
        "fr": "{count} diffèrent de ce que contient la carte et ont été laissés tels quels.",
    },
    "stakeholders.updated": {
        "en": "{count} were updated.",
        "fr": "{count} ont été mis à jour.",
    },
    "stakeholders.saved": {
        "en": "Saved: {added} added, {changed} changed, {removed} removed.",
        "fr": "Enregistré : {added} ajouté(s), {changed} modifié(s), {removed} supprimé(s).",
    },
    # metrics and tabs
    "stakeholders.metric_actors": {"en": "Actors", "fr": "Acteurs"},
    "stakeholders.metric_relations": {"en": "Relations", "fr": "Relations"},
    "stakeholders.metric_clusters": {
        "en": "Clusters with actors",
        "fr": "Regroupements avec des acteurs",
    },
    "stakeholders.metric_isolated": {"en": "Isolated actors", "fr": "Acteurs isolés"},
    "stakeholders.tab_map": {"en": "Map", "fr": "Carte"},
    "stakeholders.tab_grid": {"en": "Power / interest", "fr": "Pouvoir / intérêt"},
    "stakeholders.tab_cluster": {"en": "Who must say yes", "fr": "Qui doit dire oui"},
    "stakeholders.tab_analysis": {"en": "Analysis", "fr": "Analyse"},
    "stakeholders.tab_edit": {"en": "Edit", "fr": "Modifier"},
    "stakeholders.tab_files": {"en": "Import / export", "fr": "Importer / exporter"},
    # map and grid
    "stakeholders.size_by": {"en": "Size of the points", "fr": "Taille des points"},
    "stakeholders.size_by.power": {"en": "power", "fr": "pouvoir"},
    "stakeholders.size_by.betweenness": {
        "en": "go-between role (betweenness)",
        "fr": "rôle d'intermédiaire (intermédiarité)",
    },
    "stakeholders.show_clusters": {
        "en": "Show the linked clusters",
        "fr": "Montrer les regroupements reliés",
    },
    "stakeholders.map_caption": {
        "en": "Colour and shape: group. Line style: type of relation; orange-red: opposition. "
        "The triangle in the middle of a line points from who acts to whom (two triangles: "
        "both ways). Black ring: the go-betweens who connect the most actors. White squares: "
        "clusters of ideas; the wide pale bands give each linked actor's role.",
        "fr": "Couleur et forme : groupe. Style du trait : type de relation ; rouge orangé : "
        "opposition. Le triangle au milieu d'un trait va de qui agit vers qui (deux "
        "triangles : dans les deux sens). Anneau noir : les intermédiaires qui relient le plus "
        "d'acteurs. Carrés blancs : regroupements d'idées ; les larges bandes pâles donnent le "
        "rôle de chaque acteur relié.",
    },
    "stakeholders.grid_caption": {
        "en": "Power and interest run from 1 to 5; 3 and above counts as high. Actors in the "
        "same place are spread up and down it. Shape: stance.",
        "fr": "Pouvoir et intérêt vont de 1 à 5 ; 3 et plus compte comme élevé. Les acteurs au "
        "même endroit sont écartés vers le haut et le bas. Forme : position.",
    },
    # columns and words of the charts and tables
    "stakeholders.col_name": {"en": "Name", "fr": "Nom"},
    "stakeholders.col_group": {"en": "Group", "fr": "Groupe"},
    "stakeholders.col_power": {"en": "Power", "fr": "Pouvoir"},
    "stakeholders.col_interest": {"en": "Interest", "fr": "Intérêt"},
    "stakeholders.col_stance": {"en": "Stance", "fr": "Position"},
    "stakeholders.col_notes": {"en": "Notes", "fr": "Notes"},
    "stakeholders.col_source": {"en": "From", "fr": "De"},
    "stakeholders.col_target": {"en": "To", "fr": "Vers"},
    "stakeholders.col_type": {"en": "Relation", "fr": "Relation"},
    "stakeholders.col_weight": {"en": "Weight", "fr": "Poids"},
    "stakeholders.col_direction": {"en": "Direction", "fr": "Sens"},
    "stakeholders.col_actor": {"en": "Actor", "fr": "Acteur"},
    "stakeholders.col_cluster": {"en": "Cluster", "fr": "Regroupement"},
    "stakeholders.col_role": {"en": "Role", "fr": "Rôle"},
    "stakeholders.col_via": {"en": "Linked through", "fr": "Relié par"},
    "stakeholders.col_quadrant": {"en": "Strategy", "fr": "Stratégie"},
    "stakeholders.col_hint": {"en": "What to do", "fr": "Que faire"},
    "stakeholders.col_degree": {"en": "Connections", "fr": "Connexions"},
    "stakeholders.col_betweenness": {"en": "Go-between", "fr": "Intermédiarité"},
    # who must say yes
    "stakeholders.no_clusters": {
        "en": "No clusters of ideas yet: group the ideas on the Clusters page to see who must "
        "say yes to each.",
        "fr": "Pas encore de regroupements d'idées : regroupez les idées sur la page "
        "Regroupements pour voir qui doit dire oui à chacun.",
    },
    "stakeholders.cluster_ref": {"en": "Cluster {id}", "fr": "Regroupement {id}"},
    "stakeholders.pick_cluster": {"en": "Cluster of ideas", "fr": "Regroupement d'idées"},
    "stakeholders.citizens_missing": {
        "en": "No citizens are linked to this cluster: who will live with it has no say yet.",
        "fr": "Aucun habitant n'est relié à ce regroupement : ceux qui vivront avec n'ont pas "
        "encore voix au chapitre.",
    },
    "stakeholders.missing_groups": {
        "en": "Also missing: {groups}.",
        "fr": "Manquent aussi : {groups}.",
    },
    "stakeholders.must_say_yes": {"en": "Who must say yes", "fr": "Qui doit dire oui"},
    "stakeholders.nobody_must": {
        "en": "Nobody yet: link an owner, a funder or an actor who must approve below.",
        "fr": "Personne pour l'instant : reliez ci-dessous un porteur, un financeur ou un "
        "acteur qui doit approuver.",
    },
    "stakeholders.through": {"en": "via:", "fr": "via :"},
    "stakeholders.cluster_option": {
        "en": "{label} · {count} actor(s) linked",
        "fr": "{label} · {count} acteur(s) relié(s)",
    },
    "stakeholders.conflicts": {"en": "Conflicts", "fr": "Conflits"},
    "stakeholders.no_conflicts": {
        "en": "No known conflict among the actors involved.",
        "fr": "Aucun conflit connu entre les acteurs concernés.",
    },
    "stakeholders.opposes_stance": {
        "en": "{name} opposes the project",
        "fr": "{name} est opposé au projet",
    },
    "stakeholders.relation_sentence": {
        "en": "{source} {relation} {target}",
        "fr": "{source} {relation} {target}",
    },
    "stakeholders.linked": {"en": "Actors linked to it", "fr": "Acteurs qui y sont reliés"},
    "stakeholders.nobody_linked": {
        "en": "No actor is linked to this cluster yet.",
        "fr": "Aucun acteur n'est encore relié à ce regroupement.",
    },
    "stakeholders.add_link": {"en": "Link", "fr": "Relier"},
    "stakeholders.add_link_title": {
        "en": "Link an actor to this cluster",
        "fr": "Relier un acteur à ce regroupement",
    },
    "stakeholders.link_added": {
        "en": "{name} linked to “{cluster}” as {role}.",
        "fr": "{name} relié à « {cluster} » comme {role}.",
    },
    # analysis
    "stakeholders.brokers": {"en": "Go-betweens", "fr": "Intermédiaires"},
    "stakeholders.brokers_help": {
        "en": "Who sits on the paths between the others (betweenness): lose them and the map "
        "falls apart. Connections: share of the other actors each one has a relation with.",
        "fr": "Qui se trouve sur les chemins entre les autres (intermédiarité) : sans eux, la "
        "carte se défait. Connexions : part des autres acteurs avec qui chacun a une relation.",
    },
    "stakeholders.communities": {"en": "Communities", "fr": "Communautés"},
    "stakeholders.communities_help": {
        "en": "Actors tied more to each other than to the rest (oppositions left out).",
        "fr": "Acteurs plus liés entre eux qu'au reste (oppositions mises de côté).",
    },
    "stakeholders.community": {"en": "Community {number}", "fr": "Communauté {number}"},
    "stakeholders.isolated": {"en": "Isolated actors", "fr": "Acteurs isolés"},
    "stakeholders.isolated_list": {
        "en": "No relation with anyone yet: {names}.",
        "fr": "Encore aucune relation avec personne : {names}.",
    },
    "stakeholders.none_isolated": {
        "en": "Every actor has at least one relation.",
        "fr": "Chaque acteur a au moins une relation.",
    },
    # edit
    "stakeholders.add_actor_title": {"en": "Add an actor", "fr": "Ajouter un acteur"},
    "stakeholders.add_actor": {"en": "Add the actor", "fr": "Ajouter l'acteur"},
    "stakeholders.pick_group": {"en": "Choose a group", "fr": "Choisissez un groupe"},
    "stakeholders.name_required": {
        "en": "An actor needs a name.",
        "fr": "Un acteur a besoin d'un nom.",
    },
    "stakeholders.group_required": {
        "en": "Choose the actor's group.",
        "fr": "Choisissez le groupe de l'acteur.",
    },
    "stakeholders.name_taken": {
        "en": "There is already an actor named “{name}”.",
        "fr": "Il y a déjà un acteur nommé « {name} ».",
    },
    "stakeholders.actor_added": {"en": "“{name}” added.", "fr": "« {name} » ajouté."},
    "stakeholders.add_relation_title": {"en": "Add a relation", "fr": "Ajouter une relation"},
    "stakeholders.add_relation": {"en": "Add the relation", "fr": "Ajouter la relation"},
    "stakeholders.pick_actor": {"en": "Choose an actor", "fr": "Choisissez un acteur"},
    "stakeholders.pick_both": {
        "en": "Choose both actors of the relation.",
        "fr": "Choisissez les deux acteurs de la relation.",
    },
    "stakeholders.weight_help": {
        "en": "How strong the relation is (1 = ordinary).",
        "fr": "La force de la relation (1 = ordinaire).",
    },
    "stakeholders.direction_auto": {
        "en": "as the type says",
        "fr": "selon le type",
    },
    "stakeholders.relation_added": {"en": "Added: {relation}.", "fr": "Ajouté : {relation}."},
    "stakeholders.relation_exists": {
        "en": "Already on the map: {relation}.",
        "fr": "Déjà sur la carte : {relation}.",
    },
    "stakeholders.actors_table": {"en": "Actors", "fr": "Acteurs"},
    "stakeholders.table_help": {
        "en": "Edit the cells, add a row at the bottom, select rows to delete them, then save. "
        "Deleting an actor deletes its relations and links.",
        "fr": "Modifiez les cellules, ajoutez une ligne en bas, sélectionnez des lignes pour les "
        "supprimer, puis enregistrez. Supprimer un acteur supprime ses relations et ses liens.",
    },
    "stakeholders.save_actors": {"en": "Save the actors", "fr": "Enregistrer les acteurs"},
    "stakeholders.relations_table": {"en": "Relations", "fr": "Relations"},
    "stakeholders.save_relations": {
        "en": "Save the relations",
        "fr": "Enregistrer les relations",
    },
    "stakeholders.links_table": {
        "en": "Links to clusters of ideas",
        "fr": "Liens aux regroupements d'idées",
    },
    "stakeholders.links_help": {
        "en": "Who plays which role for each cluster. A linked cluster is pinned so that "
        "re-clustering keeps it. Links to single ideas, from imported files, are kept.",
        "fr": "Qui joue quel rôle pour chaque regroupement. Un regroupement relié est épinglé "
        "pour qu'un nouveau regroupement le garde. Les liens à des idées seules, venus de "
        "fichiers importés, sont conservés.",
    },
    "stakeholders.save_links": {"en": "Save the links", "fr": "Enregistrer les liens"},
    # export
    "stakeholders.export": {"en": "Export the map", "fr": "Exporter la carte"},
    "stakeholders.export_help": {
        "en": "GraphML and GEXF open in Gephi; the XLSX workbook imports into Kumu; JSON is "
        "networkx's node-link format.",
        "fr": "GraphML et GEXF s'ouvrent dans Gephi ; le classeur XLSX s'importe dans Kumu ; "
        "le JSON est le format nœuds-liens de networkx.",
    },
    "stakeholders.download_graphml": {"en": "GraphML", "fr": "GraphML"},
    "stakeholders.download_gexf": {"en": "GEXF", "fr": "GEXF"},
    "stakeholders.download_json": {"en": "JSON", "fr": "JSON"},
    "stakeholders.download_kumu": {"en": "Kumu (XLSX)", "fr": "Kumu (XLSX)"},
}
