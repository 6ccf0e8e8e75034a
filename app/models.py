"""Import every model module so that Base.metadata knows all tables (Alembic, tests)."""

from app.accounts import models as account_models
from app.dispatch import models as dispatch_models
from app.dispatch import open311_models
from app.grid import models as grid_models
from app.stats import models as stats_models

__all__ = ["account_models", "dispatch_models", "grid_models", "open311_models", "stats_models"]
