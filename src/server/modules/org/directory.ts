import type { Kysely } from 'kysely';
import type { Category, Department } from '../../../contracts/org.js';
import type { DB } from '../../db/schema.js';
import { finalSuccessor } from '../../../domain/org/units.js';

/** Names shown beside ids in every presenter. */
export type Names = { department(id: number | null): string | null; category(id: number): string; user(id: number | null): string | null };

/**
 * Departments, categories and staff names change rarely and are read on every page, so each process keeps them
 * in memory and reloads after a short time; an admin's change shows within `ttlMs`.
 */
export class Directory {
  #loadedAt = 0;
  #loading: Promise<void> | null = null;
  departments: Department[] = [];
  categories: Category[] = [];
  #deptById = new Map<number, Department>();
  #catById = new Map<number, Category>();
  #userNames = new Map<number, string>();
  /**
   * Bumped on a reload that changed anything (names, units, categories), so anything presented with these names knows
   * when to present again. A reload that found the same rows (every `ttlMs`, the usual case) keeps the generation:
   * bumping it then made every cached case page present and serialise itself again twice a minute.
   */
  generation = 0;
  #fingerprint = '';

  constructor(private readonly db: Kysely<DB>, private readonly ttlMs = 30_000) {}

  /** True while the loaded names are within `ttlMs` (ready() would return them without loading). */
  get fresh(): boolean {
    return Date.now() - this.#loadedAt <= this.ttlMs;
  }

  async ready(): Promise<this> {
    if (Date.now() - this.#loadedAt > this.ttlMs) {
      this.#loading ??= this.#load().finally(() => (this.#loading = null));
      await this.#loading;
    }
    return this;
  }

  invalidate(): void {
    this.#loadedAt = 0;
  }

  async #load(): Promise<void> {
    const [depts, cats, users] = await Promise.all([
      this.db.selectFrom('departments').selectAll().orderBy('sort_order').orderBy('id').execute(),
      this.db.selectFrom('categories').selectAll().orderBy('sort_order').orderBy('id').execute(),
      this.db.selectFrom('users').select(['id', 'display_name']).orderBy('id').execute(),
    ]);
    const fingerprint = JSON.stringify([depts, cats, users]);
    this.#loadedAt = Date.now();
    if (fingerprint === this.#fingerprint) return;
    this.#fingerprint = fingerprint;
    this.departments = depts.map((d) => ({ id: d.id, code: d.code, name: d.name, kind: d.kind, group: d.dept_group, parentId: d.parent_id, isActive: d.is_active, successorId: d.successor_id }));
    this.categories = cats.map((c) => ({ id: c.id, code: c.code, name: c.name, parentId: c.parent_id, kind: c.kind, defaultLeadDepartmentId: c.default_lead_department_id, acceptedKinds: (c.accepted_kinds ?? []) as Category['acceptedKinds'], isActive: c.is_active }));
    this.#deptById = new Map(this.departments.map((d) => [d.id, d]));
    this.#catById = new Map(this.categories.map((c) => [c.id, c]));
    this.#userNames = new Map(users.map((u) => [u.id, u.display_name]));
    this.generation++;
  }

  categoryKind(id: number): Category['kind'] {
    return this.#catById.get(id)?.kind ?? 'complaint';
  }

  category(id: number): Category | undefined {
    return this.#catById.get(id);
  }

  department(id: number): Department | undefined {
    return this.#deptById.get(id);
  }

  /** The unit carrying a merged unit's work today (itself when it was not merged). */
  successorOf(id: number): number {
    return finalSuccessor(id, (x) => this.#deptById.get(x)?.successorId);
  }

  names(): Names {
    return {
      department: (id) => (id == null ? null : this.#deptById.get(id)?.name ?? `#${id}`),
      category: (id) => this.#catById.get(id)?.name ?? `#${id}`,
      user: (id) => (id == null ? null : this.#userNames.get(id) ?? `#${id}`),
    };
  }
}
