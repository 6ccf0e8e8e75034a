// The outbox: nothing lost, nothing doubled.
//
// Every report and task result is first written to IndexedDB (db.outbox) with its photos as Blobs
// and a client-made UUID. Sending posts it with that UUID as the Idempotency-Key, so a retry after
// a lost answer gets the first answer back from the server and creates nothing. An item leaves the
// outbox only when the server has confirmed it (2xx); then its answer is kept in db.sent.
//
// Sending runs on app start, on `online`, when the app becomes visible, from the 立即上传 button,
// and on a backoff timer. Network errors and 5xx/429 answers are retried with exponential backoff;
// other 4xx answers stop the item as 失败 with the server's Chinese message (retry or edit).
// While the phone says it is offline nothing is tried and no attempt is counted: the `online`
// event sends everything at once, so a long time without signal never grows the backoff.
import { ApiError } from '@api/client';
import { describeError } from '@api/errors';
import { liveQuery } from 'dexie';
import { ref } from 'vue';

import { api, sessionEnded } from './api';
import { db, type OutboxItem, type SentItem } from './db';
import { DEFAULTS, settings } from './settings';

export const STATE_LABELS: Record<string, string> = { pending: '待上传', sending: '上传中', failed: '失败', sent: '已上报' };

export const outboxItems = ref<OutboxItem[]>([]);
export const sentItems = ref<SentItem[]>([]);
export const flushing = ref(false);
export const online = ref(navigator.onLine);

liveQuery(() => db.outbox.orderBy('createdAt').toArray()).subscribe((v) => (outboxItems.value = v));
liveQuery(() => db.sent.orderBy('sentAt').reverse().limit(50).toArray()).subscribe((v) => (sentItems.value = v));

function formOf(item: OutboxItem): FormData {
  const fd = new FormData();
  if (item.kind === 'report') {
    const f = item.fields;
    fd.set('category', f.category);
    fd.set('lon', String(f.lon));
    fd.set('lat', String(f.lat));
    fd.set('crs', 'wgs84');
    fd.set('description', f.description);
    if (f.address_text) fd.set('address_text', f.address_text);
    fd.set('located_by', f.pinned ? 'map' : 'gps');
    if (f.accuracy !== null && !f.pinned) fd.set('accuracy_m', String(Math.round(f.accuracy * 10) / 10));
    item.photos.forEach((p, i) => fd.append('photos', p, `photo-${i + 1}.jpg`));
    if (f.self_handled) {
      fd.set('self_handled', 'true');
      if (f.note) fd.set('note', f.note);
      item.afterPhotos.forEach((p, i) => fd.append('after_photos', p, `after-${i + 1}.jpg`));
    }
  } else {
    const f = item.fields;
    fd.set('result', f.result);
    if (f.note) fd.set('note', f.note);
    item.photos.forEach((p, i) => fd.append('photos', p, `site-${i + 1}.jpg`));
  }
  return fd;
}

function urlOf(item: OutboxItem): string {
  return item.kind === 'report' ? '/api/v1/inspector/reports' : `/api/v1/inspector/tasks/${item.fields.case_id}/result`;
}

function titleOf(item: OutboxItem): string {
  return item.kind === 'report'
    ? `上报：${item.fields.categoryName}`
    : `${item.fields.kind === 'verify' ? '核实' : '核查'} ${item.fields.case_no}：${item.fields.resultLabel}`;
}

/** Retry later (network trouble or a server fault), or stop with the server's message. */
function retryable(e: unknown): boolean {
  if (!(e instanceof ApiError)) return true;
  return e.status === 0 || e.status === 401 || e.status === 408 || e.status === 429 || e.status >= 500;
}

function backoffMs(attempts: number): number {
  const s = Math.min(settings.backoffMaxS, settings.backoffBaseS * 2 ** Math.max(0, attempts - 1));
  return s * 1000;
}

