/** Papers' BibTeX on the clipboard, for the library page, the popup and the badge panel (`papers.cite`). */
import { call } from '../../lib/rpc';

/**
 * Puts the papers' BibTeX on the clipboard; says how many and their citation keys. Throws, with
 * a message for the reader, when the library or the clipboard refuses.
 */
export async function copyBibtex(keys: string[]): Promise<{ count: number; citeKeys: string[] }> {
  const r = await call({ type: 'papers.cite', keys });
  await writeClipboard(r.bibtex);
  return { count: r.count, citeKeys: [...r.bibtex.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]!) };
}

/** One paper's BibTeX on the clipboard, in the words the badge and its panel say it with. */
export async function copyOneBibtex(key: string): Promise<string> {
  const { citeKeys } = await copyBibtex([key]);
  return citeKeys[0] ? `BibTeX copied: \\cite{${citeKeys[0]}}` : 'BibTeX copied';
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
