// Filters, sort and page (cursor) of a list live in the URL query: shareable, and the back button
// steps back through them.
import { computed } from 'vue';
import { useRoute, useRouter, type LocationQueryRaw } from 'vue-router';

export function useUrlQuery() {
  const route = useRoute();
  const router = useRouter();
  const query = computed<Record<string, string | undefined>>(() => {
    const out: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(route.query)) out[k] = Array.isArray(v) ? (v[0] ?? undefined) : (v ?? undefined);
    return out;
  });

  /** Change some keys (empty values drop the key); a filter change restarts paging. */
  function set(patch: Record<string, string | number | null | undefined>, keepCursor = false): void {
    const next: LocationQueryRaw = { ...route.query };
    if (!keepCursor && !('cursor' in patch)) delete next.cursor;
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === undefined || v === '') delete next[k];
      else next[k] = String(v);
    }
    void router.push({ query: next });
  }

  return { query, set };
}
