// Loading / error / data of one request, for the loading, empty and error states of every screen.
import { ref, shallowRef } from 'vue';

import { describeError } from '@api/errors';

export function useAsync<T>(load: () => Promise<T>) {
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  const error = ref<{ message: string; code: string } | null>(null);
  let seq = 0;

  async function run(): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const value = await load();
      if (mine === seq) data.value = value;
    } catch (e) {
      if (mine === seq) error.value = describeError(e);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  return { data, loading, error, run };
}
