import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { CurrentUser, LoginRequest } from '../../contracts/auth.js';
import { currentSession, login as apiLogin, logout as apiLogout } from '../api/auth.js';
import { setUnauthenticatedHandler } from '../api/client.js';

interface Auth {
  user: CurrentUser | null;
  /** False until the session check on start-up has answered. */
  ready: boolean;
  login(body: LoginRequest): Promise<CurrentUser>;
  logout(): Promise<void>;
  /** Asks the server again who is signed in (after a password change: roles, permissions, must-change). */
  refresh(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);
const sessionKey = ['session'] as const;

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  // The session is one cached query: asked once on start-up, then set by login and logout.
  const session = useQuery({
    queryKey: sessionKey,
    queryFn: () => currentSession().then((s) => s.user).catch(() => null),
    staleTime: Infinity,
  });
  const user = session.data ?? null;
  const ready = !session.isPending;

  // Leaving a session drops every cached answer, so the next user never sees the last one's data.
  const setUser = useCallback((next: CurrentUser | null) => {
    if (!next) qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
    qc.setQueryData(sessionKey, next);
  }, [qc]);

  useEffect(() => {
    // A session that expires mid-work sends the user back to the login page.
    setUnauthenticatedHandler(() => setUser(null));
    return () => setUnauthenticatedHandler(null);
  }, [setUser]);

  const login = useCallback(async (body: LoginRequest) => {
    const s = await apiLogin(body);
    setUser(s.user);
    return s.user;
  }, [setUser]);
  const logout = useCallback(async () => {
    try {
      await apiLogout();
    } finally {
      setUser(null);
    }
  }, [setUser]);

  const refresh = useCallback(async () => {
    await qc.invalidateQueries({ queryKey: sessionKey });
  }, [qc]);

  const value = useMemo(() => ({ user, ready, login, logout, refresh }), [user, ready, login, logout, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}

/** The logged-in user; only for screens rendered behind the login guard. */
export function useUser(): CurrentUser {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a session');
  return user;
}
