import type {
  Account, AccountImportReport, AccountPage, AccountSession, ChangePassword, CreateAccount, MyAccount, OneTimePassword, PasswordPolicyBody,
  PasswordPolicyView, UpdateAccount, UpdateMyAccount,
} from '../../contracts/people.js';
import { api } from './client.js';

export const fetchAccounts = (q: Record<string, string | number | undefined>) => api.get<AccountPage>('/api/admin/users', q);
export const createAccount = (body: CreateAccount) => api.post<OneTimePassword>('/api/admin/users', body);
export const updateAccount = (id: number, body: UpdateAccount) => api.put<Account>(`/api/admin/users/${id}`, body);
export const setAccountActive = (id: number, active: boolean) => api.post<Account>(`/api/admin/users/${id}/${active ? 'reactivate' : 'deactivate'}`, {});
export const resetAccountPassword = (id: number, password?: string) => api.post<OneTimePassword>(`/api/admin/users/${id}/reset-password`, password ? { password } : {});
export const fetchAccountSessions = (id: number) => api.get<{ items: AccountSession[] }>(`/api/admin/users/${id}/sessions`);
export const endAccountSessions = (id: number, session?: string) => api.del<{ ended: number }>(`/api/admin/users/${id}/sessions${session ? `/${session}` : ''}`);
export const unlockAccount = (id: number) => api.post<{ ok: boolean }>(`/api/admin/users/${id}/unlock`, {});
export const importAccounts = (file: File, dryRun: boolean) => api.upload<AccountImportReport>(`/api/admin/users/import?dryRun=${dryRun ? 1 : 0}`, file);
export const fetchPasswordPolicy = () => api.get<PasswordPolicyView>('/api/admin/password-policy');
export const savePasswordPolicy = (body: PasswordPolicyBody) => api.put<PasswordPolicyView>('/api/admin/password-policy', body);
export const fetchMyPolicy = () => api.get<PasswordPolicyView>('/api/me/password-policy');
export const fetchMyAccount = () => api.get<MyAccount>('/api/me/account');
export const saveMyAccount = (body: UpdateMyAccount) => api.put<MyAccount>('/api/me/account', body);
export const changeMyPassword = (body: ChangePassword) => api.post<{ ok: boolean }>('/api/me/password', body);
