// Set-up steps shared by `npm start`, `npm test` and `npm run bench`.
// Uses only Node built-ins: it must run on a fresh clone before node_modules exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    const err = new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
    err.exitCode = r.status ?? 1;
    throw err;
  }
}

/**
 * `npm ci` when node_modules is missing or was installed from another package-lock.json. The lock
 * file's hash is recorded after each install and compared by content: a checkout (a new clone, a
 * git worktree, a branch switch) gives the lock file a new mtime without changing what it locks.
 */
export function ensureDeps() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  const stamp = join(ROOT, 'node_modules', '.dejalu-lock-sha256');
  const lockHash = createHash('sha256').update(readFileSync(lock)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lockHash) return;
  // Installed before stamps were kept: trust npm's own marker when it is newer than the lock.
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) {
    writeFileSync(stamp, lockHash);
    return;
  }
  console.log('[setup] installing dependencies (npm ci)…');
  try {
    run('npm', ['ci', '--no-audit', '--no-fund']);
  } catch {
    // `npm ci` refuses a lock file naming optional platform packages the registry lacks; a plain
    // install resolves the same versions and skips them.
    console.log('[setup] npm ci failed; retrying with npm install…');
    run('npm', ['install', '--no-audit', '--no-fund']);
  }
  writeFileSync(stamp, lockHash);
}

/** Debian's Chromium, installed with apt when absent and we are root. Never downloads a browser build. */
export function ensureChromium() {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(path)) return path;
  if (process.env.CHROMIUM_PATH) {
    throw new Error(`CHROMIUM_PATH=${path} does not exist.`);
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      'Chromium not found at /usr/bin/chromium. Install it (Debian: `sudo apt-get install chromium`) ' +
        'or set CHROMIUM_PATH to a Chromium/Chrome binary.',
    );
  }
  console.log('[setup] installing Debian chromium with apt-get…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  // Fonts so that screenshots show accents and symbols rather than boxes.
  run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-dejavu-core'], { env });
  if (!existsSync(path)) throw new Error('apt-get installed chromium but /usr/bin/chromium is still missing.');
  return path;
}

/** Production build of the extension into .output/chrome-mv3. */
export function build() {
  console.log('[setup] building the extension (wxt build)…');
  run(join(ROOT, 'node_modules', '.bin', 'wxt'), ['build']);
}

export function npx(bin, args, opts = {}) {
  run(join(ROOT, 'node_modules', '.bin', bin), args, opts);
}

export function hasDisplay() {
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

export function gitHead() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  } catch {
    return 'unknown';
  }
}
