import { allowedActions } from '../../../domain/case/decide.js';
import type { Actor } from '../../../domain/case/types.js';
import { canSeeCase } from '../../../domain/access/permissions.js';
import type { CaseDetail } from '../../../contracts/cases.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { actorsOf } from './actor.js';
import type { StaffUser } from '../../kernel/index.js';
import type { CaseRecord } from './case-cache.js';
import { presentDetail } from './presenter.js';
import { toSnapshot } from './repository.js';

type Presented = NonNullable<CaseRecord['presented']>;
type Actions = CaseDetail['allowedActions'];
type Dir = Awaited<ReturnType<AppDeps['directory']['ready']>>;

/** A signed-in user's actors, kept as long as the session cache keeps that user object (it is never changed). */
const actorsByUser = new WeakMap<StaffUser, Actor[]>();

/** The record's presentation (made again when the directory's names changed) and this user's actions now. */
function presentFor(deps: AppDeps, user: StaffUser, record: CaseRecord | undefined, dir: Dir): { presented: Presented; actions: Actions } {
  if (!record || !canSeeCase(user.roles, user.departmentId, record.departmentIds ??= record.assignments.map((a) => a.department_id))) throw new AppError('CASE_NOT_FOUND');
  if (record.presented?.directoryGeneration !== dir.generation) {
    // The snapshot decide() reads depends on the record and the category's kind only, so it is kept beside the detail.
    const snapshot = toSnapshot(record.row, dir.categoryKind(record.row.category_id), record.assignments);
    record.presented = { directoryGeneration: dir.generation, detail: presentDetail(record.row, record.assignments, record.events, dir.names()), snapshot };
  }
  const presented = record.presented;
  // A person with several roles sees every command any of their roles may run (runCommand acts in that role).
  let actors = actorsByUser.get(user);
  if (!actors) actorsByUser.set(user, (actors = actorsOf(user)));
  const now = deps.now();
  const actions = actors.length === 1
    ? allowedActions(presented.snapshot, actors[0], now)
    : [...new Set(actors.flatMap((actor) => allowedActions(presented.snapshot, actor, now)))];
  return { presented, actions };
}

/**
 * The same, without a promise when the record is in this process's cache and the directory is fresh (nearly every
 * page read): an await per lookup was a promise and a microtask turn each, on the page read all day.
 */
function present(deps: AppDeps, user: StaffUser, id: number): { presented: Presented; actions: Actions } | Promise<{ presented: Presented; actions: Actions }> {
  const record = deps.cases.peek(id);
  if (record && deps.directory.fresh) return presentFor(deps, user, record, deps.directory);
  return (async () => presentFor(deps, user, record ?? await deps.cases.get(deps.database.db, id), await deps.directory.ready()))();
}

/**
 * One case with its assignments, timeline and the actions this user may take now; CASE_NOT_FOUND when not visible.
 * The record comes from the per-process cache (no SQL when unchanged); only allowedActions is computed per request,
 * because it depends on the user and the time.
 */
export async function getCase(deps: AppDeps, user: StaffUser, id: number): Promise<CaseDetail> {
  const { presented, actions } = await present(deps, user, id);
  return { ...presented.detail, allowedActions: actions };
}

/**
 * The same detail as the response body (UTF-8 JSON), for the case page route; synchronous on a cache hit. The detail
 * is serialised once per cached record (and directory generation); allowedActions is appended, and the bytes are kept for the last set of actions,
 * so a page read again with the same actions (the usual case: the same people look at a case all day) costs no
 * serialising, no UTF-8 encoding and no new heap string. Same text as JSON.stringify(getCase(…)): allowedActions is
 * the last key there too. Encoding each body per request (Chinese text, several KB) was the largest share of the
 * page's CPU after the socket writes, and its garbage the page's tail latency (bench/run.ts --profile).
 */
export function getCaseBody(deps: AppDeps, user: StaffUser, id: number): Buffer | Promise<Buffer> {
  const found = present(deps, user, id);
  return found instanceof Promise ? found.then(bodyOf) : bodyOf(found);
}

function bodyOf({ presented, actions }: { presented: Presented; actions: Actions }): Buffer {
  const body = presented.body;
  if (body && sameActions(body.actionList, actions)) return body.bytes;
  // The detail's JSON without its closing brace (it always has keys, so a comma follows), from the bytes kept or anew.
  const head = body ? body.bytes.subarray(0, body.headLength) : Buffer.from(JSON.stringify(presented.detail).slice(0, -1));
  const bytes = Buffer.concat([head, Buffer.from(`,"allowedActions":${JSON.stringify(actions)}}`)]);
  presented.body = { actionList: actions, bytes, headLength: head.length };
  return bytes;
}

function sameActions(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
