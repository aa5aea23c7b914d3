import { Navigate } from 'react-router-dom';
import { lazy } from 'react';
import { useUser } from '../../app/auth-context.js';
import { BackupCard } from '../backup/backup-card.js';
import { ReplicaCard } from '../backup/replica-card.js';
import { DepartmentWorkbench, SupervisorWorkbench } from './queue-workbenches.js';

// The intake desk carries the registration form and the leader view carries charts; load them only for those roles.
const IntakeWorkbench = lazy(() => import('../intake/intake-workbench.js'));
const LeaderWorkbench = lazy(() => import('./leader-workbench.js'));

/**
 * The home page after login: one workbench per role, the person's primary one (`role`; the menu title says which). This is
 * a choice of home, not of access: what the workbench offers comes from `useCan()` and the server's allowedActions.
 */
export default function WorkbenchPage() {
  const user = useUser();
  switch (user.role) {
    case 'intake': return <IntakeWorkbench />;
    case 'handler':
    case 'head': return <DepartmentWorkbench />;
    case 'supervisor': return <SupervisorWorkbench />;
    case 'leader': return <LeaderWorkbench />;
    case 'admin': return <><BackupCard /><ReplicaCard /><LeaderWorkbench /></>;
    case 'deputy': return <Navigate to="/suggestions/mine" replace />;
    default: {
      const never: never = user.role;
      return never;
    }
  }
}
