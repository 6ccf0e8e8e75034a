"""Import every model module so that Base.metadata knows all tables (Alembic, tests)."""

from app.cases import models as dispatch_models
from app.channels.open311 import models as open311_models
from app.grid import models as grid_models
from app.identity import models as account_models
from app.stats import models as stats_models

__all__ = ["account_models", "dispatch_models", "grid_models", "open311_models", "stats_models"]
