"""`xiuhua grid …`: import and export of spatial layers (filled in by the import/export work)."""

from __future__ import annotations

import typer

grid_app = typer.Typer(help="空间数据：导入、导出、拓扑检查", no_args_is_help=True)
