import { rankOf } from './guards.js';
import type { OrderLevel } from './types.js';

export type SupervisionLevel = 'none' | 'urged' | 'yellow' | 'red' | 'instruction';

/**
 * The case's supervision level after its orders changed: the highest open yellow/red order; an open normal order
 * (or orders all closed after a card) leaves the case "urged". A leader's instruction outranks every order.
 */
export function caseSupervisionLevel(current: SupervisionLevel, openLevels: readonly OrderLevel[], hadOrders: boolean): SupervisionLevel {
  if (current === 'instruction') return current;
  const top = openLevels.reduce<OrderLevel | null>((m, l) => (m === null || rankOf(l) > rankOf(m) ? l : m), null);
  if (top === 'red' || top === 'yellow') return top;
  if (top === 'normal' || hadOrders) return current === 'none' || current === 'yellow' || current === 'red' ? 'urged' : current;
  return current;
}
