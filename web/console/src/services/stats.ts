// 综合评价 (stats) over the typed client: indicator tables, assessments, hotspots, exports.
// The browser never recomputes a rate: every figure shown comes from these answers.
import { unwrap } from '@api/client';

import { api, http } from '../api';

export type PeriodKind = 'day' | 'week' | 'month' | 'year' | 'custom';

export interface Period {
  period: PeriodKind;
  date?: string; // any day of the period (day/week/month/year)
  start?: string; // custom
  end?: string; // custom
}

export interface Column {
  key: string;
  label: string;
  kind: string;
}
export type Row = Record<string, string | number | boolean | null>;
export interface Table {
  title: string;
  columns: Column[];
  rows: Row[];
  meta: Record<string, unknown> & { period?: { kind: string; start: string; end: string; label: string } };
}

function periodQuery(p: Period): Record<string, string> {
  const q: Record<string, string> = { period: p.period };
  if (p.period === 'custom') {
    if (p.start) q.start = p.start;
    if (p.end) q.end = p.end;
  } else if (p.date) {
    q.date = p.date;
  }
  return q;
}

export async function indicators(scope: string, p: Period, extra: { limit?: number; order_by?: string } = {}): Promise<Table> {
  return (await unwrap(
    http.GET('/api/v1/stats/indicators', {
      params: { query: { scope, ...periodQuery(p), ...extra } as never },
    }),
  )) as unknown as Table;
}

export async function hotlineRates(p: Period): Promise<Table> {
  return (await unwrap(
    http.GET('/api/v1/stats/hotline', { params: { query: periodQuery(p) as never } }),
  )) as unknown as Table;
}

export async function assessment(month: string, kind: 'unit' | 'street'): Promise<Table> {
  return (await unwrap(
    http.GET('/api/v1/stats/assessments/{month}', { params: { path: { month }, query: { kind } } }),
  )) as unknown as Table;
}

export async function publishAssessment(month: string, kind: 'unit' | 'street'): Promise<void> {
  await unwrap(
    http.POST('/api/v1/stats/assessments/{month}/publish', { params: { path: { month }, query: { kind } } }),
  );
}

export interface HotspotFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: { code: string; cases: number; mgmt_class: string };
}

export async function hotspotPoints(p: Period, limit = 5000): Promise<{ features: HotspotFeature[] }> {
  return (await unwrap(
    http.GET('/api/v1/stats/hotspots.geojson', { params: { query: { ...periodQuery(p), limit } as never } }),
  )) as unknown as { features: HotspotFeature[] };
}

/** Download any table shown on screen as CSV or XLSX (POST /api/v1/exports/table.{fmt}). */
export async function exportTable(table: Table, fmt: 'csv' | 'xlsx'): Promise<void> {
  const res = await api.raw(`/api/v1/exports/table.${fmt}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: table.title, columns: table.columns, rows: table.rows, meta: table.meta }),
  });
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${table.title}.${fmt}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

// ---- period arithmetic (dates only: which period to ask the server about, never a figure)

const pad = (n: number) => String(n).padStart(2, '0');
export const iso = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
export const parse = (s: string) => {
  const [y, m, d] = s.split('-').map(Number);
  return new Date(y, m - 1, d);
};

function addDays(s: string, n: number): string {
  const d = parse(s);
  d.setDate(d.getDate() + n);
  return iso(d);
}
function addMonths(s: string, n: number): string {
  const d = parse(s);
  const day = Math.min(d.getDate(), 28);
  return iso(new Date(d.getFullYear(), d.getMonth() + n, day));
}

/** The period before (环比) and the same period a year earlier (同比). */
export function previousPeriod(p: Period): Period {
  if (p.period === 'custom' && p.start && p.end) {
    const len = Math.round((parse(p.end).getTime() - parse(p.start).getTime()) / 86_400_000) + 1;
    return { period: 'custom', start: addDays(p.start, -len), end: addDays(p.end, -len) };
  }
  const date = p.date ?? iso(new Date());
  const step = { day: () => addDays(date, -1), week: () => addDays(date, -7), month: () => addMonths(date, -1), year: () => addMonths(date, -12), custom: () => date };
  return { period: p.period, date: step[p.period]() };
}
export function lastYear(p: Period): Period {
  if (p.period === 'custom' && p.start && p.end) {
    return { period: 'custom', start: addMonths(p.start, -12), end: addMonths(p.end, -12) };
  }
  return { period: p.period, date: addMonths(p.date ?? iso(new Date()), -12) };
}

/** The sub-periods of a trend: days of a day/week/month (or short custom range), months of a year. */
export function trendSteps(p: Period, start: string, end: string): Period[] {
  const out: Period[] = [];
  const today = iso(new Date());
  if (end > today) end = today; // no future days or months in a trend
  const long = p.period === 'year' || (p.period === 'custom' && parse(end).getTime() - parse(start).getTime() > 62 * 86_400_000);
  if (long) {
    for (let d = start.slice(0, 8) + '01'; d <= end; d = addMonths(d.slice(0, 8) + '01', 1).slice(0, 8) + '01') {
      out.push({ period: 'month', date: d });
    }
  } else {
    for (let d = start; d <= end; d = addDays(d, 1)) out.push({ period: 'day', date: d });
  }
  return out;
}

/** Run tasks with at most `n` at a time (the trend asks one small table per day or month). */
export async function limited<T>(tasks: (() => Promise<T>)[], n = 4): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]();
    }
  }
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, worker));
  return out;
}

// ---- display (formatting only)

export function fmtValue(v: unknown, kind: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (kind === 'rate') return `${(Number(v) * 100).toFixed(1)}%`;
  if (kind === 'score') return Number(v).toFixed(2);
  if (kind === 'int') return Number(v).toLocaleString('zh-CN');
  return String(v);
}
