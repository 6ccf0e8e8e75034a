// The phone's copies of the server: cases it may see (incremental, by cursor) and the task inbox.
import { ref } from 'vue';

import { getJson } from './api';
import { db, kvGet, kvSet, type CaseRow } from './db';
import { noteServerTime } from './time';

export const syncing = ref(false);

/** Fetch what changed since the stored cursor (all pages). */
export async function syncCases(): Promise<void> {
  syncing.value = true;
  try {
    let cursor = await kvGet<string>('casesCursor');
    for (;;) {
      const q = cursor ? `?cursor=${encodeURIComponent(cursor)}&limit=200` : '?limit=200';
      const { data, serverNow } = await getJson<{ items: CaseRow[]; next_cursor: string | null; has_more: boolean }>(`/api/v1/inspector/cases${q}`);
      noteServerTime(serverNow);
      if (data.items.length) await db.cases.bulkPut(data.items);
      if (data.next_cursor) {
        cursor = data.next_cursor;
        await kvSet('casesCursor', cursor);
      }
      if (!data.has_more) break;
    }
  } finally {
    syncing.value = false;
  }
}

/** The task inbox (replaced whole: a task another inspector took leaves it). */
export async function syncTasks(): Promise<void> {
  const { data, serverNow } = await getJson<CaseRow[]>('/api/v1/inspector/tasks');
  noteServerTime(serverNow);
  await db.transaction('rw', db.tasks, async () => {
    await db.tasks.clear();
    await db.tasks.bulkPut(data);
  });
}
