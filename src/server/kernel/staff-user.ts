import type { Role } from '../../domain/case/status.js';

/** The signed-in staff member, as routes and commands see it. */
export interface StaffUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  departmentId: number;
  departmentName: string;
}
