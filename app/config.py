"""Settings: one instance, read from XIUHUA_* environment variables and .env."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DATA_DIR = Path(__file__).parent / "data"


class Settings(BaseSettings):
    """Deployment settings; every field can be set as XIUHUA_<NAME> or in .env."""

    model_config = SettingsConfigDict(env_prefix="XIUHUA_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="postgresql+psycopg:///xiuhua?host=/var/run/postgresql",
        description="SQLAlchemy URL of the PostGIS database (default: local server over its socket).",
    )
    db_pool_size: int = 10
    db_max_overflow: int = 10
    log_level: str = "INFO"
    log_json: bool = True

    # Space
    component_snap_tolerance_m: float = Field(
        default=15.0, description="部件吸附容差: how far (m) a report may lie from its component."
    )
    reverse_geocode_radius_m: float = Field(
        default=100.0, description="逆地理编码半径: nearest standard address searched within (m)."
    )
    outside_nearest_search_m: float = Field(
        default=50_000.0,
        description="For a point outside every cell: how far (m) to look for the nearest cell.",
    )
    geocode_min_similarity: float = 0.15
    geojson_max_features: int = 10_000
    mvt_cell_min_zoom: int = 12

    # Case engine
    case_no_format: str = Field(
        default="{district}-{year}-{seq:06d}",
        description="案卷编号格式：district（区县代码）、year、seq（按区县、年度连续不跳号）",
    )
    calendar_timezone: str = "Asia/Shanghai"
    auto_file_sources: list[str] = Field(
        default_factory=list,
        description="这些来源的上报自动立案（如 ['inspector']）",
    )
    auto_close_on_check_pass: bool = Field(default=False, description="核查通过后自动结案")
    duplicate_radius_m: float = Field(
        default=30.0, description="疑似重复：同类别开放案卷的半径（米）"
    )
    duplicate_window_h: float = Field(default=72.0, description="疑似重复：时间窗口（小时）")
    max_extension_hours: float = 720.0
    sweeper_interval_s: float = Field(
        default=60.0, ge=0, description="定时扫描（红黄灯、超期、督办）间隔（秒），0 = 关闭"
    )
    stats_refresh_interval_s: float = Field(
        default=10.0, ge=0, description="综合评价汇总（事实表、汇总表）刷新间隔（秒），0 = 关闭"
    )

    demo_district: str = "370303"
    demo_seed: int = 20261121

    # Photo attachments (照片附件)
    attachment_dir: Path = Field(
        default=Path("var/attachments"),
        description="照片存储目录（文件系统存储；上传中的文件暂存在其下的 .incoming/）",
    )
    attachment_max_bytes: int = Field(
        default=10 * 1024 * 1024, gt=0, description="单张照片的大小上限（字节）"
    )
    attachment_max_pixels: int = Field(
        default=60_000_000,
        gt=0,
        description="单张照片的像素上限（宽×高），超过即拒绝，防止解压炸弹",
    )
    thumbnail_px: int = Field(default=320, gt=0, description="缩略图最长边（像素，JPEG）")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings instance."""
    return Settings()
