"""The store's exceptions, apart so that every store module (the faults too) can raise them."""

from __future__ import annotations


class StoreError(Exception):
    """A request the store cannot satisfy (unknown workshop, duplicate slug...)."""


class StoreBusyError(StoreError):
    """The database stayed locked by other writes past the deadline; nothing was written."""
