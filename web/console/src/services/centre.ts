// 指挥中心：受理台、派遣台、审批台、督办、角标.
import { unwrap } from '@api/client';

import { http } from '../api';
import type { CaseItem, Page } from './types';

type Q = Record<string, string | string[] | undefined>;
const list = (v: string | string[] | undefined) => (v === undefined || v === '' ? undefined : Array.isArray(v) ? v : [v]);

export async function inbox(q: Q): Promise<Page<CaseItem>> {
  return (await unwrap(
    http.GET('/api/v1/centre/inbox', {
      params: { query: { status: list(q.status), source: list(q.source), category: list(q.category), light: list(q.light), cursor: (q.cursor as string) || undefined, limit: '50' } },
    }),
  )) as unknown as Page<CaseItem>;
}

export async function board(q: Q): Promise<Page<CaseItem>> {
  return (await unwrap(
    http.GET('/api/v1/centre/dispatch-board', {
      params: { query: { category: list(q.category), light: list(q.light), cursor: (q.cursor as string) || undefined, limit: '50' } },
    }),
  )) as unknown as Page<CaseItem>;
}

export async function oneClickDispatch(caseId: number, unitId?: number, note?: string): Promise<CaseItem> {
  return (await unwrap(
    http.POST('/api/v1/centre/dispatch-board/{case_id}/dispatch', {
      params: { path: { case_id: caseId } },
      body: { unit_id: unitId ?? null, note: note || null },
    }),
  )) as unknown as CaseItem;
}

export async function approvals(q: Q): Promise<Page<CaseItem>> {
  return (await unwrap(
    http.GET('/api/v1/centre/approvals', { params: { query: { kind: list(q.kind), cursor: (q.cursor as string) || undefined, limit: '50' } } }),
  )) as unknown as Page<CaseItem>;
}

export async function supervision(q: Q): Promise<Page<CaseItem> & { as_of: string }> {
  return (await unwrap(
    http.GET('/api/v1/centre/supervision', { params: { query: { cursor: (q.cursor as string) || undefined, limit: '50' } } }),
  )) as unknown as Page<CaseItem> & { as_of: string };
}

export async function toClose(q: Q): Promise<Page<CaseItem>> {
  return (await unwrap(
    http.GET('/api/v1/centre/to-close', {
      params: { query: { category: list(q.category), light: list(q.light), cursor: (q.cursor as string) || undefined, limit: '50' } },
    }),
  )) as unknown as Page<CaseItem>;
}

export interface CentreCounts {
  inbox: number;
  dispatch_board: number;
  approvals: Record<string, number>;
  supervision: number;
}

export async function counts(): Promise<CentreCounts> {
  return (await unwrap(http.GET('/api/v1/centre/counts'))) as unknown as CentreCounts;
}

// 案卷查询: every filter is one URL key; the period is local dates, sent as instants with the
// browser's UTC offset (the city's own time on a workstation there).
function startOfDay(day: string | undefined, plusDays = 0): string | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  const off = -d.getTimezoneOffset();
  const hhmm = `${String(Math.floor(Math.abs(off) / 60)).padStart(2, '0')}:${String(Math.abs(off) % 60).padStart(2, '0')}`;
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return `${date}T00:00:00${off >= 0 ? '+' : '-'}${hhmm}`;
}

export async function searchCases(q: Q): Promise<Page<CaseItem>> {
  const one = (k: string) => (q[k] as string) || undefined;
  return (await unwrap(
    http.GET('/api/v1/cases', {
      params: {
        query: {
          status: list(q.status), open: one('open'), category: list(q.category), source: list(q.source),
          unit: list(q.unit), street: list(q.street), community: list(q.community), cell: list(q.cell),
          light: list(q.light), overdue: one('overdue'),
          reported_from: startOfDay(one('from')), reported_to: startOfDay(one('to'), 1),
          q: one('q'), sort: one('order'), cursor: one('cursor'), limit: '50',
        },
      },
    }),
  )) as unknown as Page<CaseItem>;
}
