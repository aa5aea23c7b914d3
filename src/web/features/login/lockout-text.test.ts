import { describe, expect, it } from 'vitest';
import { lockoutText } from './lockout-text.js';

const now = new Date('2026-12-06T02:00:00.000Z'); // 10:00 in Beijing

describe('lockoutText: a lockout says for how long', () => {
  it('the account lock names the minutes and the Beijing time it ends', () => {
    expect(lockoutText('登录失败次数过多，账号已临时锁定，请稍后再试', 'ACCOUNT_LOCKED', { retryAfterSeconds: 900 }, now))
      .toBe('登录失败次数过多，账号已临时锁定，请约 15 分钟后（北京时间 10:15 以后）再试。');
  });
  it('a short throttle counts seconds', () => {
    expect(lockoutText('登录尝试过于频繁，请稍后再试', 'LOGIN_THROTTLED', { retryAfterSeconds: 42 }, now)).toContain('请约 42 秒后（北京时间 10:00 以后）再试');
  });
  it('other refusals, or no duration, keep their message', () => {
    expect(lockoutText('用户名或密码错误', 'LOGIN_FAILED', { retryAfterSeconds: 60 }, now)).toBe('用户名或密码错误');
    expect(lockoutText('登录尝试过于频繁，请稍后再试', 'LOGIN_THROTTLED', undefined, now)).toBe('登录尝试过于频繁，请稍后再试');
  });
});
