"""Evaluation (综合评价): indicators, rollups, rankings, hotspots and exports (DOMAIN.md §6–§7)."""
