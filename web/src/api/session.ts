// Tokens of the signed-in user, kept in localStorage so a reload (or the phone app's restart)
// keeps the session. Both apps share this; each uses its own storage key.

export interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  role: string;
  user_id: number;
}

type Listener = (tokens: Tokens | null) => void;

export class TokenStore {
  private tokens: Tokens | null = null;
  private listeners = new Set<Listener>();

  constructor(private readonly key: string) {
    try {
      const raw = localStorage.getItem(key);
      this.tokens = raw ? (JSON.parse(raw) as Tokens) : null;
    } catch {
      this.tokens = null;
    }
  }

  get(): Tokens | null {
    return this.tokens;
  }

  set(tokens: Tokens | null): void {
    this.tokens = tokens;
    try {
      if (tokens) localStorage.setItem(this.key, JSON.stringify(tokens));
      else localStorage.removeItem(this.key);
    } catch {
      /* private mode: the session lives in memory only */
    }
    for (const l of this.listeners) l(tokens);
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
