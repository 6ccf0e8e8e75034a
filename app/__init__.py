"""xiuhua (绣花): grid-based urban management."""

__version__ = "0.1.0"
