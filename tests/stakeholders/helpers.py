"""Helpers the stakeholder test files share."""

from cocreate.stakeholders import MAP_FORMATS, write_map


def write_any(fmt, G, folder):
    path = folder / f"map{MAP_FORMATS[fmt]}"
    written = write_map(G, path)
    return path, written
