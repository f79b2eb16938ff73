import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * `npm run bench` at tiny sizes (1,000 papers, a 100-card page, one run): the benchmark completes
 * and writes well-formed results. Timings are never asserted here — this machine is shared and the
 * figures only mean something at full size (bench/README.md).
 */
test('bench --smoke completes and writes valid results', async () => {
  test.setTimeout(300_000);
  const out = join(mkdtempSync(join(tmpdir(), 'dejalu-bench-smoke-')), 'results.json');
  const run = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ['scripts/bench.mjs', '--smoke', '--out', out],
      { env: { ...process.env }, maxBuffer: 64 << 20, timeout: 280_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, output: `${stdout}\n${stderr}` }),
    );
    child.stdin?.end();
  });
  expect(run.code, run.output.slice(-4_000)).toBe(0);

  const results = JSON.parse(readFileSync(out, 'utf8'));
  // Read: the directory goes (one was left in /tmp per run of the suite).
  rmSync(dirname(out), { recursive: true, force: true });
  expect(results).toMatchObject({ bench: 'dejalu', version: 1, mode: 'smoke' });
  for (const key of ['cpuModel', 'cores', 'memoryGB', 'node', 'chromium', 'playwright', 'gitHead']) {
    expect(results.machine[key], key).toBeDefined();
  }
  expect(results.setup.papers).toBe(1_000);
  expect(results.setup.smallPage.cards).toBe(100);

  const ids = results.figures.map((f: { id: string }) => f.id);
  expect(ids).toEqual(
    expect.arrayContaining([
      'nav-badges-100',
      'content-main-thread-100',
      'content-main-thread-100-cpu',
      'big-page-longest-task',
      'key-tags-first',
      'key-tags-again',
      'near-title-node-speedup',
      'near-title-node-rate',
      'near-title-chromium-speedup',
      'near-title-chromium-rate',
      'search-p95',
      'popup-first-screen',
      'import-backup',
      'import-floor',
      'import-floor-ratio',
      'import-floor-histories-packed',
      'import-floor-packed',
      'export-bibtex',
      'content-bundle-gzip',
      'big-page-heap',
    ]),
  );
  for (const f of results.figures) {
    // Every figure was measured: a finite number, its runs and samples, a verdict when it has a goal.
    expect(Number.isFinite(f.value), `${f.id} value`).toBe(true);
    expect(f.runs, `${f.id} runs`).toBeGreaterThanOrEqual(1);
    expect(f.samples.length, `${f.id} samples`).toBeGreaterThanOrEqual(1);
    if (f.goal) expect(typeof f.pass, `${f.id} pass`).toBe('boolean');
    else expect(f.pass, `${f.id} pass`).toBeNull();
  }
  // The generated page was read as intended: every card badged, statuses as the library has them.
  const nav = results.figures.find((f: { id: string }) => f.id === 'nav-badges-100');
  const { expected, shown } = nav.extra.statusCheck;
  expect(shown).toEqual({ new: expected.new, seen: expected.seen, saved: expected.saved });
});
