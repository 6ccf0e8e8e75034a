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

export interface CentreCounts {
  inbox: number;
  dispatch_board: number;
  approvals: Record<string, number>;
  supervision: number;
}

export async function counts(): Promise<CentreCounts> {
  return (await unwrap(http.GET('/api/v1/centre/counts'))) as unknown as CentreCounts;
}
