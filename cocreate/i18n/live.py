"""Strings of the live workshop (roles, joining, presenter view)."""

STRINGS: dict[str, dict[str, str]] = {}
