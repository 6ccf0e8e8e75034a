// The phone app's API instance (its own token storage key; shares the typed client with the console).
import { createApi } from '@api/client';
import { ref } from 'vue';

/** Set when the server refused the refresh token: the user must log in again. */
export const sessionEnded = ref(false);

export const api = createApi({
  storageKey: 'xiuhua.m.tokens',
  onSessionEnd: () => (sessionEnded.value = true),
});

/** GET a JSON answer of the inspector API (those routes answer untyped JSON). */
export async function getJson<T>(url: string): Promise<{ data: T; serverNow: number | null }> {
  const res = await api.raw(url, { headers: { Accept: 'application/json' } });
  const date = res.headers.get('Date');
  return { data: (await res.json()) as T, serverNow: date ? Date.parse(date) : null };
}
