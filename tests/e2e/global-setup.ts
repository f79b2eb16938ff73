import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// `npm test` builds before running Playwright (DEJALU_BUILT=1); a bare `npx playwright test` builds here,
// once for the whole run, so tests always exercise the current code.
export default function globalSetup() {
  if (process.env.DEJALU_BUILT === '1' && existsSync('.output/chrome-mv3/manifest.json')) return;
  const r = spawnSync('node_modules/.bin/wxt', ['build'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('wxt build failed');
}
