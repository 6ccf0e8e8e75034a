"""Core: settings, database, domain errors, clock, logging, PII encryption (the bottom layer)."""
