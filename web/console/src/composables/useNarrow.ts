// Whether the screen is phone-narrow (the lists then show one card per case instead of a table).
import { onBeforeUnmount, ref } from 'vue';

export const NARROW_QUERY = '(max-width: 600px)';

export function useNarrow() {
  const mq = window.matchMedia(NARROW_QUERY);
  const narrow = ref(mq.matches);
  const update = (e: MediaQueryListEvent) => (narrow.value = e.matches);
  mq.addEventListener('change', update);
  onBeforeUnmount(() => mq.removeEventListener('change', update));
  return narrow;
}
