// `npm test`: install what is missing, build, type-check, then unit tests (vitest) and end-to-end tests
// (Playwright).
import { build, ensureChromium, ensureDeps, npx } from './setup.mjs';

try {
  ensureDeps();
  const chromium = ensureChromium();
  build();
  // esbuild strips types without checking them: only tsc holds the code to strict TypeScript.
  console.log('\n[test] type check (tsc)');
  npx('tsc', ['--noEmit', '-p', '.']);
  console.log('\n[test] unit tests (vitest)');
  npx('vitest', ['run']);
  console.log('\n[test] end-to-end tests (Playwright, Debian Chromium)');
  npx('playwright', ['test', ...process.argv.slice(2)], {
    env: { ...process.env, CHROMIUM_PATH: chromium, DEJALU_BUILT: '1' },
  });
} catch (err) {
  console.error(`\n[test] ${err.message}`);
  process.exit(err.exitCode ?? 1);
}
