"""Settings: one instance, read from XIUHUA_* environment variables and .env."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DATA_DIR = Path(__file__).parent.parent / "data"


class Settings(BaseSettings):
    """Deployment settings; every field can be set as XIUHUA_<NAME> or in .env."""

    model_config = SettingsConfigDict(env_prefix="XIUHUA_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = Field(
        default="production",
        description="运行环境：production（默认）启动时拒绝缺失、默认或过短的密钥；"
        "development、test 不检查",
    )
    database_url: str = Field(
        default="postgresql+psycopg:///xiuhua?host=/var/run/postgresql",
        description="SQLAlchemy URL of the PostGIS database (default: local server over its socket).",
    )
    db_pool_size: int = Field(default=10, gt=0, description="每个进程的数据库连接池大小")
    db_max_overflow: int = Field(default=10, ge=0, description="连接池满时最多再开的临时连接数")
    db_pool_timeout_s: float = Field(
        default=3.0,
        gt=0,
        description="等待连接池空闲连接的最长秒数；超时即答 503 overloaded（不让请求无限排队）",
    )
    db_connect_timeout_s: int = Field(
        default=3,
        ge=2,
        description="建立数据库连接的超时（秒，libpq connect_timeout 最小 2）；超时即答 503 database_unavailable",
    )
    db_jit: bool = Field(
        default=False,
        description="PostgreSQL 的 JIT 编译（jit）。默认关闭：上报、流转这类短语句用不上它，批量语句的估算代价"
        "一高，PostgreSQL 就会在每次执行前花 15–25 ms 编译；统计语句本来就逐条关闭",
    )
    db_generic_plans: bool = Field(
        default=True,
        description="事件循环上量大的端点（上报、流转、Open311、登录）所用连接池的预备语句一律用通用执行计划"
        "（PostgreSQL plan_cache_mode=force_generic_plan）：派遣建议、流转读取等语句不再每次按参数重新规划"
        "（每次省 0.2–0.4 ms 数据库 CPU）。线程池上的查询、统计、导出不受影响，仍按参数规划",
    )
    db_warm_pools: bool = Field(
        default=True,
        description="工作进程启动时先建好事件循环上各连接池（上报、流转）的全部连接，并让每个连接先载入 PostGIS："
        "新连接第一次做空间查询要多花约 12 ms，不再落在负载上来时的请求上",
    )
    db_ping_idle_s: float = Field(
        default=5.0,
        ge=0,
        description="连接在连接池里空闲超过此秒数，借出前先探测一次（发现数据库重启后失效的连接并重连）；"
        "刚用过的连接不再探测，每个请求少一次往返。0：每次借出都探测",
    )
    db_side_pool_size: int = Field(
        default=4,
        gt=0,
        description="每个进程另设的小连接池大小：API 密钥用量计数等短事务（不占请求的连接池）",
    )
    gil_switch_interval_ms: float = Field(
        default=0.5,
        gt=0,
        le=100,
        description="工作进程内各线程（事件循环、线程池里的批量上报与导出、定时扫描、统计刷新）之间交还 GIL 的"
        "间隔（毫秒，Python 的 switch interval）。Python 默认 5 ms：另一个线程在算时，事件循环上的请求每等一次"
        "数据库就要多等一到两个间隔（每次往返约 12 ms，docs/PERFORMANCE.md）；0.5 ms 时约 1.3 ms",
    )
    # Overload protection (过载保护, docs/RELIABILITY.md)
    max_in_flight: int = Field(
        default=8,
        gt=0,
        description="每个工作进程同时处理的请求数上限（应不超过连接池大小 + 溢出数）",
    )
    max_queued: int = Field(
        default=64,
        ge=0,
        description="每个工作进程排队等待处理的请求数上限；再多的请求立即答 503 overloaded",
    )
    queue_wait_s: float = Field(
        default=2.0,
        ge=0,
        description="请求排队等待处理的最长秒数；超时答 503 overloaded 并带 Retry-After",
    )
    retry_after_s: int = Field(
        default=2, gt=0, description="503（过载、数据库不可用）答复中的 Retry-After 秒数"
    )
    readyz_timeout_s: float = Field(
        default=0.8, gt=0, description="/readyz 检查数据库的超时（秒），自用连接，不占连接池"
    )
    image_max_concurrent: int = Field(
        default=1, gt=0, description="每个工作进程同时解码照片（校验、缩略图）的上限"
    )
    # Metrics (运行指标 /metrics, Prometheus)
    metrics_token: SecretStr | None = Field(
        default=None,
        description="/metrics 的访问令牌（Authorization: Bearer <令牌>）；不设置则只允许本机（回环地址）访问",
    )
    log_level: str = "INFO"
    log_json: bool = True

    # Request limits (请求大小与时限): every body, every route
    request_max_bytes: int = Field(
        default=1024 * 1024,
        gt=0,
        description="请求体大小上限（字节），适用于所有接口；上传照片、网格数据文件的接口有各自的上限",
    )
    request_body_idle_timeout_s: float = Field(
        default=15.0, gt=0, description="接收请求体时两次数据之间最长等待（秒），超过即 408"
    )
    request_body_timeout_s: float = Field(
        default=300.0, gt=0, description="接收整个请求体的最长时间（秒），超过即 408"
    )
    http_keep_alive_s: int = Field(
        default=5,
        gt=0,
        description="空闲的 HTTP 长连接保持时间（秒，uvicorn --timeout-keep-alive）",
    )
    http_max_header_bytes: int = Field(
        default=64 * 1024,
        gt=0,
        description="请求行与请求头的大小上限（字节，uvicorn h11 max incomplete event size）",
    )

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
    report_min_photos: dict[str, int] = Field(
        default_factory=lambda: {"inspector": 1},
        description="上报至少附带的照片数（按角色；监督员上报须有现场照片，手机与接口相同）",
    )
    report_max_photos: int = Field(default=9, gt=0, description="一次上报或一个动作最多的照片数")
    auto_close_on_check_pass: bool = Field(default=False, description="核查通过后自动结案")
    duplicate_radius_m: float = Field(
        default=30.0, description="疑似重复：同类别开放案卷的半径（米）"
    )
    duplicate_window_h: float = Field(default=72.0, description="疑似重复：时间窗口（小时）")
    max_extension_hours: float = 720.0
    light_yellow_ratio: float = Field(
        default=0.8,
        ge=0,
        le=1,
        description="黄灯预警：阶段时限用去此比例后亮黄灯（超过时限亮红灯）",
    )
    sweeper_interval_s: float = Field(
        default=60.0, ge=0, description="定时扫描（红黄灯、超期、督办）间隔（秒），0 = 关闭"
    )
    stats_refresh_interval_s: float = Field(
        default=10.0, ge=0, description="综合评价汇总（事实表、汇总表）刷新间隔（秒），0 = 关闭"
    )
    stats_refresh_batch_size: int = Field(
        default=300,
        gt=0,
        description="综合评价汇总：定时刷新每批（每个事务）最多的案卷数",
    )
    stats_refresh_duty: float = Field(
        default=0.25,
        gt=0,
        le=1,
        description="综合评价汇总：定时刷新一轮里各批工作时间的占比上限（批与批之间停顿，"
        "不让一轮几千件连续占住数据库的一个核；1 = 不停顿）",
    )

    # Open311 GeoReport v2 (/open311/v2/, docs/OPEN311.md)
    open311_page_size: int = Field(default=1000, gt=0, description="Open311 列表默认条数")
    open311_max_page_size: int = Field(default=1000, gt=0, description="Open311 每页最多条数")
    open311_max_window_days: int = Field(default=90, gt=0, description="Open311 日期范围上限（天）")
    open311_default_radius_m: float = Field(default=1000.0, gt=0, description="lat,long 检索半径")
    open311_max_radius_m: float = Field(default=5000.0, gt=0, description="检索半径上限（米）")
    open311_geocode_min_score: float = Field(
        default=0.4, ge=0, le=1, description="address_string 自动采用标准地址的最低相似度"
    )
    open311_geocode_min_margin: float = Field(
        default=0.05,
        ge=0,
        le=1,
        description="address_string 自动采用还要求最佳候选比第二名高出此值（否则地址不明确，400）",
    )
    open311_description_max: int = Field(
        default=4000, gt=0, description="description（问题描述、市民进展）最长字符数"
    )
    open311_form_max_bytes: int = Field(
        default=256 * 1024,
        gt=0,
        description="表单字段（不含照片）最多字节数：url 编码的整个请求体、multipart 的每个文本字段",
    )
    open311_max_fields: int = Field(
        default=1000, gt=0, description="一次请求（查询串或表单）最多参数个数"
    )
    open311_update_actions: bool = Field(
        default=True,
        description="市民进展的状态按含义触发流转（FIXED/CLOSED：待结案案卷由系统结案）；"
        "false = 只记入案卷记录",
    )
    open311_max_photos: int = Field(default=3, ge=0, description="一次提交最多附带的照片数")
    open311_list_sources: list[str] = Field(
        default_factory=lambda: ["open311", "public", "inspector", "video", "iot"],
        description="Open311 公开查询可见的案件来源（热线、领导交办含个人信息，默认不公开）",
    )
    open311_return_token: bool = Field(
        default=False, description="提交后返回 token（type=batch）而非 service_request_id"
    )
    open311_contact: str = "数字城管监督指挥中心（12319）"
    open311_key_service: str = "API 密钥由管理员签发：xiuhua apikey create --scope open311"
    open311_endpoint_type: str = Field(default="production", pattern="^(production|test)$")
    # Work queues (工作队列: unit queue, command-centre lists)
    queue_page_size: int = Field(default=50, gt=0, description="队列每页默认条数")
    queue_max_page_size: int = Field(default=200, gt=0, description="队列每页最多条数")
    queue_bulk_max: int = Field(default=50, gt=0, description="批量签收一次最多提交的案卷数")
    dispatch_bulk_max: int = Field(
        default=1000, gt=0, description="派遣台批量派遣一次最多提交的案卷数"
    )
    intake_batch_max: int = Field(
        default=500, gt=0, description="机器批量上报（reports:batch）一次最多提交的上报数"
    )
    search_text_max: int = Field(
        default=100, gt=0, description="案卷查询文字条件（编号、描述、地址）最多字符数"
    )
    queue_refresh_overlap_s: float = Field(
        default=30.0, ge=0, description="增量刷新回看秒数：覆盖刷新时尚未提交的事务"
    )
    queue_cursor_ttl_s: int = Field(
        default=3600, gt=0, description="分页游标有效期（秒）：过期后从第一页重新加载"
    )
    queue_removed_max: int = Field(
        default=500, gt=0, description="增量刷新一次最多返回的“已移出队列”案卷数"
    )

    # Grid import (网格导入: CLI `xiuhua grid import` and the admin API, docs/GIS.md)
    grid_import_dir: Path = Field(
        default=Path("var/grid-imports"),
        description="管理接口上传的网格数据文件的存放目录（每个导入任务一个子目录）",
    )
    grid_import_max_bytes: int = Field(
        default=512 * 1024 * 1024, gt=0, description="管理接口上传一个数据文件的大小上限（字节）"
    )
    grid_import_area_tolerance: float = Field(
        default=0.05,
        ge=0,
        description="网格文件自带面积与按几何计算的面积相差超过此比例时给出警告（0 = 不比较）",
    )
    grid_import_stale_s: float = Field(
        default=300.0,
        gt=0,
        description="运行中的导入任务超过此秒数没有进度更新即视为中断（进程退出）",
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
    attachment_max_decode_bytes: int = Field(
        default=64 * 1024 * 1024,
        gt=0,
        description="单张照片解码所需内存上限（字节，按图片头的宽×高×像素字节数估算，解码前检查）",
    )
    thumbnail_px: int = Field(default=320, gt=0, description="缩略图最长边（像素，JPEG）")

    # Accounts and tokens (账号与令牌)
    jwt_secret: SecretStr | None = Field(
        default=None,
        description="签发访问令牌的密钥（≥32 字符；`make run` 首次运行时写入 .env）",
    )
    access_token_minutes: int = Field(default=15, gt=0, description="访问令牌有效期（分钟）")
    refresh_token_days: int = Field(default=7, gt=0, description="刷新令牌有效期（天）")
    # Login throttling (登录限制): counted in PostgreSQL, shared by every API process
    login_account_max_failures: int = Field(
        default=5, gt=0, description="同一账号在统计窗口内连续登录失败多少次即锁定"
    )
    login_ip_max_failures: int = Field(
        default=20, gt=0, description="同一客户端地址在统计窗口内登录失败多少次即锁定该地址"
    )
    login_failure_window_s: int = Field(
        default=900, gt=0, description="登录失败的统计窗口（秒）：超过后重新计数"
    )
    login_lockout_s: int = Field(
        default=60, gt=0, description="第一次锁定的时长（秒）；同一账号/地址再次锁定时加倍"
    )
    login_lockout_max_s: int = Field(default=3600, gt=0, description="锁定时长上限（秒）")
    api_key_rate_per_min: int = Field(
        default=120, gt=0, description="API 密钥默认限流（每分钟请求数，可按密钥设置）"
    )
    demo_password: SecretStr | None = Field(
        default=None,
        description="演示账号（demo-admin 等）的密码；设置后 `xiuhua bootstrap` 创建演示账号",
    )
    # 一张图 (the console's command map)
    map_case_limit: int = Field(
        default=5000, gt=0, le=50000, description="一张图一次最多显示的在办案卷点数"
    )
    map_base_tile_url: str | None = Field(
        default=None,
        description=(
            "一张图底图瓦片地址（XYZ 模板，如 https://tiles.example.gov.cn/{z}/{x}/{y}.png，"
            "天地图或自建瓦片服务）；不设置则不加载任何底图，只画本服务的网格图层"
        ),
    )
    # Live updates (实时推送, Server-Sent Events)
    live_poll_s: float = Field(default=1.0, gt=0, description="事件流轮询间隔（秒）")
    live_heartbeat_s: float = Field(default=15.0, gt=0, description="事件流心跳间隔（秒）")
    live_batch_size: int = Field(default=200, gt=0, description="事件流每批最多读取的事件数")
    # Personal information (个人信息): hotline callers' phone numbers are encrypted with this key.
    pii_key: SecretStr | None = Field(
        default=None,
        description="加密诉求人电话等个人信息的密钥（Fernet，base64 32 字节；写入 .env，勿入库）",
    )

    # 12345 hotline (接诉即办); urgency classes and category keywords are database tables.
    hotline_geocode_min_score: float = Field(
        default=0.6,
        ge=0,
        le=1,
        description="只有地址文本的工单：最佳标准地址候选的相似度不低于此值才自动采用其点位",
    )
    hotline_geocode_min_margin: float = Field(
        default=0.05,
        ge=0,
        le=1,
        description="自动采用还要求最佳候选比第二名高出此值（几个候选得分相同即地址不明确）",
    )
    hotline_name_keyword_weight: float = Field(
        default=1.0, gt=0, description="类别建议：类别名称作为关键词时的权重（同义词各有权重）"
    )
    hotline_basically_satisfied_weight: float = Field(
        default=0.9, ge=0, le=1, description="满意率：基本满意计入的系数（满意 = 1）"
    )
    hotline_rate_weights: dict[str, float] = Field(
        default_factory=lambda: {"response": 0.1, "resolution": 0.5, "satisfaction": 0.4},
        description="三率综合得分权重：响应率 response、解决率 resolution、满意率 satisfaction",
    )


# Values that are known to the world (documentation, tests, examples): never a real secret.
KNOWN_SECRETS = frozenset(
    {
        "dGVzdC1waWkta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE=",
        "test-secret-" + "x" * 40,
        "change-me",
        "changeme",
        "secret",
        "xiuhua",
    }
)
MIN_SECRET_LENGTH = 32
MIN_SECRET_DISTINCT = 12  # distinct characters: refuses 'aaaa…' and other padded placeholders
MIN_DEMO_PASSWORD_LENGTH = 12


def weak_secrets(settings: Settings) -> list[str]:
    """Return why the configured secrets are unfit for production (empty: fit).

    Missing, known, short or low-variety token/PII keys, and a short demo password. `xiuhua
    init-env` (run by `make run`) writes strong ones.
    """
    problems = []
    jwt = settings.jwt_secret.get_secret_value() if settings.jwt_secret else ""
    if not jwt:
        problems.append("未设置 XIUHUA_JWT_SECRET")
    elif (
        jwt in KNOWN_SECRETS or len(jwt) < MIN_SECRET_LENGTH or len(set(jwt)) < MIN_SECRET_DISTINCT
    ):
        problems.append(
            f"XIUHUA_JWT_SECRET 是默认值或过短（至少 {MIN_SECRET_LENGTH} 个字符且足够随机）"
        )
    pii = settings.pii_key.get_secret_value() if settings.pii_key else ""
    if not pii:
        problems.append("未设置 XIUHUA_PII_KEY")
    elif pii in KNOWN_SECRETS or len(set(pii)) < MIN_SECRET_DISTINCT:
        problems.append("XIUHUA_PII_KEY 是默认值或不够随机")
    demo = settings.demo_password.get_secret_value() if settings.demo_password else None
    if demo is not None and (demo in KNOWN_SECRETS or len(demo) < MIN_DEMO_PASSWORD_LENGTH):
        problems.append(f"XIUHUA_DEMO_PASSWORD 过短（至少 {MIN_DEMO_PASSWORD_LENGTH} 个字符）")
    return problems


def check_startup(settings: Settings) -> None:
    """Refuse to start outside development/test with missing, default or short secrets."""
    if settings.environment != "production":
        return
    problems = weak_secrets(settings)
    if problems:
        raise RuntimeError(
            "拒绝启动（XIUHUA_ENVIRONMENT=production）："
            + "；".join(problems)
            + "。运行 `xiuhua init-env` 生成强密钥写入 .env，或在开发机上设置 "
            "XIUHUA_ENVIRONMENT=development"
        )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings instance."""
    return Settings()
