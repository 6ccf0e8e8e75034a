// 系统管理 · 责任单位、责任规则（含预览）、热线紧急程度与类别关键词, over the typed client.
import { unwrap } from '@api/client';
import type { components } from '@api/schema';

import { http } from '../api';

type S = components['schemas'];
export type UnitRow = S['UnitRead'];
export type UnitCreate = S['UnitCreate'];
export type UnitPatch = S['UnitPatch'];
export type RuleRow = S['RuleRead'];
export type RuleFields = S['RuleFields'];
export type RulePreview = S['RulePreviewRead'];
export type RulePreviewIn = S['RulePreviewIn'];
export type Urgency = S['UrgencyRead'];
export type UrgencyPut = S['UrgencyPut'];
export type Keyword = S['KeywordRead'];

export const UNIT_KINDS: { value: UnitCreate['kind']; label: string }[] = [
  { value: 'government', label: '政府' },
  { value: 'street_office', label: '街道办事处' },
  { value: 'bureau', label: '专业部门' },
  { value: 'center', label: '中心' },
  { value: 'company', label: '企业' },
  { value: 'squad', label: '中队/班组' },
];
export const RULE_ROLES = [
  { value: 'territorial', label: '属地' },
  { value: 'specialist', label: '专业' },
  { value: 'fallback', label: '兜底' },
] as const;
export const AREA_SCOPES = [
  { value: 'district', label: '区县' },
  { value: 'street', label: '街道' },
  { value: 'community', label: '社区' },
  { value: 'cells', label: '指定网格' },
] as const;

export const listUnits = (q: { q?: string; active?: boolean; district?: string } = {}) =>
  unwrap(http.GET('/api/v1/admin/units', { params: { query: q } }));
/** Active units by name or code within the caller's districts (command centre and admins). */
export const searchUnits = (q?: string) => unwrap(http.GET('/api/v1/units', { params: { query: { q: q || undefined } } }));
export const createUnit = (b: UnitCreate) => unwrap(http.POST('/api/v1/admin/units', { body: b }));
export const updateUnit = (id: number, b: UnitPatch) =>
  unwrap(http.PATCH('/api/v1/admin/units/{unit_id}', { params: { path: { unit_id: id } }, body: b }));

export const listRules = (q: { unit_id?: number; active?: boolean; district?: string } = {}) =>
  unwrap(http.GET('/api/v1/admin/rules', { params: { query: q } }));
export const createRule = (b: RuleFields) => unwrap(http.POST('/api/v1/admin/rules', { body: b }));
export const updateRule = (id: number, b: RuleFields) =>
  unwrap(http.PATCH('/api/v1/admin/rules/{rule_id}', { params: { path: { rule_id: id } }, body: b }));
export const previewRules = (b: RulePreviewIn) => unwrap(http.POST('/api/v1/admin/rules/preview', { body: b }));

export const listUrgencies = () => unwrap(http.GET('/api/v1/admin/hotline/urgencies'));
export const putUrgency = (code: string, b: UrgencyPut) =>
  unwrap(http.PUT('/api/v1/admin/hotline/urgencies/{code}', { params: { path: { code } }, body: b }));
export const listKeywords = (category?: string) =>
  unwrap(http.GET('/api/v1/admin/hotline/keywords', { params: { query: { category: category || undefined } } }));
export const createKeyword = (b: S['KeywordCreate']) => unwrap(http.POST('/api/v1/admin/hotline/keywords', { body: b }));
export const updateKeyword = (id: number, b: S['KeywordPatch']) =>
  unwrap(http.PATCH('/api/v1/admin/hotline/keywords/{keyword_id}', { params: { path: { keyword_id: id } }, body: b }));
export const deleteKeyword = (id: number) =>
  unwrap(http.DELETE('/api/v1/admin/hotline/keywords/{keyword_id}', { params: { path: { keyword_id: id } } }));