async function sendOne(item: OutboxItem): Promise<'sent' | 'retry' | 'failed' | 'stop'> {
  await db.outbox.update(item.id, { state: 'sending' });
  try {
    const res = await api.raw(urlOf(item), {
      method: 'POST',
      body: formOf(item),
      headers: { 'Idempotency-Key': item.id, Accept: 'application/json' },
      // a connection that hangs (dropped mid-upload without a reset) must not hold the outbox:
      // abandon it and retry later with the same key, so nothing doubles
      signal: AbortSignal.timeout((settings.uploadTimeoutS || DEFAULTS.uploadTimeoutS) * 1000),
    });
    const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    // Confirmed: keep the answer, then (and only then) the item leaves the outbox.
    await db.transaction('rw', db.outbox, db.sent, async () => {
      await db.sent.put({ id: item.id, kind: item.kind, title: titleOf(item), sentAt: Date.now(), answer });
      await db.outbox.delete(item.id);
    });
    if (item.kind === 'task') await db.tasks.delete(item.fields.case_id);
    return 'sent';
  } catch (e) {
    const d = describeError(e);
    if (!navigator.onLine) {
      // the signal went while sending: not the server's fault and not an attempt; `online` resends
      await db.outbox.update(item.id, { state: 'pending', nextAt: 0, error: d.message, errorCode: d.code });
      return 'retry';
    }
    const attempts = item.attempts + 1;
    if (sessionEnded.value) {
      await db.outbox.update(item.id, { state: 'pending', attempts, error: '登录已失效：请重新登录后上传', errorCode: d.code });
      return 'stop';
    }
    if (retryable(e)) {
      await db.outbox.update(item.id, { state: 'pending', attempts, nextAt: Date.now() + backoffMs(attempts), error: d.message, errorCode: d.code });
      return 'retry';
    }
    await db.outbox.update(item.id, { state: 'failed', attempts, error: d.message, errorCode: d.code });
    return 'failed';
  }
}

let timer: ReturnType<typeof setTimeout> | null = null;

function schedule() {
  if (timer) clearTimeout(timer);
  timer = null;
  void db.outbox
    .where('state')
    .equals('pending')
    .toArray()
    .then((items) => {
      if (!items.length) return;
      const next = Math.min(...items.map((i) => i.nextAt));
      timer = setTimeout(() => void flush(false), Math.max(1000, next - Date.now()));
    });
}

async function run(force: boolean): Promise<void> {
  if (!navigator.onLine) return; // nothing to try: the `online` trigger sends
  flushing.value = true;
  try {
    for (;;) {
      const now = Date.now();
      const items = (await db.outbox.orderBy('createdAt').toArray()).filter(
        (i) => i.state === 'pending' && (force || i.nextAt <= now),
      );
      if (!items.length) break;
      let progressed = false;
      for (const item of items) {
        const r = await sendOne(item);
        if (r === 'stop') return;
        if (r === 'sent') progressed = true;
        // trouble (network or server): stop here, the timer or the next trigger goes on
        if (r === 'retry') return;
      }
      if (!progressed || force) break;
    }
  } finally {
    flushing.value = false;
    schedule();
  }
}

let running: Promise<void> | null = null;
let again = false; // a forced flush asked for while one was running: run once more after it

/** Send what is due (force: everything pending, ignoring the backoff — the 立即上传 button). */
export function flush(force = false): Promise<void> {
  if (!api.tokens.get()) return Promise.resolve();
  if (running) {
    // e.g. `online` fires while a send begun offline is still failing: that run must not be the last
    if (force) again = true;
    return running;
  }
  const go = () => run(force);
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  const p: Promise<void> = locks ? locks.request('xiuhua-m-outbox', go).then(() => undefined) : go();
  const done = p.finally(() => {
    running = null;
    if (again) {
      again = false;
      void flush(true);
    }
  });
  running = done;
  return done;
}

/** Put a failed item back in the queue (same key: if the server already has it, nothing doubles). */
export async function retry(id: string): Promise<void> {
  await db.outbox.update(id, { state: 'pending', nextAt: 0, error: undefined, errorCode: undefined });
  void flush(true);
}

/** An edited item is new content: it gets a new key (the old one was refused, nothing was made). */
export async function replaceEdited(oldId: string, item: OutboxItem): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    await db.outbox.delete(oldId);
    await db.outbox.put(item);
  });
  void flush(true);
}

export async function enqueue(item: OutboxItem): Promise<void> {
  await db.outbox.put(item);
  void flush(true);
}

export async function discard(id: string): Promise<void> {
  await db.outbox.delete(id);
}

/** Hook the triggers: start, online, visible. Items left `sending` by a closed app go back. */
export async function startOutbox(): Promise<void> {
  await db.outbox.where('state').equals('sending').modify({ state: 'pending', nextAt: 0 });
  window.addEventListener('online', () => {
    online.value = true;
    void flush(true);
  });
  window.addEventListener('offline', () => (online.value = false));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void flush(true);
  });
  await flush(true);
}
