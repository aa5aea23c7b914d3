import type { Actor } from '../../../domain/case/types.js';
import type { Role } from '../../../domain/case/status.js';

/** The signed-in staff member, as routes and commands see it. */
export interface StaffUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  departmentId: number;
  departmentName: string;
}

export function actorOf(user: StaffUser): Actor {
  return { userId: user.id, role: user.role, departmentId: user.departmentId };
}
