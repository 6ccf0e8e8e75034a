"""The xiuhua command line: the typer app lives in app.cli.app, each command group in its module.

The group modules take the typer app and the output helpers from app.cli.app, which imports none
of them, so there is no import circle; they register here, so `app.cli:main` sees every group.
"""

from app.cli.accounts import apikey_app, user_app
from app.cli.app import app, main
from app.cli.dispatch import dispatch_app
from app.cli.export import export_app
from app.cli.grid import grid_app
from app.cli.stats import seed_history_cmd, stats_app

app.add_typer(grid_app, name="grid")
app.add_typer(dispatch_app)
app.add_typer(user_app, name="user")
app.add_typer(apikey_app, name="apikey")
app.add_typer(export_app, name="export")
app.add_typer(stats_app, name="stats")
app.command("seed-history")(seed_history_cmd)

__all__ = ["app", "main"]
