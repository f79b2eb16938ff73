/** Papers' BibTeX on the clipboard, for the library page, the popup, the badge and its panel. */
import type { Target } from '../../lib/messages';
import { call } from '../../lib/rpc';

/**
 * Puts the papers' BibTeX on the clipboard; says how many and their citation keys. Throws, with
 * a message for the reader, when the library or the clipboard refuses.
 */
export async function copyBibtex(keys: string[]): Promise<{ count: number; citeKeys: string[] }> {
  const r = await call({ type: 'papers.cite', keys });
  await writeClipboard(r.bibtex);
  return { count: r.count, citeKeys: citeKeysOf(r.bibtex) };
}

/**
 * One paper's BibTeX on the clipboard, by its key or by a page's card (stored or not: `paper.cite`),
 * in the words the badge and its panel say it with.
 */
export async function copyOneBibtex(target: Target): Promise<string> {
  const r = await call({ type: 'paper.cite', target });
  await writeClipboard(r.bibtex);
  const [citeKey] = citeKeysOf(r.bibtex);
  return citeKey ? `BibTeX copied: \\cite{${citeKey}}` : 'BibTeX copied';
}

function citeKeysOf(bibtex: string): string[] {
  return [...bibtex.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]!);
}

/**
 * The Clipboard API, or else the copy command. The badge panel is an extension page framed by the
 * reader's page, and Chromium refuses the Clipboard API there by the page's permissions policy
 * (an `allow="clipboard-write"` on the frame does not lift it for an extension page); the copy
 * command, run while the click that asked for it still counts as the reader's, is not refused.
 */
export async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch (err) {
    if (!copyByCommand(text, document)) throw err;
  }
}

function copyByCommand(text: string, doc: Document): boolean {
  const was = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  // Off screen, not hidden: a hidden field cannot be selected.
  area.style.cssText = 'position:fixed;top:0;left:-9999px;opacity:0';
  doc.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = doc.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  was?.focus({ preventScroll: true });
  return ok;
}
