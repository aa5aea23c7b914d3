import type { Permission } from '../../domain/access/permissions.js';
import type { Role } from '../../domain/case/status.js';
import { useAuth } from '../app/auth-context.js';

// One permission check for the console: menus, routes and buttons ask `can('users:manage')`; the strings come from the
// session (the union of the person's roles), the same ones every API route checks. The server still refuses on its
// own; this only keeps the console from offering what would be refused.

export type { Permission };

/** `can(permission)` for the signed-in person (false when signed out). */
export function useCan(): (permission: Permission) => boolean {
  const { user } = useAuth();
  return (permission) => !!user?.permissions.includes(permission);
}

/** Whether the person holds a role (any of theirs). For wording and defaults, not for access: access is `can`. */
export function useHasRole(): (...roles: Role[]) => boolean {
  const { user } = useAuth();
  return (...roles) => !!user?.roles.some((r) => roles.includes(r));
}

/** Department staff see their own unit's cases only (no permission to read every case). */
export function useIsDepartmentStaff(): boolean {
  const { user } = useAuth();
  return !!user && user.roles.some((r) => r === 'handler' || r === 'head') && !user.permissions.includes('case:read-all');
}
