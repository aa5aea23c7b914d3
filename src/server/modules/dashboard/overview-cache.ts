import type { Overview } from '../../../contracts/dashboard.js';
import type { AppDeps } from '../../deps.js';
import { getOverview } from './overview.js';
import { beijingDay } from './periods.js';
import { readMark } from './stream.js';

// A meeting puts the same overview on a big screen and a dozen leaders' screens at once, and every screen refetches
// when the record moves. An overview is a function of (scope, month, today) and of the case record, whose every
// change appends an event — so it is cached per (scope, month, today) together with the event high-water mark it was
// computed at, and recomputed as soon as the mark moved. Requests arriving while it is being computed share the one
// computation. A figure is therefore never older than the last event this process can read; only writes that
// bypass the event log (hand edits in SQL) wait for the next event.

const maxEntries = 500;

export class OverviewCache {
  #entries = new Map<string, { mark: number; value: Promise<Overview> }>();

  constructor(private readonly deps: AppDeps) {}

  async get(departmentId: number | null, month: string | undefined): Promise<Overview> {
    const mark = await readMark(this.deps);
    const key = `${departmentId ?? 'all'}|${month ?? ''}|${beijingDay(this.deps.now())}`;
    const hit = this.#entries.get(key);
    if (hit && hit.mark === mark) return hit.value;
    const value = getOverview(this.deps, departmentId, month);
    const entry = { mark, value };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    if (this.#entries.size > maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return value;
  }
}
