"""Strings of the Stakeholders page."""

STRINGS: dict[str, dict[str, str]] = {}
