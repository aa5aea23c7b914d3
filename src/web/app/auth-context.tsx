import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CurrentUser, LoginRequest } from '../../contracts/auth.js';
import { currentSession, login as apiLogin, logout as apiLogout } from '../api/auth.js';
import { setUnauthenticatedHandler } from '../api/client.js';

interface Auth {
  user: CurrentUser | null;
  /** False until the session check on start-up has answered. */
  ready: boolean;
  login(body: LoginRequest): Promise<CurrentUser>;
  logout(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<CurrentUser | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    currentSession().then((s) => setUser(s.user)).catch(() => setUser(null)).finally(() => setReady(true));
    // A session that expires mid-work sends the user back to the login page.
    setUnauthenticatedHandler(() => setUser(null));
    return () => setUnauthenticatedHandler(null);
  }, []);

  const login = useCallback(async (body: LoginRequest) => {
    const s = await apiLogin(body);
    setUser(s.user);
    return s.user;
  }, []);
  const logout = useCallback(async () => {
    try {
      await apiLogout();
    } finally {
      setUser(null);
    }
  }, []);

  const value = useMemo(() => ({ user, ready, login, logout }), [user, ready, login, logout]);
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
