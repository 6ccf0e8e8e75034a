// One shared ticking clock for the countdowns (they subtract it from the server's due time).
import { onBeforeUnmount, ref } from 'vue';

const now = ref(Date.now());
let users = 0;
let timer = 0;

export function useNow() {
  if (users++ === 0) timer = window.setInterval(() => (now.value = Date.now()), 1000);
  onBeforeUnmount(() => {
    if (--users === 0) window.clearInterval(timer);
  });
  return now;
}
