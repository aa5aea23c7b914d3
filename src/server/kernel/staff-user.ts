import type { Permission } from '../../domain/access/permissions.js';
import type { Role } from '../../domain/case/status.js';

/** The signed-in staff member, as routes and commands see it. */
export interface StaffUser {
  id: number;
  username: string;
  displayName: string;
  /** The primary role (the first of `roles`), for code that reads one. */
  role: Role;
  /** Every role the person holds in their unit (issue 11: handler and head, supervisor and admin). */
  roles: Role[];
  /** The union of the roles' permissions; requireUser checks this. */
  permissions: Permission[];
  departmentId: number;
  departmentName: string;
  /** A one-time password or an expired one: every API except change-password, logout and me refuses until changed. */
  mustChangePassword: boolean;
}

/** Whether the person holds a role (any of theirs, not only the primary one). */
export function hasRole(user: Pick<StaffUser, 'roles'>, ...roles: Role[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}

/**
 * Department staff (handler, head) see and act for their own unit only; a person who also holds a role that reads
 * every case (a head who is also a supervisor) is not limited to it.
 */
export function isDepartmentStaff(user: Pick<StaffUser, 'roles' | 'permissions'>): boolean {
  return hasRole(user, 'handler', 'head') && !user.permissions.includes('case:read-all');
}
