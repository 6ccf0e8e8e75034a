"""Import every model module so that Base.metadata knows all tables (Alembic, tests)."""

from app.dispatch import models as dispatch_models
from app.grid import models as grid_models
from app.stats import models as stats_models

__all__ = ["dispatch_models", "grid_models", "stats_models"]
