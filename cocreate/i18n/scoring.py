"""Strings of the Scoring pages (rubrics, rounds, ballot, results)."""

STRINGS: dict[str, dict[str, str]] = {}
