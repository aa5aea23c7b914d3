import type { Role } from '../../../domain/case/status.js';
import { fmtTime } from '../../shared/format.js';
import { roleLabels } from '../../shared/labels.js';

export { fmtTime };
export const roleLabel = (role: string) => roleLabels[role as Role] ?? role;
