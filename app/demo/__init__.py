"""Demo data: demo city, demo users, seeded history (tooling, not product)."""
