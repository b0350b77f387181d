"""Clustering a workshop's ideas, from the texts to the wall the facilitator edits.

One module per step, lower ones first (none imports this package's ``__init__``):

- ``embed``: embedders, model resolution, the embedding cache (by model id and text hash);
- ``clusterer``: :class:`IdeaClusterer` (a scikit-learn estimator) and its graph / k-means
  math, assignment to the nearest group, near-duplicates;
- ``maps``: the 2-D map of ideas;
- ``labels``: keywords, labels and representative ideas of each group;
- ``names``: noun-phrase names of groups and themes in the ideas' languages;
- ``llm_names``: names proposed by an optional local language model, checked, off by default;
- ``tree``: the top-level themes over the groups, each idea's secondary theme;
- ``fit_cache``: fits stored under a digest of the vectors and settings;
- ``pipeline``: :func:`cluster_texts`, :func:`cluster_workshop`, :func:`assign_new_ideas`;
- ``edits``: the facilitator's edits (rename, pin, merge, split, move, merge ideas, undo);
- ``wall``: the cluster cards and near-duplicate groups the wall shows.

Every public name of the former modules ``cocreate.embed``, ``cocreate.cluster``,
``cocreate.labels`` and ``cocreate.clustering`` is importable from here.
"""

from cocreate.clustering.clusterer import (
    IdeaClusterer,
    assign_to_centroids,
    graph_communities,
    graph_partition,
    near_duplicate_groups,
    normalise_rows,
)
from cocreate.clustering.edits import (
    allow_in_names,
    forbid_in_names,
    merge_clusters,
    merge_ideas,
    merge_themes,
    move_group,
    move_idea,
    pin_cluster,
    pin_theme,
    rename_cluster,
    split_cluster,
    split_theme,
    undo_merge,
)
from cocreate.clustering.embed import (
    DEFAULT_MODEL_BY_LANGUAGE,
    CombinedEmbedder,
    Embedder,
    EmbedStats,
    ModelNotFound,
    Progress,
    SentenceTransformerEmbedder,
    UniversalSentenceEncoder,
    available_models,
    bundled_model_path,
    embed_texts,
    hash_for_cache,
    idea_text_for_embedding,
    model_spec_for,
    models_dir,
    resolve_embedder,
)
from cocreate.clustering.fit_cache import FIT_LIBRARIES, FIT_VERSION, Fit, fit_key, fit_with_cache
from cocreate.clustering.labels import (
    cluster_keywords,
    label_from_keywords,
    representative_members,
    stop_words,
)
from cocreate.clustering.llm_names import (
    NamingEndpoint,
    NamingEndpointRefused,
    naming_endpoint_from_env,
    propose_names,
)
from cocreate.clustering.maps import map_coordinates
from cocreate.clustering.names import GroupName, forbidden_in_names, name_groups, never_in_names
from cocreate.clustering.pipeline import (
    DEFAULT_DUPLICATE_THRESHOLD,
    DUPLICATE_THRESHOLD_BY_MODEL,
    GRANULARITIES,
    LABEL_CARRY_OVERLAP,
    ClusteringSummary,
    TextClustering,
    assign_new_ideas,
    cluster_texts,
    cluster_workshop,
    cluster_workshop_again,
    duplicate_threshold_for,
)
from cocreate.clustering.tree import (
    secondary_themes,
    theme_cards,
    theme_count,
    theme_members,
    theme_tree,
)
from cocreate.clustering.wall import (
    cluster_cards,
    distinct_representatives,
    duplicate_suggestions,
    merge_batches,
    wall_rows,
)

__all__ = [
    # former cocreate.clustering
    "TextClustering",
    "cluster_texts",
    "ClusteringSummary",
    "idea_text_for_embedding",
    "cluster_workshop",
    "assign_new_ideas",
    "rename_cluster",
    "pin_cluster",
    "merge_clusters",
    "split_cluster",
    "move_idea",
    "merge_ideas",
    "undo_merge",
    "pin_theme",
    "move_group",
    "merge_themes",
    "split_theme",
    "GroupName",
    "name_groups",
    "never_in_names",
    "forbidden_in_names",
    "forbid_in_names",
    "allow_in_names",
    "cluster_workshop_again",
    "NamingEndpoint",
    "NamingEndpointRefused",
    "naming_endpoint_from_env",
    "propose_names",
    "theme_count",
    "theme_tree",
    "secondary_themes",
    "theme_cards",
    "theme_members",
    "cluster_cards",
    "DEFAULT_DUPLICATE_THRESHOLD",
    "DUPLICATE_THRESHOLD_BY_MODEL",
    "duplicate_threshold_for",
    "GRANULARITIES",
    "LABEL_CARRY_OVERLAP",
    "FIT_VERSION",
    "FIT_LIBRARIES",
    "Fit",
    "fit_key",
    "fit_with_cache",
    # former cocreate.embed
    "Embedder",
    "SentenceTransformerEmbedder",
    "UniversalSentenceEncoder",
    "CombinedEmbedder",
    "EmbedStats",
    "ModelNotFound",
    "Progress",
    "embed_texts",
    "hash_for_cache",
    "models_dir",
    "bundled_model_path",
    "resolve_embedder",
    "available_models",
    "DEFAULT_MODEL_BY_LANGUAGE",
    # former cocreate.cluster
    "IdeaClusterer",
    "graph_communities",
    "graph_partition",
    "normalise_rows",
    "assign_to_centroids",
    "near_duplicate_groups",
    "map_coordinates",
    # former cocreate.labels
    "stop_words",
    "cluster_keywords",
    "label_from_keywords",
    "representative_members",
    # moved down from cocreate.ui.wall
    "model_spec_for",
    "distinct_representatives",
    "duplicate_suggestions",
    "merge_batches",
    "wall_rows",
]
