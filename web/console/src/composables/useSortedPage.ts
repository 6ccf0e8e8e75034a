// Client-side sort of the current page by the `sort` URL key (e.g. `-due_at`).
import { computed, type Ref } from 'vue';

import type { CaseItem } from '../services/types';

const LIGHT_ORDER: Record<string, number> = { red: 0, yellow: 1, green: 2 };

export function useSortedPage(items: Ref<CaseItem[]>, sort: Ref<string | undefined>) {
  return computed(() => {
    const s = sort.value;
    if (!s) return items.value;
    const desc = s.startsWith('-');
    const key = desc ? s.slice(1) : s;
    const val = (c: CaseItem): string | number => {
      if (key === 'light') return LIGHT_ORDER[c.light ?? ''] ?? 9;
      const v = c[key];
      return typeof v === 'number' ? v : String(v ?? '');
    };
    return [...items.value].sort((a, b) => {
      const x = val(a);
      const y = val(b);
      const r = x < y ? -1 : x > y ? 1 : 0;
      return desc ? -r : r;
    });
  });
}
