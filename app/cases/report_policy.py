"""Report policy (上报规则): which sources a role and a channel may report with, and photo counts.

One place for what a report must carry, whatever the route:

- **Role × source**: `workflow.REPORT_SOURCES` (the transition table's module) says which
  sources each role may report for; `report_case` refuses the others (403).
- **Channel × source**: a channel only reports its own sources — a machine feed (`intake`,
  API key) only video / IoT, the inspector's phone only `inspector`; the generic
  `POST /api/v1/cases` leaves it to the role.
- **Photos per role**: `XIUHUA_REPORT_MIN_PHOTOS` (role → minimum; an inspector's report needs
  at least one site photo, through the phone *and* through `POST /api/v1/cases`) and
  `XIUHUA_REPORT_MAX_PHOTOS`; a self-handled report (现场自处理) needs
  1…`XIUHUA_REPORT_MAX_PHOTOS` after-photos.

Routes call `check_report` before they store anything; the hotline and Open311 channels build
their reports in their own services (sources fixed there, photos optional for citizens).
"""

from __future__ import annotations

from enum import StrEnum

from app.cases import workflow as wf
from app.core.config import get_settings
from app.core.errors import InvalidInput


class Channel(StrEnum):
    """The way a report comes in (上报渠道)."""

    cases_api = "cases_api"  # POST /api/v1/cases: signed-in staff (console, clients)
    phone = "phone"  # 城管通: POST /api/v1/inspector/reports
    intake = "intake"  # 视频/物联网接入: POST /api/v1/intake/reports (API key)


MACHINE_SOURCES = frozenset({wf.Source.video, wf.Source.iot})
CHANNEL_SOURCES: dict[Channel, frozenset[wf.Source]] = {
    Channel.cases_api: frozenset(wf.Source),  # the role decides (REPORT_SOURCES)
    Channel.phone: frozenset({wf.Source.inspector}),
    Channel.intake: MACHINE_SOURCES,
}


def check_source(role: wf.Role, source: wf.Source) -> None:
    """Refuse (ActionForbidden) a source the role may not report for."""
    if source not in wf.REPORT_SOURCES.get(role, frozenset()):
        raise wf.ActionForbidden(
            f"“{role.label}”不能以“{source.label}”来源上报",
            role=role.value,
            source=source.value,
        )


def photo_range(role: wf.Role) -> tuple[int, int]:
    """Return the (minimum, maximum) number of report photos for the role."""
    s = get_settings()
    return s.report_min_photos.get(role.value, 0), s.report_max_photos


def check_report(channel: Channel, role: wf.Role, source: wf.Source, photos: int) -> None:
    """Refuse a report whose source or photo count this channel and role do not allow."""
    allowed = CHANNEL_SOURCES[channel]
    if source not in allowed:
        names = " 或 ".join(sorted(s.value for s in allowed))
        raise InvalidInput(f"此接入渠道的来源只能是 {names}", field="source")
    check_source(role, source)
    low, high = photo_range(role)
    if not low <= photos <= high:
        raise InvalidInput(
            f"“{role.label}”上报需要 {low}–{high} 张照片" if low else f"最多 {high} 张照片",
            field="photos",
        )


def check_self_handle_photos(after: int, self_handled: bool) -> None:
    """Refuse after-photos missing from a self-handled report (1…max) or sent with another."""
    high = get_settings().report_max_photos
    if self_handled and not 1 <= after <= high:
        raise InvalidInput(f"现场自处理需要 1–{high} 张处置后照片", field="after_photos")
    if after and not self_handled:
        raise InvalidInput(
            "只有现场自处理（self_handled=true）才提交处置后照片", field="after_photos"
        )
