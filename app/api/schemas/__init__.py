"""HTTP response and query schemas (Pydantic v2), one module per area; one shape per concept."""
