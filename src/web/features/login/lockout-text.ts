import { beijingDateTime } from '../../../domain/calendar/local-time.js';

/**
 * The sign-in refusals that end by themselves (LOGIN_THROTTLED, ACCOUNT_LOCKED) say how long: the server sends
 * details.retryAfterSeconds; "请稍后再试" alone left people guessing.
 */
export function lockoutText(message: string, code: string, details: unknown, now: Date): string {
  if (code !== 'ACCOUNT_LOCKED' && code !== 'LOGIN_THROTTLED') return message;
  const seconds = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return message;
  const until = beijingDateTime(new Date(now.getTime() + seconds * 1000)).slice(11, 16);
  const wait = seconds < 60 ? `${Math.ceil(seconds)} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
  return `${message.replace(/，?请稍后再试$/, '')}，请约 ${wait}后（北京时间 ${until} 以后）再试。`;
}
