"""Work queues (工作队列): the unit's queue, the command centre's lists and the case search.

Scoped SQL pages. Modules: `filters` (vocabulary, parameter parsing), `paging` (keyset pages), `summary` (the
row every list shows: clock, light, allowed actions), `unit` (the unit's queue, history,
sub-units, bulk sign), `centre` (受理台, 派遣台, 审批台, 督办, 待结案), `search` (案卷查询),
`counts` (badges), `map_cases` (一张图 points).

What every list here guarantees:

- **Scope in SQL.** Each statement is filtered with `app.cases.scope.visible(actor)`; a case
  outside the caller's scope is simply absent (and 404 elsewhere). Nothing is filtered in Python.
- **One statement per page**, driven by an index (see docs/QUEUES.md for the plans): the unit
  queue by `(assigned_unit_id, status)`, sub-unit cases by `dispatching_unit_id`, history by the
  handle stages of the unit, the centre lists by `status` / `pending`, supervision by the open
  stages' `due_at` (and the sweeper's red marks).
- **Light.** A list row shows one stage clock: the unit's own handle clock in the unit queue,
  the case's current open clock (deepest dispatch level) in the centre lists, the most overdue
  open clock in supervision. Its light is the redder of the light the sweeper stored and the
  live light at `as_of` (red after `due_at`, yellow after `yellow_at`, frozen while paused or
  stopped): a list never shows green what the sweeper already escalated, and never waits for
  the next sweep to show red.
- **Keyset pages.** Rows are ordered by a key that ends with the case id, so it is total; the
  opaque cursor carries the last key, the filter fingerprint and the `as_of` instant of the
  first page (lights on later pages are computed at that same instant, so the order cannot
  shift under the reader). New cases are placed by their key: rows already read are never
  repeated and rows not yet read are never skipped.
- **Actions** go through `app.cases.service.act` only (bulk sign: one `act` per case, each
  in its own savepoint); `allowed_actions` comes from the one transition table.
"""

from __future__ import annotations
