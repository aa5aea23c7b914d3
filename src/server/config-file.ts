import { readFileSync } from 'node:fs';
import { StartRefused } from './db/start-refused.js';

// Configuration by file: a KEY=VALUE file (the systemd EnvironmentFile format) named by `--config FILE` or
// YIWANG_CONFIG. The environment wins over the file, so one file can serve several processes that differ by PORT.

/** Parses KEY=VALUE lines; blank lines and `#` comments are skipped, `export ` and one pair of quotes are allowed. */
export function parseConfigFile(text: string, file = 'config'): Record<string, string> {
  const out: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) {
      throw new StartRefused(`配置文件 ${file} 第 ${i + 1} 行格式不对，应为 KEY=VALUE。\nConfiguration file ${file}, line ${i + 1}: expected KEY=VALUE.`);
    }
    let value = m[2];
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2];
    out[m[1]] = value;
  });
  return out;
}

/** Sets each key of the file that the environment does not already set; returns the keys taken from the file. */
export function applyConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new StartRefused(`无法读取配置文件 ${file}（${reason}）。\nCannot read configuration file ${file} (${reason}).`);
  }
  const taken: string[] = [];
  for (const [key, value] of Object.entries(parseConfigFile(text, file))) {
    if (env[key] !== undefined) continue;
    env[key] = value;
    taken.push(key);
  }
  return taken;
}

/** Takes `--config FILE` out of the arguments and applies it (or YIWANG_CONFIG when the flag is absent). */
export function takeConfigFlag(args: string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const at = args.indexOf('--config');
  const file = at >= 0 ? args[at + 1] : env.YIWANG_CONFIG;
  if (at >= 0 && !file) throw new StartRefused('--config 需要一个文件路径。\n--config needs a file path.');
  if (file) applyConfigFile(file, env);
  return at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
}
