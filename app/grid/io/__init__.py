"""Spatial data in and out: layer import, export, topology check."""
