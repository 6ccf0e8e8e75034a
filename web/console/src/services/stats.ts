import { unwrap } from '@api/client';

import { http } from '../api';

export async function indicators(): Promise<{ rows: unknown[]; [k: string]: unknown }> {
  const body = (await unwrap(http.GET('/api/v1/stats/indicators', { params: { query: { scope: 'street' } } }))) as unknown as Record<string, unknown>;
  const rows = (body.rows ?? body.items ?? []) as unknown[];
  return { ...body, rows };
}
