#!/usr/bin/env node
// `npm start`. In a source checkout with the dev dependencies (vite installed) the web console is built first, as
// it always was, so a fresh clone's `npm ci && npm start` serves the current client. An installed package
// (`npm ci --omit=dev`, the Docker image) has no vite and serves the dist/web it was packed with.
// Arguments after `npm start --` go to `yiwang serve`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vite = path.join(root, 'node_modules/vite/bin/vite.js');
const sourceCheckout = existsSync(path.join(root, 'src/web/index.html')) && existsSync(vite);

if (sourceCheckout) {
  const built = spawnSync(process.execPath, [vite, 'build', '--config', 'vite.config.ts'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
} else if (!existsSync(path.join(root, 'dist/web/index.html'))) {
  console.error(
    '未找到网页控制台（dist/web），且未安装构建工具 vite（开发依赖）：本次只提供接口，不提供网页。\n' +
      '请在源代码目录运行 `npm ci && npm run build:web`，或使用打包时已包含 dist/web 的安装包（npm pack / Docker 镜像）。\n' +
      'The web console (dist/web) is missing and vite (a dev dependency) is not installed: serving the API only.\n' +
      'Run `npm ci && npm run build:web` in a source checkout, or install a package built with dist/web (npm pack, the Docker image).',
  );
}

process.argv = [process.argv[0], path.join(root, 'bin/yiwang.js'), 'serve', '--demo-if-empty', ...process.argv.slice(2)];
await import('./yiwang.js');
