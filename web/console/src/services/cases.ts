// 案卷：详情、全过程记录、流转动作、照片.
import { unwrap } from '@api/client';
import { toApiError } from '@api/errors';

import { api, http } from '../api';
import { rememberForms } from './actions';
import type { CaseEvent, CaseRead, Photo } from './types';

export async function getCase(id: number): Promise<CaseRead> {
  const c = (await unwrap(http.GET('/api/v1/cases/{case_id}', { params: { path: { case_id: id } } }))) as unknown as CaseRead;
  rememberForms(c.action_forms);
  return c;
}

export async function getEvents(id: number): Promise<CaseEvent[]> {
  return await unwrap(http.GET('/api/v1/cases/{case_id}/events', { params: { path: { case_id: id } } }));
}

export interface ActionBody {
  note?: string | null;
  hours?: number | null;
  unit_id?: number | null;
  photos?: string[];
  master_case_id?: number | null;
  satisfaction?: string | null;
}

/** POST /api/v1/cases/{id}/actions/{action}; the action comes from the case's allowed_actions. */
export async function act(id: number, action: string, body: ActionBody = {}): Promise<CaseRead> {
  const res = await api.raw(`/api/v1/cases/${id}/actions/${encodeURIComponent(action)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify(body),
  });
  return (await res.json()) as CaseRead;
}

export type PhotoKind = 'report' | 'verify' | 'before' | 'after' | 'check';

export async function uploadPhoto(file: File, kind: PhotoKind): Promise<Photo> {
  const form = new FormData();
  form.append('file', file);
  form.append('kind', kind);
  const res = await api.raw('/api/v1/attachments', { method: 'POST', body: form });
  return (await res.json()) as Photo;
}

/** An object URL of a photo (attachments need the bearer token, so <img src> cannot fetch them). */
export async function photoUrl(id: string, thumbnail: boolean): Promise<string> {
  const path = `/api/v1/attachments/${encodeURIComponent(id)}${thumbnail ? '/thumbnail' : ''}`;
  const res = await api.raw(path);
  if (!res.ok) throw toApiError(res.status, null);
  return URL.createObjectURL(await res.blob());
}
