import type { LoginRequest, SessionResponse } from '../../contracts/auth.js';
import { api, setCsrfToken } from './client.js';

export async function login(body: LoginRequest): Promise<SessionResponse> {
  const s = await api.post<SessionResponse>('/api/auth/login', body);
  setCsrfToken(s.csrfToken);
  return s;
}

export async function currentSession(): Promise<SessionResponse> {
  const s = await api.get<SessionResponse>('/api/auth/me');
  setCsrfToken(s.csrfToken);
  return s;
}

export async function logout(): Promise<void> {
  try {
    await api.post<{ ok: boolean }>('/api/auth/logout', {});
  } finally {
    setCsrfToken(null);
  }
}
