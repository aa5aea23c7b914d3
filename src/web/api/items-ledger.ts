import type { ItemDashboard, ItemScreenPanel } from '../../contracts/items-ledger.js';
import { api } from './client.js';

export const getItemDashboard = () => api.get<ItemDashboard>('/api/items/dashboard');
export const getItemScreen = () => api.get<ItemScreenPanel>('/api/items/screen');
