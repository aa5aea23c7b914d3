import type { Actor } from '../../../domain/case/types.js';
import type { StaffUser } from '../../kernel/index.js';

export function actorOf(user: StaffUser): Actor {
  return { userId: user.id, role: user.role, departmentId: user.departmentId };
}
