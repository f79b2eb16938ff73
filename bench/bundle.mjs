// The extension's own pure modules (identity, dedup, words, grouping a backup's sightings by paper;
// and how extension pages hand large files to the background, lib/transfer-files), bundled from
// lib/*.ts with the esbuild that vite already brings, so the benchmark computes keys and similarity
// with exactly the product's code: in Node (generators, the in-memory DedupIndex figure) and in an
// extension page (the linear scan baseline in Chromium, the rows of the import's floor).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../scripts/setup.mjs';

const ENTRY = `
export { titleKey, paperKey, parseArxivId } from './lib/identity';
export { candidateKeys, titleKeys, samePaper, explainMatch, DedupIndex } from './lib/dedup';
export { paperWords } from './lib/words';
export { sightingsByPaper } from './lib/library/history';
export { INLINE_CHARS } from './lib/messages';
export { cacheFiles, newFileId } from './lib/transfer-files';
`;

async function bundle(format) {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts', sourcefile: 'bench-entry.ts' },
    bundle: true,
    format,
    globalName: format === 'iife' ? '__dejaluBench' : undefined,
    platform: format === 'esm' ? 'node' : 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  return out.outputFiles[0].text;
}

let loaded;
/** The product's identity/dedup/words functions, for Node. */
export async function loadLib() {
  if (!loaded) {
    const dir = mkdtempSync(join(tmpdir(), 'dejalu-bench-lib-'));
    const file = join(dir, 'lib.mjs');
    writeFileSync(file, await bundle('esm'));
    try {
      loaded = await import(pathToFileURL(file).href);
    } finally {
      // Imported, the module needs its file no more: left behind, one directory stayed per run.
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return loaded;
}

/** The same functions as a script that defines `globalThis.__dejaluBench` (for page.evaluate). */
export async function libScript() {
  return `${await bundle('iife')}\nglobalThis.__dejaluBench = __dejaluBench;`;
}
