import { isRole, type Role } from "./roles";

/** Who is signed in, as the sign-in call reported it. */
export type SessionUser = {
  id: string;
  name: string;
  role: Role;
  countyId?: string;
  townshipId?: string;
  /** A self-registered township stays pending until the county approves it. */
  townshipStatus?: string;
};

/**
 * What the page keeps: the short-lived access token and who signed in. The refresh token is not here: the
 * API keeps it in an HttpOnly cookie (apps/api/src/auth/refresh-cookie.ts) that no script can read.
 */
export type Session = { accessToken: string; user: SessionUser };

/** The request header by which the app asks the API for the refresh-token cookie. */
export const REFRESH_COOKIE_HEADER = { "x-pingan-refresh": "cookie" } as const;

const KEY = "pingan.session";
type Listener = (s: Session | null) => void;
const listeners = new Set<Listener>();

function parse(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Partial<Session>;
    if (typeof s.accessToken !== "string") return null;
    if (!s.user || !isRole(s.user.role)) return null;
    // Only these two, also from a session stored by an earlier version that kept a refresh token here.
    return { accessToken: s.accessToken, user: s.user };
  } catch {
    return null;
  }
}

/** The session lives in localStorage so a reload keeps the user signed in; one module owns it. */
export const tokenStore = {
  get(): Session | null {
    const raw = localStorage.getItem(KEY);
    const session = parse(raw);
    // A refresh token an earlier version stored here is dropped from storage at once.
    if (session && raw?.includes("refreshToken")) localStorage.setItem(KEY, JSON.stringify(session));
    return session;
  },
  set(s: Session | null): void {
    // Only the access token and the user are kept, whatever else the caller's object carries.
    const kept = s && { accessToken: s.accessToken, user: s.user };
    if (kept) localStorage.setItem(KEY, JSON.stringify(kept));
    else localStorage.removeItem(KEY);
    for (const l of listeners) l(kept);
  },
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
