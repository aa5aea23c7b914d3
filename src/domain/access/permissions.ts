import type { Role } from '../case/status.js';

// Permission strings checked by every route before it runs a command or query.
export const permissions = [
  'case:create', 'case:read', 'case:read-all', 'case:command',
  'org:read', 'users:read', 'audit:verify',
] as const;
export type Permission = (typeof permissions)[number];

const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: ['case:read', 'case:read-all', 'org:read', 'users:read', 'audit:verify'],
  intake: ['case:create', 'case:read', 'case:read-all', 'case:command', 'org:read'],
  handler: ['case:read', 'case:command', 'org:read'],
  head: ['case:read', 'case:command', 'org:read'],
  supervisor: ['case:create', 'case:read', 'case:read-all', 'case:command', 'org:read', 'users:read', 'audit:verify'],
  // A leader reads everything and writes only instructions (the transition table limits its commands).
  leader: ['case:read', 'case:read-all', 'case:command', 'org:read'],
};

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

/** Department staff see the cases their department was ever assigned; desk, supervision and leaders see all. */
export function canSeeCase(role: Role, departmentId: number, assignedDepartmentIds: readonly number[]): boolean {
  if (can(role, 'case:read-all')) return true;
  return can(role, 'case:read') && assignedDepartmentIds.includes(departmentId);
}
