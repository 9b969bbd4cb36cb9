import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";
import { type Session, tokenStore } from "./token-store";

type SessionApi = { session: Session | null; signIn: (s: Session) => void; signOut: () => void };

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => tokenStore.get());
  useEffect(() => tokenStore.subscribe(setSession), []);
  const api = useMemo<SessionApi>(
    () => ({ session, signIn: (s) => tokenStore.set(s), signOut: () => tokenStore.set(null) }),
    [session],
  );
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error("useSession outside SessionProvider");
  return ctx;
}
