// 系统管理 over the typed client: users, API keys, catalogue, filing standards, stage limits.
import { unwrap } from '@api/client';

import { http } from '../api';

export interface User {
  id: number; username: string; display_name: string | null; role: string; role_label: string;
  unit_id: number | null; districts: string[]; areas: { cell: string[]; community: string[] } | null;
  active: boolean; created_at: string;
}
export interface ApiKey {
  id: number; name: string; prefix: string; scopes: string[]; rate_per_min: number | null;
  created_at: string; revoked_at: string | null; last_used_at: string | null; key?: string;
}
export interface Category {
  id: number; kind: string; code: string; major_name: string; name: string; enabled: boolean;
  public_intake: boolean; auto_dispatch: boolean; duplicate_radius_m: number | null; duplicate_window_h: number | null;
}
export interface Standard {
  id: number; category_id: number; seq: number; filing_condition: string; severity: string; severity_label: string;
  limit_value: number; limit_unit: string; key_limit_value: number | null; key_limit_unit: string | null;
  closing_condition: string; version: number;
}
export interface StageLimit { stage: string; stage_label: string; source: string | null; limit_value: number; limit_unit: string }

type Body = Record<string, unknown>;
const cast = <T>(p: Promise<unknown>) => p as Promise<T>;

export const listUsers = () => cast<User[]>(unwrap(http.GET('/api/v1/admin/users')));
export const createUser = (b: Body) => cast<User>(unwrap(http.POST('/api/v1/admin/users', { body: b as never })));
export const updateUser = (id: number, b: Body) =>
  cast<User>(unwrap(http.PATCH('/api/v1/admin/users/{user_id}', { params: { path: { user_id: id } }, body: b as never })));

export const listKeys = () => cast<ApiKey[]>(unwrap(http.GET('/api/v1/admin/api-keys')));
export const createKey = (b: Body) => cast<ApiKey>(unwrap(http.POST('/api/v1/admin/api-keys', { body: b as never })));
export const revokeKey = (id: number) =>
  cast<ApiKey>(unwrap(http.DELETE('/api/v1/admin/api-keys/{key_id}', { params: { path: { key_id: id } } })));

export const listCategories = (q: Body) =>
  cast<Category[]>(unwrap(http.GET('/api/v1/admin/categories', { params: { query: q as never } })));
export const patchCategory = (id: number, b: Body) =>
  cast<Category>(unwrap(http.PATCH('/api/v1/admin/categories/{category_id}', { params: { path: { category_id: id } }, body: b as never })));
export const listStandards = (id: number) =>
  cast<Standard[]>(unwrap(http.GET('/api/v1/admin/categories/{category_id}/standards', { params: { path: { category_id: id } } })));
export const editStandard = (id: number, b: Body) =>
  cast<Standard>(unwrap(http.PUT('/api/v1/admin/standards/{standard_id}', { params: { path: { standard_id: id } }, body: b as never })));

export const listStageLimits = () => cast<StageLimit[]>(unwrap(http.GET('/api/v1/admin/stage-limits')));
export const setStageLimit = (stage: string, b: Body) =>
  cast<StageLimit>(unwrap(http.PUT('/api/v1/admin/stage-limits/{stage}', { params: { path: { stage: stage as never } }, body: b as never })));

// Labels of the few closed vocabularies the forms offer (the server validates every value).
export const ROLES: { value: string; label: string }[] = [
  { value: 'inspector', label: '监督员' }, { value: 'operator', label: '受理员' }, { value: 'shift_leader', label: '值班长' },
  { value: 'dispatcher', label: '派遣员' }, { value: 'unit_handler', label: '处置单位' }, { value: 'hotline_agent', label: '热线坐席' },
  { value: 'leader', label: '领导' }, { value: 'admin', label: '管理员' },
];
export const KEY_SCOPES = [
  { value: 'open311', label: 'Open311 公众诉求前端' },
  { value: 'intake', label: '视频/物联网机器上报' },
];
export const TIME_UNITS = [
  { value: 'minute', label: '分钟' }, { value: 'work_hour', label: '工作时' }, { value: 'work_day', label: '工作日' },
  { value: 'natural_hour', label: '自然时' }, { value: 'natural_day', label: '自然日' },
];
export const unitLabel = (u: string | null) => TIME_UNITS.find((t) => t.value === u)?.label ?? u ?? '';
