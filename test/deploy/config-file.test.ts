import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigFile, takeConfigFlag } from '../../src/server/config-file.js';
import { StartRefused } from '../../src/server/db/start-refused.js';

const fileWith = (text: string) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'yw-config-')), 'yiwang.env');
  writeFileSync(file, text);
  return file;
};

describe('configuration file', () => {
  it('reads KEY=VALUE lines, comments, export and quotes', () => {
    expect(parseConfigFile('# comment\n\nPORT=3001\nexport LOG_LEVEL = warn\nYIWANG_MAIL_FROM="督办 <a@b.cn>"\nX=\'a=b\'\r\nEMPTY=\n')).toEqual({
      PORT: '3001', LOG_LEVEL: 'warn', YIWANG_MAIL_FROM: '督办 <a@b.cn>', X: 'a=b', EMPTY: '',
    });
  });

  it('refuses a line that is not KEY=VALUE, naming the line', () => {
    expect(() => parseConfigFile('PORT=1\nnot a setting\n', 'f.env')).toThrow(/f\.env.*第 2 行[\s\S]*line 2/);
  });

  it('fills in what the environment does not set: the environment wins', () => {
    const file = fileWith('PORT=3001\nDATABASE_URL=postgres://file/db\n');
    const env: NodeJS.ProcessEnv = { PORT: '4000' };
    const rest = takeConfigFlag(['serve', '--config', file, '--host', '127.0.0.1'], env);
    expect(rest).toEqual(['serve', '--host', '127.0.0.1']);
    expect(env).toEqual({ PORT: '4000', DATABASE_URL: 'postgres://file/db' });
  });

  it('takes YIWANG_CONFIG when there is no --config', () => {
    const file = fileWith('YIWANG_DATA_DIR=/srv/yiwang/data\n');
    const env: NodeJS.ProcessEnv = { YIWANG_CONFIG: file };
    expect(takeConfigFlag(['users', 'list'], env)).toEqual(['users', 'list']);
    expect(env.YIWANG_DATA_DIR).toBe('/srv/yiwang/data');
  });

  it('refuses a missing file with a message in both languages', () => {
    expect(() => takeConfigFlag(['serve', '--config', '/nonexistent/yiwang.env'], {})).toThrow(StartRefused);
    expect(() => takeConfigFlag(['serve', '--config', '/nonexistent/yiwang.env'], {})).toThrow(/无法读取配置文件[\s\S]*Cannot read/);
    expect(() => takeConfigFlag(['serve', '--config'], {})).toThrow(/--config/);
  });
});
