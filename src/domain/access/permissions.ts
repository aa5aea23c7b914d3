import type { Role } from '../case/status.js';

// Permission strings checked by every route before it runs a command or query.
export const permissions = [
  'case:create', 'case:read', 'case:read-all', 'case:command',
  'org:read', 'users:read', 'audit:verify',
  'calendar:manage', 'policies:manage',
  'supervision:read', 'supervision:centre', 'supervision:order', 'supervision:answer',
  'notification:read', 'webhook:manage',
  'sla:read', 'sla:sweep',
] as const;
export type Permission = (typeof permissions)[number];

const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: ['sla:read', 'sla:sweep', 'notification:read', 'webhook:manage', 'case:read', 'case:read-all', 'org:read', 'users:read', 'audit:verify', 'calendar:manage', 'policies:manage'],
  intake: ['sla:read', 'notification:read', 'case:create', 'case:read', 'case:read-all', 'case:command', 'org:read'],
  handler: ['sla:read', 'notification:read', 'case:read', 'case:command', 'org:read', 'supervision:read', 'supervision:answer'],
  head: ['sla:read', 'notification:read', 'case:read', 'case:command', 'org:read', 'supervision:read', 'supervision:answer'],
  supervisor: ['sla:read', 'sla:sweep', 'notification:read', 'case:create', 'case:read', 'case:read-all', 'case:command', 'org:read', 'users:read', 'audit:verify',
    'supervision:read', 'supervision:centre', 'supervision:order'],
  // A leader reads everything and writes only instructions (the transition table limits its commands).
  leader: ['sla:read', 'notification:read', 'case:read', 'case:read-all', 'case:command', 'org:read', 'supervision:read', 'supervision:centre'],
};

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

/** Department staff see the cases their department was ever assigned; desk, supervision and leaders see all. */
export function canSeeCase(role: Role, departmentId: number, assignedDepartmentIds: readonly number[]): boolean {
  if (can(role, 'case:read-all')) return true;
  return can(role, 'case:read') && assignedDepartmentIds.includes(departmentId);
}
