// What the results say about the machine and the versions a run used.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, freemem, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from '../scripts/browser.mjs';
import { ROOT, gitHead } from '../scripts/setup.mjs';
import { round } from './log.mjs';

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
    node: process.version,
    chromium: chromiumVersion,
    playwright,
    gitHead: gitHead(),
    gitDirty: dirty,
  };
}
