// 12345 热线：工单、地址匹配、类别建议、联系/办理结果/回访、诉求人明文（留痕）.
import { unwrap } from '@api/client';

import { http } from '../api';
import type { CaseItem } from './types';

export interface Ticket {
  case_id: number;
  ticket_no: string;
  caller: { name: string | null; phone: string | null };
  urgency: string;
  urgency_label: string;
  feedback_due_at: string | null;
  feedback_overdue: boolean;
  location_source: string;
  location_source_label: string;
  no_location: boolean;
  contacted_at: string | null;
  contacted_in_time: boolean | null;
  resolved: boolean | null;
  satisfaction: string | null;
  satisfaction_label: string | null;
  callback_at: string | null;
  created_at: string;
  case_no: string;
  status: string;
  status_label: string;
  category: { kind: string; code: string; name: string } | null;
  [k: string]: unknown;
}

export interface Candidate { address_id: number; full_text: string; score: number; lon: number; lat: number }
export interface CategoryOption { ref: string; kind: string; code: string; name: string; major_name: string }
export interface Urgency { code: string; name: string; feedback_limit_value: number; feedback_limit_unit: string }

export async function tickets(q: { status?: string; cursor?: string }): Promise<{ items: Ticket[]; next_cursor: number | null }> {
  return (await unwrap(
    http.GET('/api/v1/hotline/tickets', {
      params: { query: { status: q.status || undefined, cursor: q.cursor ? Number(q.cursor) : undefined, limit: 50 } as never },
    }),
  )) as unknown as { items: Ticket[]; next_cursor: number | null };
}

export async function ticket(caseId: number): Promise<{ ticket: Ticket; case: CaseItem }> {
  return (await unwrap(
    http.GET('/api/v1/hotline/tickets/{case_id}', { params: { path: { case_id: caseId } } }),
  )) as unknown as { ticket: Ticket; case: CaseItem };
}

export interface TicketInput {
  ticket_no: string;
  caller_name?: string | null;
  caller_phone: string;
  content: string;
  category?: string | null;
  urgency: string;
  address_text?: string | null;
  address_id?: number | null;
}

export async function createTicket(body: TicketInput, key: string): Promise<{ ticket: Ticket; case: CaseItem }> {
  return (await unwrap(
    http.POST('/api/v1/hotline/tickets', { body, params: { header: { 'Idempotency-Key': key } } }),
  )) as unknown as { ticket: Ticket; case: CaseItem };
}

export async function geocode(q: string): Promise<{ candidates: Candidate[]; auto_pick: number | null }> {
  return (await unwrap(http.GET('/api/v1/hotline/geocode', { params: { query: { q, limit: 8 } } }))) as unknown as {
    candidates: Candidate[];
    auto_pick: number | null;
  };
}

export interface Suggestion { ref: string; name: string; [k: string]: unknown }

export async function suggestCategory(text: string): Promise<Suggestion[]> {
  return (await unwrap(http.POST('/api/v1/hotline/suggest-category', { body: { text } }))) as unknown as Suggestion[];
}

export async function categories(q: string): Promise<CategoryOption[]> {
  return (await unwrap(http.GET('/api/v1/categories', { params: { query: { q: q || undefined, limit: 30 } } }))) as unknown as CategoryOption[];
}

export async function urgencies(): Promise<Urgency[]> {
  return (await unwrap(http.GET('/api/v1/hotline/urgencies'))) as unknown as Urgency[];
}

export async function contact(caseId: number, note: string): Promise<Ticket> {
  return (await unwrap(
    http.POST('/api/v1/hotline/tickets/{case_id}/contact', { params: { path: { case_id: caseId } }, body: { note } }),
  )) as unknown as Ticket;
}

export async function resolution(caseId: number, resolved: boolean, note: string): Promise<Ticket> {
  return (await unwrap(
    http.POST('/api/v1/hotline/tickets/{case_id}/resolution', { params: { path: { case_id: caseId } }, body: { resolved, note } }),
  )) as unknown as Ticket;
}

export async function revealCaller(caseId: number, reason: string): Promise<{ name: string | null; phone: string }> {
  const body = (await unwrap(
    http.POST('/api/v1/hotline/tickets/{case_id}/caller', { params: { path: { case_id: caseId } }, body: { reason } }),
  )) as unknown as { caller?: { name: string | null; phone: string }; name?: string | null; phone?: string };
  return body.caller ?? { name: body.name ?? null, phone: body.phone ?? '' };
}
