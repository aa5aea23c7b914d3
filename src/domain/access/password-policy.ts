// The password policy (等保 level 3): length, character classes, no reuse of the last N, optional expiry.
// Pure: the check returns what is missing, in words the console shows; the server hashes and compares history.

export const passwordClasses = ['lower', 'upper', 'digit', 'symbol'] as const;
export type PasswordClass = (typeof passwordClasses)[number];

export const passwordClassLabels: Record<PasswordClass, string> = {
  lower: '小写字母', upper: '大写字母', digit: '数字', symbol: '特殊符号',
};

export interface PasswordPolicy {
  minLength: number;
  requiredClasses: PasswordClass[];
  /** A new password may not equal any of the last N (0: no check). */
  historyCount: number;
  /** Days after which a password must be changed; null: never expires. */
  maxAgeDays: number | null;
}

export const defaultPasswordPolicy: PasswordPolicy = { minLength: 8, requiredClasses: ['lower', 'upper', 'digit'], historyCount: 5, maxAgeDays: null };

const classTest: Record<PasswordClass, RegExp> = {
  lower: /[a-z]/, upper: /[A-Z]/, digit: /[0-9]/, symbol: /[^A-Za-z0-9\s]/,
};

/** What a password lacks under the policy, as Chinese phrases (empty: it is strong enough). */
export function passwordWeaknesses(password: string, policy: PasswordPolicy, context: { username?: string } = {}): string[] {
  const out: string[] = [];
  const length = [...password].length;
  if (length < policy.minLength) out.push(`长度至少 ${policy.minLength} 位（当前 ${length} 位）`);
  const missing = policy.requiredClasses.filter((c) => !classTest[c].test(password));
  if (missing.length) out.push(`须包含${missing.map((c) => passwordClassLabels[c]).join('、')}`);
  if (/\s/.test(password)) out.push('不能包含空格');
  if (context.username && context.username.length >= 3 && password.toLowerCase().includes(context.username.toLowerCase())) out.push('不能包含用户名');
  return out;
}

/** A password is expired when the policy sets a maximum age and it was set longer ago than that. */
export function isPasswordExpired(changedAt: Date | null, policy: Pick<PasswordPolicy, 'maxAgeDays'>, now: Date): boolean {
  if (policy.maxAgeDays == null || !changedAt) return false;
  return now.getTime() - changedAt.getTime() > policy.maxAgeDays * 86_400_000;
}

/** The policy in one sentence, for the change-password page. */
export function describePolicy(policy: PasswordPolicy): string {
  const parts = [`至少 ${policy.minLength} 位`];
  if (policy.requiredClasses.length) parts.push(`包含${policy.requiredClasses.map((c) => passwordClassLabels[c]).join('、')}`);
  if (policy.historyCount > 0) parts.push(`不能与最近 ${policy.historyCount} 次使用过的密码相同`);
  if (policy.maxAgeDays != null) parts.push(`每 ${policy.maxAgeDays} 天须更换一次`);
  return `${parts.join('，')}。`;
}
