// `npm run bench`: install what is missing, build, then measure what users feel in Debian Chromium
// with the built extension (bench/run.mjs; bench/README.md explains every figure).
//   node scripts/bench.mjs            full size: 100,000 papers, 1,000,000 sightings → bench/results.json
//   node scripts/bench.mjs --smoke    tiny sizes, one run: checks the bench works (tests/e2e/bench-smoke.spec.ts)
//   --out <file>                      where to write the results JSON
// Not part of `npm test`; nothing here asserts on timing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureChromium, ensureDeps, EXTENSION_DIR, ROOT } from './setup.mjs';

function option(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

try {
  const smoke = process.argv.includes('--smoke');
  ensureDeps();
  const chromium = ensureChromium();
  process.env.CHROMIUM_PATH ??= chromium;
  // `npm test` has just built (DEJALU_BUILT=1) when it runs the smoke test; otherwise build now so
  // the bench measures the current code.
  if (!(process.env.DEJALU_BUILT === '1' && existsSync(join(EXTENSION_DIR, 'manifest.json')))) build();
  // Imported only now: Playwright may have been installed a moment ago.
  const { runBench } = await import('../bench/run.mjs');
  const out = option('--out') ?? join(ROOT, 'bench', smoke ? 'results-smoke.json' : 'results.json');
  await runBench({ mode: smoke ? 'smoke' : 'full', out, markdownOut: option('--markdown') });
} catch (err) {
  console.error(`\n[bench] ${err?.stack ?? err}`);
  process.exit(err?.exitCode ?? 1);
}
