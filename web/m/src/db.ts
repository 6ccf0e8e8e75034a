// The phone's own database (IndexedDB through Dexie).
//
// - outbox: every report and task result is written here first, with its photos as Blobs and a
//   client-made UUID that is sent as the Idempotency-Key; it leaves only after the server confirms;
// - sent: what the server confirmed (the answer: case number, cell, unit, due time, duplicates);
// - cases: the sync copy of the cases the inspector may see (GET /api/v1/inspector/cases);
// - tasks: the last task inbox, for reading offline.
import Dexie, { type Table } from 'dexie';

export type OutboxState = 'pending' | 'sending' | 'failed';

export interface ReportFields {
  category: string; // "event:09006"
  categoryName: string;
  description: string;
  lon: number;
  lat: number;
  accuracy: number | null; // metres; null when the pin was placed by hand
  pinned: boolean; // the point was dragged on the map
  address_text?: string;
  self_handled: boolean;
  note?: string;
}

export interface TaskFields {
  case_id: number;
  case_no: string;
  kind: 'verify' | 'check';
  result: string;
  resultLabel: string;
  note?: string;
}

interface OutboxBase {
  id: string; // the Idempotency-Key
  createdAt: number;
  state: OutboxState;
  attempts: number;
  nextAt: number; // do not try before (backoff)
  error?: string; // the server's Chinese message, or the network's
  errorCode?: string;
  photos: Blob[];
}

export interface ReportItem extends OutboxBase {
  kind: 'report';
  fields: ReportFields;
  afterPhotos: Blob[];
}

export interface TaskItem extends OutboxBase {
  kind: 'task';
  fields: TaskFields;
}

export type OutboxItem = ReportItem | TaskItem;

export interface SentItem {
  id: string;
  kind: 'report' | 'task';
  title: string;
  sentAt: number;
  answer: Record<string, unknown>;
}

export interface CaseRow {
  id: number;
  case_no: string;
  status: string;
  status_label: string;
  category: { kind: string; code: string; name: string };
  description: string;
  address_text?: string | null;
  grid_code?: string | null;
  lon: number | null;
  lat: number | null;
  reported_by_me: boolean;
  task?: TaskInfo | null;
  light?: string | null;
  due_at?: string | null;
  photos: { id: string; kind: string }[];
  reported_at: string;
  updated_at: string;
}

export interface TaskInfo {
  kind: 'verify' | 'check';
  label: string;
  results: string[];
  assigned: boolean;
  due_at: string | null;
  light: string | null;
}

export interface KeyValue {
  key: string;
  value: unknown;
}

class PhoneDb extends Dexie {
  outbox!: Table<OutboxItem, string>;
  sent!: Table<SentItem, string>;
  cases!: Table<CaseRow, number>;
  tasks!: Table<CaseRow, number>;
  kv!: Table<KeyValue, string>;

  constructor() {
    super('xiuhua-m');
    this.version(1).stores({
      outbox: 'id, createdAt, state',
      sent: 'id, sentAt',
      cases: 'id, updated_at, reported_by_me',
      tasks: 'id',
      kv: 'key',
    });
  }
}

export const db = new PhoneDb();

export async function kvGet<T>(key: string): Promise<T | undefined> {
  return (await db.kv.get(key))?.value as T | undefined;
}

export async function kvSet(key: string, value: unknown): Promise<void> {
  await db.kv.put({ key, value });
}

/** A client-made UUID (the Idempotency-Key of one outbox item). */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
