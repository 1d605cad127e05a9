"""Attempts: the database, the one lifecycle every runner uses, listings, CSV, certificates."""
