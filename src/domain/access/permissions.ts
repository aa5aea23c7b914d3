import type { Role } from '../case/status.js';

// Permission strings checked by every route before it runs a command or query.
export const permissions = [
  'case:create', 'case:read', 'case:read-all', 'case:command',
  'org:read', 'users:read', 'audit:verify',
  'calendar:manage', 'policies:manage',
  'supervision:read', 'supervision:centre', 'supervision:order', 'supervision:answer',
  'notification:read', 'webhook:manage',
  'sla:read', 'sla:sweep',
  // Assessment (考核): read scorecards and drill-downs; run and publish periods; edit the scheme; appeal; decide appeals.
  'assessment:read', 'assessment:run', 'assessment:publish', 'assessment:scheme', 'assessment:appeal', 'assessment:decide',
  'dashboard:read',
  // Publication on the public board (并网公开): review, approve, edit public text, redact.
  'publication:review',
  'import:run', 'open311:keys', 'routing:manage', 'followup:record',
  // Download a full backup of the database (admin only).
  'system:backup',
  // See which accounts are locked and which addresses are throttled at sign-in (admin only).
  'security:read',
  // Setting up the city (一网覆盖): its settings, organisation, accounts and catalogue; reading the admin audit trail.
  'settings:manage', 'org:manage', 'users:manage', 'catalogue:manage', 'admin-audit:read',
  // 建议提案: read (scoped: own units, own suggestions for deputies), read every one, register/assign/approve extensions,
  // handle as a unit (sign, meet, reply, countersign), rate as the proposer.
  'suggestion:read', 'suggestion:read-all', 'suggestion:manage', 'suggestion:handle', 'suggestion:rate',
  // 重大事项报告: file as a unit, read (own unit, or all with the office), acknowledge (the office), define types (admin).
  'major-report:file', 'major-report:read-all', 'major-report:acknowledge', 'major-report:types',
  // Supervised items (督办事项): read (scope decided per item), create/review/order/close, report progress.
  'item:read', 'item:manage', 'item:report',
  // 营商环境评价指标 (docs/indicators.md): read indicators and lights; a lead unit files figures; the 营商办 reviews
  // them and keeps the registry; stories (城市故事) are nominated by staff and reviewed by the 营商办.
  'indicator:read', 'indicator:file', 'indicator:review', 'indicator:manage', 'indicator:dashboard', 'story:nominate', 'story:review',
  // 知识库: read and search it; edit entries (a new version, a draft); approve a draft of one's own unit; import a file.
  'knowledge:read', 'knowledge:edit', 'knowledge:approve', 'knowledge:import',
  // 热点发现 (docs/hotspots.md): read hot spots and their cases; run the detection now; make one a task or the month's topic.
  'hotspot:read', 'hotspot:run', 'hotspot:manage',
] as const;
export type Permission = (typeof permissions)[number];

const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: ['assessment:read', 'assessment:scheme', 'dashboard:read', 'import:run', 'open311:keys', 'routing:manage', 'sla:read', 'sla:sweep', 'notification:read', 'webhook:manage', 'case:read', 'case:read-all', 'org:read', 'users:read', 'audit:verify', 'calendar:manage', 'policies:manage', 'system:backup', 'security:read',
    'settings:manage', 'org:manage', 'users:manage', 'catalogue:manage', 'admin-audit:read', 'indicator:read', 'indicator:manage', 'knowledge:read', 'knowledge:import', 'major-report:types', 'hotspot:read', 'hotspot:run'],
  intake: ['followup:record', 'import:run', 'sla:read', 'notification:read', 'case:create', 'case:read', 'case:read-all', 'case:command', 'org:read', 'knowledge:read'],
  handler: ['assessment:read', 'dashboard:read', 'sla:read', 'notification:read', 'case:read', 'case:command', 'org:read', 'supervision:read', 'supervision:answer', 'item:read', 'item:report', 'indicator:read', 'indicator:file', 'story:nominate', 'knowledge:read', 'knowledge:edit', 'suggestion:read', 'suggestion:handle', 'major-report:file'],
  head: ['assessment:read', 'assessment:appeal', 'dashboard:read', 'sla:read', 'notification:read', 'case:read', 'case:command', 'org:read', 'supervision:read', 'supervision:answer', 'item:read', 'item:report', 'indicator:read', 'indicator:file', 'story:nominate', 'knowledge:read', 'knowledge:edit', 'knowledge:approve', 'suggestion:read', 'suggestion:handle', 'major-report:file'],
  supervisor: ['assessment:read', 'assessment:run', 'assessment:publish', 'assessment:decide', 'dashboard:read', 'publication:review', 'followup:record', 'sla:read', 'sla:sweep', 'notification:read', 'case:create', 'case:read', 'case:read-all', 'case:command', 'org:read', 'users:read', 'audit:verify',
    'supervision:read', 'supervision:centre', 'supervision:order', 'item:read', 'item:manage', 'indicator:read', 'indicator:review', 'indicator:manage', 'indicator:dashboard', 'story:nominate', 'story:review', 'knowledge:read', 'knowledge:edit', 'knowledge:approve', 'knowledge:import', 'suggestion:read', 'suggestion:read-all', 'suggestion:manage', 'major-report:read-all', 'major-report:acknowledge', 'hotspot:read', 'hotspot:run', 'hotspot:manage'],
  // A leader reads everything and writes only instructions (the transition table limits its commands).
  leader: ['assessment:read', 'dashboard:read', 'sla:read', 'notification:read', 'case:read', 'case:read-all', 'case:command', 'org:read', 'supervision:read', 'supervision:centre', 'item:read', 'indicator:read', 'indicator:dashboard', 'knowledge:read', 'suggestion:read', 'suggestion:read-all', 'major-report:read-all', 'hotspot:read'],
  deputy: ['suggestion:read', 'suggestion:rate', 'notification:read', 'org:read'],
};

/** Whether a role, or any of a person's roles (a person may hold several in one unit), grants the permission. */
export function can(role: Role | readonly Role[], permission: Permission): boolean {
  const held: readonly Role[] = typeof role === 'string' ? [role] : role;
  return held.some((r) => rolePermissions[r].includes(permission));
}

/** The union of the permissions of a person's roles, in the order of `permissions`. */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  return permissions.filter((p) => can(roles, p));
}

/** The permissions each role grants (the table in docs/people.md). */
export function permissionsOfRole(role: Role): readonly Permission[] {
  return rolePermissions[role];
}

/** Department staff see the cases their department was ever assigned; desk, supervision and leaders see all. */
export function canSeeCase(role: Role | readonly Role[], departmentId: number, assignedDepartmentIds: readonly number[]): boolean {
  if (can(role, 'case:read-all')) return true;
  return can(role, 'case:read') && assignedDepartmentIds.includes(departmentId);
}
