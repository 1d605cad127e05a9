"""Translating a course's own text: PO/XLIFF catalogs per module, extract, status, import, the
translated course a build renders, and the checks that hold a translation to its English."""
