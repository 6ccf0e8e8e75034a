// The typed API client shared by the console and the phone app.
//
// - paths and bodies are typed from schema.d.ts (generated from the service's OpenAPI);
// - every request carries the bearer access token;
// - a 401 refreshes the token pair once (POST /api/v1/auth/refresh) and repeats the request;
//   if that fails too the session ends (onSessionEnd);
// - error answers {error, code, message} become thrown ApiError with the Chinese message.
import createClient, { type Middleware } from 'openapi-fetch';

import { ApiError, networkError, toApiError } from './errors';
import type { paths } from './schema';
import { TokenStore, type Tokens } from './session';

export type { paths, components } from './schema';
export type Schemas = import('./schema').components['schemas'];

const REFRESH_PATH = '/api/v1/auth/refresh';
const TOKEN_PATH = '/api/v1/auth/token';

export interface ApiOptions {
  storageKey: string;
  onSessionEnd?: () => void;
}

export function createApi(opts: ApiOptions) {
  const tokens = new TokenStore(opts.storageKey);
  let refreshing: Promise<boolean> | null = null;

  async function refresh(): Promise<boolean> {
    const current = tokens.get();
    if (!current) return false;
    refreshing ??= (async () => {
      try {
        const res = await fetch(REFRESH_PATH, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ refresh_token: current.refresh_token }),
        });
        if (!res.ok) return false;
        tokens.set((await res.json()) as Tokens);
        return true;
      } catch {
        return false;
      } finally {
        queueMicrotask(() => (refreshing = null));
      }
    })();
    return refreshing;
  }

  /** fetch with the bearer token and one silent refresh on 401. */
  async function authFetch(input: Request): Promise<Response> {
    const retry = input.clone();
    const withToken = (req: Request) => {
      const t = tokens.get();
      if (t && !req.headers.has('Authorization')) req.headers.set('Authorization', `Bearer ${t.access_token}`);
      return req;
    };
    let res: Response;
    try {
      res = await fetch(withToken(input));
    } catch {
      throw networkError();
    }
    const path = new URL(input.url, location.href).pathname;
    if (res.status === 401 && tokens.get() && path !== REFRESH_PATH && path !== TOKEN_PATH) {
      if (await refresh()) {
        retry.headers.delete('Authorization');
        try {
          res = await fetch(withToken(retry));
        } catch {
          throw networkError();
        }
      }
      if (res.status === 401) {
        tokens.set(null);
        opts.onSessionEnd?.();
      }
    }
    return res;
  }

  const throwOnError: Middleware = {
    async onResponse({ response }) {
      if (response.ok) return undefined;
      let body: unknown = null;
      try {
        body = await response.clone().json();
      } catch {
        body = null;
      }
      throw toApiError(response.status, body);
    },
  };

  const client = createClient<paths>({ baseUrl: '', fetch: authFetch });
  client.use(throwOnError);

  /** Log in (OAuth2 password flow); keeps the tokens. */
  async function login(username: string, password: string): Promise<Tokens> {
    const form = new URLSearchParams({ username, password, grant_type: 'password' });
    let res: Response;
    try {
      res = await fetch(TOKEN_PATH, { method: 'POST', body: form, headers: { Accept: 'application/json' } });
    } catch {
      throw networkError();
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) throw toApiError(res.status, body);
    tokens.set(body as Tokens);
    return body as Tokens;
  }

  /** Revoke the tokens on the server (best effort) and forget them here. */
  async function logout(): Promise<void> {
    try {
      if (tokens.get()) await client.POST('/api/v1/auth/logout');
    } catch {
      /* the session ends here either way */
    }
    tokens.set(null);
  }

  /** The raw authorised fetch, for streams (SSE) and downloads that the typed client does not cover. */
  async function raw(url: string, init?: RequestInit): Promise<Response> {
    const res = await authFetch(new Request(url, init));
    if (!res.ok) throw toApiError(res.status, await res.json().catch(() => null));
    return res;
  }

  return { client, tokens, login, logout, refresh, raw };
}

/** Unwrap an openapi-fetch answer: the data, or throw (errors are already thrown by middleware). */
export async function unwrap<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const r = await p;
  if (r.error !== undefined || !r.response.ok) throw toApiError(r.response.status, r.error);
  return r.data as T;
}

export { ApiError };
