"""12345 hotline (接诉即办): tickets filed by hotline agents on top of the case engine. No HTTP.

A ticket is a case (source `hotline`, numbered, clocked and chained by `report_case` like every
other case) plus one `HotlineTicket` row: the external ticket number (工单号, unique per source
system), the caller (name and phone encrypted with app.core.pii, shown masked), the urgency class and
its feedback limit (反馈时限, natural time by default), how the location was found, and the three
facts the 12345 三率 are computed from: contacted in time (响应), resolved (解决) and the call-back
result (满意).

Modules, by phase: `tickets` (filing and masked reads), `location` (districts, address matching),
`categories` (suggestion from the caller's words), `caller` (PII: mask, audited reveal, who may
act on the caller), `feedback` (contact, resolution), `rates` (三率), `reference` (urgency classes
and keywords), `errors`.
"""
