// The signed-in user (Pinia). Tokens live in the API client's store; `me` is read from
// GET /api/v1/auth/me after login and on reload.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import type { Tokens } from '@api/session';

import { api } from '../api';
import { fetchMe, type Me } from '../services/auth';

export const useSession = defineStore('session', () => {
  const tokens = ref<Tokens | null>(api.tokens.get());
  const me = ref<Me | null>(null);
  api.tokens.subscribe((t) => {
    tokens.value = t;
    if (!t) me.value = null;
  });

  const loggedIn = computed(() => tokens.value !== null);
  const role = computed(() => me.value?.role ?? tokens.value?.role ?? null);

  async function login(username: string, password: string): Promise<void> {
    await api.login(username, password);
    me.value = await fetchMe();
  }

  async function load(): Promise<Me | null> {
    if (!tokens.value) return null;
    me.value ??= await fetchMe();
    return me.value;
  }

  async function logout(): Promise<void> {
    await api.logout();
    me.value = null;
  }

  return { tokens, me, loggedIn, role, login, load, logout };
});
