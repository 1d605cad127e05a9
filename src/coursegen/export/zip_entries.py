"""Zip entries of the LMS packages: fixed dates, readable by any user of a web server."""

from __future__ import annotations

import zipfile

FILE_MODE = 0o100644
"""A regular file, rw-r--r--: an LMS that unpacks with stored modes serves it to any user."""


def stamp(name: str) -> zipfile.ZipInfo:
    """A deflated zip entry with a fixed date (the same course gives byte-identical packages)
    and mode 0644 (a bare ZipInfo stores 0600, which a web server running as another user
    answers with 403)."""
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = FILE_MODE << 16
    return info
