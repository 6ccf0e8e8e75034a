// Who is signed in. The profile is cached next to the tokens so that the app opens offline with the
// cached session (the tokens refresh silently once the network is back).
import { reactive } from 'vue';

import { api, getJson, sessionEnded } from './api';

export interface Me {
  user_id: number;
  username: string;
  name: string;
  role: string;
  role_label: string;
  areas?: { cell: string[]; community: string[] };
}

const KEY = 'xiuhua.m.me';

function cached(): Me | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Me) : null;
  } catch {
    return null;
  }
}

export const session = reactive<{ me: Me | null }>({ me: api.tokens.get() ? cached() : null });

function keep(me: Me | null) {
  session.me = me;
  try {
    if (me) localStorage.setItem(KEY, JSON.stringify(me));
    else localStorage.removeItem(KEY);
  } catch {
    /* private mode */
  }
}

export async function loadMe(): Promise<Me> {
  const { data: u } = await getJson<{
    id: number;
    username: string;
    display_name?: string | null;
    role: string;
    role_label: string;
    areas?: { cell: string[]; community: string[] };
  }>('/api/v1/auth/me');
  const me = { user_id: u.id, username: u.username, name: u.display_name || u.username, role: u.role, role_label: u.role_label, areas: u.areas };
  keep(me);
  return me;
}

export async function login(username: string, password: string): Promise<Me> {
  await api.login(username, password);
  sessionEnded.value = false;
  const me = await loadMe();
  if (me.role !== 'inspector') {
    await api.logout();
    keep(null);
    throw new Error('城管通仅供网格监督员使用，请用监督员账号登录');
  }
  return me;
}

export async function logout(): Promise<void> {
  await api.logout();
  keep(null);
}

export function signedIn(): boolean {
  return !!api.tokens.get() && !!session.me;
}

api.tokens.subscribe((t) => {
  if (!t) keep(null);
});
