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

export type Session = { accessToken: string; refreshToken: string; user: SessionUser };

const KEY = "pingan.session";
type Listener = (s: Session | null) => void;
const listeners = new Set<Listener>();

function parse(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Partial<Session>;
    if (typeof s.accessToken !== "string" || typeof s.refreshToken !== "string") return null;
    if (!s.user || !isRole(s.user.role)) return null;
    return s as Session;
  } catch {
    return null;
  }
}

/** The session lives in localStorage so a reload keeps the user signed in; one module owns it. */
export const tokenStore = {
  get(): Session | null {
    return parse(localStorage.getItem(KEY));
  },
  set(s: Session | null): void {
    if (s) localStorage.setItem(KEY, JSON.stringify(s));
    else localStorage.removeItem(KEY);
    for (const l of listeners) l(s);
  },
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
