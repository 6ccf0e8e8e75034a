import { unwrap } from '@api/client';

import { http } from '../api';

export interface UserRow { id: number; username: string; display_name: string | null; role: string; role_label: string; unit_id: number | null; districts: string[]; active: boolean }

export async function users(): Promise<UserRow[]> {
  const body = (await unwrap(http.GET('/api/v1/admin/users', {}))) as unknown;
  return (Array.isArray(body) ? body : ((body as { items?: UserRow[] }).items ?? [])) as UserRow[];
}
