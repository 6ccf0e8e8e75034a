"""People: users with roles and scopes, tokens, API keys (DOMAIN.md §1)."""
