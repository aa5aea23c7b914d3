import type { Rule } from '../../../contracts/routing.js';
import { ruleFlagMessages } from '../../../contracts/routing.js';
import type { AppDeps } from '../../deps.js';

/**
 * Flags that depend on the catalogue as it is now, not as it was when the rule was saved: a rule naming a retired
 * category (docs/catalogue.md). Stored flags are computed on save; a category retired later would not show there.
 */
export async function withLiveFlags(deps: AppDeps, rules: Rule[]): Promise<Rule[]> {
  const dir = await deps.directory.ready();
  return rules.map((r) => {
    const inactive = r.categoryIds.filter((id) => dir.category(id)?.isActive === false);
    if (!inactive.length) return r;
    const all = inactive.length === r.categoryIds.length;
    return {
      ...r,
      flags: [...r.flags, { code: 'INACTIVE_CATEGORY' as const, message: all ? ruleFlagMessages.INACTIVE_CATEGORY : '条件中有问题类别已停用：该类别不再受理新诉求', categoryIds: inactive }],
    };
  });
}
