/** Papers' BibTeX on the clipboard, for the library page and the popup (`papers.cite`). */
import { call } from '../../lib/rpc';

/**
 * Puts the papers' BibTeX on the clipboard; says how many and their citation keys. Throws, with
 * a message for the reader, when the library or the clipboard refuses.
 */
export async function copyBibtex(keys: string[]): Promise<{ count: number; citeKeys: string[] }> {
  const r = await call({ type: 'papers.cite', keys });
  await navigator.clipboard.writeText(r.bibtex);
  return { count: r.count, citeKeys: [...r.bibtex.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]!) };
}
