// What the results say about the machine and the versions a run used.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { cpus, freemem, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from '../scripts/browser.mjs';
import { ROOT, gitHead } from '../scripts/setup.mjs';
import { round } from './log.mjs';

/**
 * What one system call costs here, in ns (the median of 5 rounds of 20,000 one-byte writes to
 * /dev/null). Chromium's figures lean on the kernel (processes talking over IPC, IndexedDB's files)
 * where the Node-only figure does not: on a VM whose every system call exits to the host, the
 * browser's figures came out 2–3× slower than on another of the same CPU model while the Node rate
 * did not move. Recorded so runs can be told apart by it.
 */
function syscallNs() {
  const fd = openSync('/dev/null', 'w');
  const one = Buffer.alloc(1);
  const rounds = [];
  try {
    for (let r = 0; r < 5; r++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < 20_000; i++) writeSync(fd, one);
      rounds.push(Number(process.hrtime.bigint() - t0) / 20_000);
    }
  } finally {
    closeSync(fd);
  }
  return round(rounds.sort((a, b) => a - b)[2], 0);
}

export function machine() {
  const cpu = cpus();
  let chromiumVersion = 'unknown';
  try {
    chromiumVersion = execFileSync(chromiumPath(), ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {}
  let playwright = 'unknown';
  try {
    playwright = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@playwright', 'test', 'package.json'), 'utf8')).version;
  } catch {}
  let dirty = false;
  try {
    dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT }).toString().trim() !== '';
  } catch {}
  return {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGB: round(totalmem() / 2 ** 30, 1),
    freeMemoryGB: round(freemem() / 2 ** 30, 1),
    os: `${platform()} ${release()}`,
    syscallNs: syscallNs(),
    node: process.version,
    chromium: chromiumVersion,
    playwright,
    gitHead: gitHead(),
    gitDirty: dirty,
  };
}
