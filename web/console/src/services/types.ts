// Shapes of the answers the screens read. They were written from the answers before the service
// described them with response models; newer code takes its types from the generated schema
// (`components['schemas']`, e.g. CaseEvent below and services/refdata.ts). Request bodies and
// paths are always checked against the generated schema.
import type { components } from '@api/schema';

export type Light = 'green' | 'yellow' | 'red' | string;

export interface Ref { id: number; name: string }
export interface Category { kind: string; code: string; name: string }

export interface CaseItem {
  id: number;
  case_no: string;
  status: string;
  status_label: string;
  category: Category;
  severity?: string;
  severity_label?: string;
  address_text: string | null;
  grid_code: string | null;
  street?: { code: string; name: string } | null;
  light: Light | null;
  light_label: string | null;
  overdue: boolean;
  due_at: string | null;
  used_ratio?: number | null;
  clock?: { stage: string; stage_label: string; paused: boolean } | null;
  pending: string | null;
  pending_label: string | null;
  signed: boolean;
  dispatch_level?: number;
  assigned_unit: Ref | null;
  reported_at: string;
  updated_at: string;
  allowed_actions: string[];
  source?: string;
  source_label?: string;
  possible_duplicates?: Duplicate[];
  suggested?: Suggested | null;
  request?: PendingRequest | null;
  returns?: number;
  overdue_days?: number;
  supervised_at?: string | null;
  [k: string]: unknown;
}

export interface Duplicate {
  id: number;
  case_no?: string;
  distance_m?: number;
  [k: string]: unknown;
}

export interface Suggested {
  unit: Ref & { active?: boolean };
  routed_by: string;
  routed_by_label: string;
  rule_id: number | null;
  rule?: { id: number; label?: string; [k: string]: unknown } | null;
  reason?: string;
  [k: string]: unknown;
}

export interface PendingRequest {
  kind: string;
  kind_label: string;
  reason: string | null;
  hours: number | null;
  requested_at: string;
  by: { user_id: number; name: string; unit?: Ref | null } | null;
}

export interface Page<T> { items: T[]; next_cursor: string | number | null; [k: string]: unknown }

export interface Stage {
  stage: string;
  stage_label: string;
  level: number;
  unit_id: number | null;
  limit_value: number;
  limit_unit: string;
  started_at: string;
  due_at: string | null;
  stopped_at: string | null;
  paused: boolean;
  extension_hours: number;
  light: Light;
  used_ratio: number | null;
  overdue: boolean;
  provisional: boolean;
}

export interface Photo { id: string; kind: string; created_at: string }

export interface CaseRead {
  id: number;
  case_no: string;
  status: string;
  status_label: string;
  source: string;
  category: Category;
  severity: string;
  description: string | null;
  address_text: string | null;
  point: { lon: number; lat: number; raw_lon: number; raw_lat: number; raw_crs: string } | null;
  grid_code: string | null;
  community_code: string | null;
  street_code: string | null;
  district_code: string;
  mgmt_class: string | null;
  routed_unit_id: number | null;
  routed_by: string | null;
  assigned_unit_id: number | null;
  dispatching_unit_id: number | null;
  signed: boolean;
  pending: string | null;
  master_case_id: number | null;
  reporter_id: number | null;
  task_inspector_id: number | null;
  outside_patrol_area: boolean;
  photos: Photo[];
  counters: Record<string, number>;
  satisfaction: string | null;
  calendar_provisional: boolean;
  timestamps: Record<string, string | null>;
  stages: Stage[];
  allowed_actions: string[];
  action_forms: components['schemas']['ActionForm'][];
  version: number;
  source_label: string;
  severity_label: string | null;
  pending_label: string | null;
  satisfaction_label: string | null;
  routed_by_label: string | null;
  routed_unit_name: string | null;
  assigned_unit_name: string | null;
  dispatching_unit_name: string | null;
  reporter_name: string | null;
  reporter_unit_name: string | null;
}

// One event of the case's history, with the server's Chinese labels and the actor's name and unit.
export type CaseEvent = components['schemas']['EventRead'];
