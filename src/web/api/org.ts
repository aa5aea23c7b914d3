import type { OrgResponse } from '../../contracts/org.js';
import { api } from './client.js';

export const fetchOrg = () => api.get<OrgResponse>('/api/org');
