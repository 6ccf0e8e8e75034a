"""Domain errors: what went wrong, with a stable machine code and a Chinese message. No HTTP here."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base class: `code` is stable for machines, `message` is Chinese for people."""

    code = "domain_error"
    message = "操作失败"

    def __init__(self, message: str | None = None, **detail: Any) -> None:
        self.message = message or type(self).message
        self.detail: dict[str, Any] = detail
        super().__init__(self.message)


class NotFound(DomainError):
    """The thing asked for does not exist (or is not visible to the caller)."""

    code = "not_found"
    message = "未找到"


class Conflict(DomainError):
    """The request conflicts with the current state."""

    code = "conflict"
    message = "与当前状态冲突"


class Unprocessable(DomainError):
    """The request is well-formed but cannot be carried out."""

    code = "unprocessable"
    message = "请求无法处理"


class InvalidCoordinate(Unprocessable):
    """A coordinate is NaN, infinite or out of range."""

    code = "invalid_coordinate"
    message = "坐标无效"


class UnsupportedCrs(Unprocessable):
    """A coordinate system we do not know."""

    code = "unsupported_crs"
    message = "不支持的坐标系"


class OutsideServiceArea(Unprocessable):
    """The point lies outside every unit grid cell."""

    code = "outside_service_area"
    message = "点位不在服务区域（任何单元网格）内"


class UnknownCategory(NotFound):
    """No such category in the catalogue."""

    code = "unknown_category"
    message = "未知的部件/事件类别"


class NoResponsibleUnit(Conflict):
    """Neither a rule nor the district's fallback unit applies: a configuration gap."""

    code = "no_responsible_unit"
    message = "未找到责任单位：所在区县未配置兜底单位"


class UnknownDistrict(Unprocessable):
    """No district with this code has been imported."""

    code = "unknown_district"
    message = "区县代码不存在"


class InvalidInput(Unprocessable):
    """Input data (a file, a geometry, a field) is invalid."""

    code = "invalid_input"
    message = "输入数据无效"


class ImportFailed(Unprocessable):
    """An import was refused; nothing was changed."""

    code = "import_failed"
    message = "导入失败，未做任何修改"


class ConfirmationRequired(Conflict):
    """The change would take something away (e.g. leave areas without cells): confirm it first."""

    code = "confirmation_required"
    message = "此操作需要确认"


class Unauthenticated(DomainError):
    """No (valid) caller identity."""

    code = "unauthenticated"
    message = "缺少调用者身份"


class PayloadTooLarge(DomainError):
    """An upload exceeds its size limit."""

    code = "payload_too_large"
    message = "上传内容过大"


class Forbidden(DomainError):
    """The caller is known but this role, key or scope may not do this."""

    code = "forbidden"
    message = "无权执行此操作"


class RateLimited(DomainError):
    """The caller exceeded its request budget; retry after the window."""

    code = "rate_limited"
    message = "请求过于频繁，请稍后再试"


class NotConfigured(DomainError):
    """A setting the operation needs is missing (a deployment error, not the caller's)."""

    code = "not_configured"
    message = "服务器缺少必要配置"


class PreconditionRequired(DomainError):
    """The request must carry a precondition header (e.g. Idempotency-Key) and does not."""

    code = "precondition_required"
    message = "缺少必需的请求头"
