// `npm start`: install what is missing, build the extension, run the demo.
// Node built-ins only until the dependencies are installed.
import { build, ensureChromium, ensureDeps } from './setup.mjs';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  const { usage } = await import('./demo-usage.mjs');
  console.log(usage);
  process.exit(0);
}

try {
  ensureDeps();
  const chromium = ensureChromium();
  process.env.CHROMIUM_PATH = chromium;
  build();
} catch (err) {
  console.error(`\n[start] ${err.message}`);
  process.exit(err.exitCode ?? 1);
}
// Loaded only now: it needs @playwright/test from node_modules.
const { runDemo } = await import('./demo.mjs');
process.exitCode = await runDemo(args);
