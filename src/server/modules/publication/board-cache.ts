import type { AppDeps } from '../../deps.js';
import { dayOfMillis } from '../../../domain/calendar/local-time.js';

// Per-process cache of the public pages, kept as serialised JSON so a hit costs no SQL and no serialisation.
// Invalidation:
// - a publication decision in this process drops the case's page and every list page (publicationChanged);
// - any case change this process hears of (its own writes, and other processes' through NOTIFY yw_case_changed,
//   both of which reach deps.cases.invalidate) does the same, because the board shows each case's status, rating
//   and reply;
// - elapsed working days depend on the date, so an entry is valid for the Beijing day it was built on;
// - a TTL bounds anything that changes cases without telling the case cache (a bulk import): 60 s.
// A load that started before an invalidation does not store its result (generation check), as in CaseCache.

const ttlMs = 60_000;
const maxLists = 2_000;
const maxPages = 20_000;
const dayOf = (d: Date) => dayOfMillis(d.getTime());

interface Entry {
  /** UTF-8 JSON, encoded once: sending a Buffer skips re-encoding the Chinese text on every hit. */
  body: Buffer;
  day: number;
  expires: number;
  caseId?: number;
}

export class BoardCache {
  #lists = new Map<string, Entry>();
  #pages = new Map<string, Entry>();
  #codeOfCase = new Map<number, string>();
  #listGeneration = 0;
  #pageGenerations = new Map<string, number>();
  #inflight = new Map<string, Promise<Buffer | null>>();
  #stats: { body: Buffer; expires: number } | null = null;
  // Request URL → cache key, so a hit is answered in onRequest before validation and the session hook.
  #urls = new Map<string, { kind: 'list' | 'page'; key: string }>();

  constructor(private readonly now: () => Date) {}

  #fresh(e: Entry | undefined): e is Entry {
    return !!e && e.expires > Date.now() && e.day === dayOf(this.now());
  }

  /** The cached body for a request URL seen before, if still fresh; no SQL, no validation. */
  peek(url: string): Buffer | null {
    const ref = this.#urls.get(url);
    if (!ref) return null;
    const e = ref.kind === 'list' ? this.#lists.get(ref.key) : this.#pages.get(ref.key);
    return this.#fresh(e) ? e.body : null;
  }

  /** Remembers which cache entry answers a request URL. */
  remember(url: string, kind: 'list' | 'page', key: string): void {
    if (this.#urls.size >= maxLists + maxPages) this.#urls.delete(this.#urls.keys().next().value!);
    this.#urls.set(url, { kind, key });
  }

  /** A list page by its normalised query; `load` runs once per key at a time. */
  async list(key: string, load: () => Promise<string>): Promise<Buffer> {
    const hit = this.#lists.get(key);
    if (this.#fresh(hit)) return hit.body;
    const flightKey = `l:${key}`;
    const running = this.#inflight.get(flightKey);
    if (running) return (await running)!;
    const generation = this.#listGeneration;
    const day = dayOf(this.now());
    const p = load().then((json) => {
      const body = Buffer.from(json);
      if (generation === this.#listGeneration) {
        this.#lists.set(key, { body, day, expires: Date.now() + ttlMs });
        if (this.#lists.size > maxLists) this.#lists.delete(this.#lists.keys().next().value!);
      }
      return body;
    }).finally(() => this.#inflight.delete(flightKey));
    this.#inflight.set(flightKey, p);
    return (await p)!;
  }

  /** A case page by its code; null (not on the board) is not cached. */
  async page(code: string, load: () => Promise<{ body: string; caseId: number } | null>): Promise<Buffer | null> {
    const hit = this.#pages.get(code);
    if (this.#fresh(hit)) return hit.body;
    const flightKey = `p:${code}`;
    const running = this.#inflight.get(flightKey);
    if (running) return running;
    const generation = this.#pageGenerations.get(code) ?? 0;
    const day = dayOf(this.now());
    const p = load().then((r) => {
      if (!r) return null;
      const body = Buffer.from(r.body);
      if ((this.#pageGenerations.get(code) ?? 0) === generation) {
        this.#pages.set(code, { body, day, expires: Date.now() + ttlMs, caseId: r.caseId });
        this.#codeOfCase.set(r.caseId, code);
        if (this.#pages.size > maxPages) {
          const oldest = this.#pages.keys().next().value!;
          const e = this.#pages.get(oldest);
          this.#pages.delete(oldest);
          if (e?.caseId) this.#codeOfCase.delete(e.caseId);
        }
      }
      return body;
    }).finally(() => this.#inflight.delete(flightKey));
    this.#inflight.set(flightKey, p);
    return p;
  }

  async stats(load: () => Promise<string>): Promise<Buffer> {
    if (this.#stats && this.#stats.expires > Date.now()) return this.#stats.body;
    const body = Buffer.from(await load());
    this.#stats = { body, expires: Date.now() + ttlMs };
    return body;
  }

  caseChanged(caseId: number): void {
    this.#listGeneration++;
    this.#lists.clear();
    const code = this.#codeOfCase.get(caseId);
    if (code) {
      this.#pages.delete(code);
      this.#codeOfCase.delete(caseId);
      this.#pageGenerations.set(code, (this.#pageGenerations.get(code) ?? 0) + 1);
      if (this.#pageGenerations.size > maxPages * 2) this.#pageGenerations.clear();
    } else {
      // A page being loaded right now for this case is not known by code yet: make every in-flight page load stale.
      for (const key of this.#inflight.keys()) {
        if (key.startsWith('p:')) {
          const c = key.slice(2);
          this.#pageGenerations.set(c, (this.#pageGenerations.get(c) ?? 0) + 1);
        }
      }
    }
  }

  publicationChanged(caseId: number): void {
    this.caseChanged(caseId);
  }

  clear(): void {
    this.#listGeneration++;
    this.#lists.clear();
    for (const code of this.#pages.keys()) this.#pageGenerations.set(code, (this.#pageGenerations.get(code) ?? 0) + 1);
    // Pages being loaded right now become stale too.
    for (const key of this.#inflight.keys()) {
      if (key.startsWith('p:')) this.#pageGenerations.set(key.slice(2), (this.#pageGenerations.get(key.slice(2)) ?? 0) + 1);
    }
    this.#pages.clear();
    this.#codeOfCase.clear();
    this.#urls.clear();
    this.#stats = null;
  }
}

const caches = new WeakMap<AppDeps, BoardCache>();

/**
 * The board cache of this process. The first call hooks it to the case cache's invalidation, so every case change
 * the process hears of (its writes and other processes' NOTIFY) reaches it; see docs/publication.md.
 */
export function boardCacheOf(deps: AppDeps): BoardCache {
  let cache = caches.get(deps);
  if (!cache) {
    const created = new BoardCache(deps.now);
    cache = created;
    caches.set(deps, created);
    deps.cases.onInvalidate((id) => created.caseChanged(id));
    deps.cases.onClear(() => created.clear());
  }
  return cache;
}
