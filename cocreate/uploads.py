"""Uploaded files on disk only while an import reads them (decision 0077).

The readers take a path (their messages name the file), so an uploaded file is written to
disk, in a folder of its own that only this user can open (0700, the file 0600), and both
are deleted when the block that reads it ends, failed or not: citizens' names and words are
not left in a shared temporary folder.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["UPLOAD_PREFIX", "held_upload", "upload_key"]

UPLOAD_PREFIX = "cocreate-upload-"


def upload_key(data: bytes) -> str:
    """A short name for these bytes: the same file uploaded again gets the same key."""
    return hashlib.sha256(data).hexdigest()[:16]


@contextmanager
def held_upload(name: str, data: bytes, *, parent: str | Path | None = None) -> Iterator[Path]:
    """``data`` as a file called ``name`` (its folder part dropped) in a new private folder,
    for the duration of the ``with`` block; the folder is gone afterwards."""
    with tempfile.TemporaryDirectory(prefix=UPLOAD_PREFIX, dir=parent) as folder:
        # mkdtemp makes it 0700 already; said again in case a umask or platform differs
        os.chmod(folder, 0o700)
        path = Path(folder) / (Path(name).name or "upload")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        yield path
