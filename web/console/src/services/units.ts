// 单位工作队列、批量签收、下级单位.
import { unwrap } from '@api/client';

import { http } from '../api';
import type { CaseItem, Page } from './types';

type Q = Record<string, string | string[] | undefined>;
const list = (v: string | string[] | undefined) => (v === undefined || v === '' ? undefined : Array.isArray(v) ? v : [v]);

export async function queue(q: Q): Promise<Page<CaseItem>> {
  return (await unwrap(
    http.GET('/api/v1/units/queue', {
      params: {
        query: {
          status: list(q.status), category: list(q.category), street: list(q.street), light: list(q.light),
          overdue: (q.overdue as string) || undefined, signed: (q.signed as string) || undefined,
          cursor: (q.cursor as string) || undefined, limit: '50',
        },
      },
    }),
  )) as unknown as Page<CaseItem>;
}

export async function queueCounts(): Promise<Record<string, number>> {
  return (await unwrap(http.GET('/api/v1/units/queue/counts'))) as unknown as Record<string, number>;
}

export interface SignResult { results: { case_id: number; ok: boolean; case_no?: string; message?: string; code?: string }[]; ok: number; failed: number }

export async function bulkSign(ids: number[]): Promise<SignResult> {
  return (await unwrap(http.POST('/api/v1/units/queue/sign', { body: { case_ids: ids } }))) as unknown as SignResult;
}

export interface SubUnit { id: number; code: string; name: string; kind: string; open_cases: number }

export async function subUnits(unitId: number): Promise<{ unit: { id: number; code: string; name: string }; items: SubUnit[] }> {
  return (await unwrap(
    http.GET('/api/v1/units/{unit_id}/sub-units', { params: { path: { unit_id: unitId } } }),
  )) as unknown as { unit: { id: number; code: string; name: string }; items: SubUnit[] };
}
