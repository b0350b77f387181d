"""Shared data of the scoring tests: score entries (``S``), the quick rubric and a room of
three raters."""

from cocreate.scoring.rubrics import get_rubric
from cocreate.scoring.statistics import ScoreEntry

S = ScoreEntry

QUICK = get_rubric("dvf-quick")

# three raters, target A: wanted 5/4/3, doable 2/don't know/2, lasting 4/4/4
ROOM = [
    S("A", "r1", "wanted", 5),
    S("A", "r2", "wanted", 4),
    S("A", "r3", "wanted", 3),
    S("A", "r1", "doable", 2),
    S("A", "r2", "doable", None),
    S("A", "r3", "doable", 2),
    S("A", "r1", "lasting", 4),
    S("A", "r2", "lasting", 4),
    S("A", "r3", "lasting", 4),
]
