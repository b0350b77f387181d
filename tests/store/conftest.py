"""Helpers of the store tests (the fixtures `store`, `workshop`, `db_path` are in
tests/conftest.py)."""

from cocreate.records import IdeaRecord


def idea(text, key, **fields):
    return IdeaRecord(text=text, source_key=key, original={"text": text, "key": key}, **fields)
