/**
 * The paper a tab shows where no content script runs: arXiv's full text, as a PDF
 * (`arxiv.org/pdf/<id>`) or as HTML (`arxiv.org/html/<id>`), which readers open from a digest.
 * The popup shows that paper as the library has it, to tag or annotate while reading.
 */
import { parseArxivId } from './identity';

export interface Reading {
  arxivId: string;
  version?: number;
  format: 'pdf' | 'html';
}

export function readingOf(url: string | undefined): Reading | null {
  let u: URL;
  try {
    u = new URL(url ?? '');
  } catch {
    return null;
  }
  // The host the extension may read a tab's address on (its host permission), nothing else.
  if (u.protocol !== 'https:' || u.hostname !== 'arxiv.org') return null;
  const format = u.pathname.split('/')[1];
  if (format !== 'pdf' && format !== 'html') return null;
  const ref = parseArxivId(`${u.origin}${u.pathname.replace(/\.pdf$/i, '')}`);
  if (!ref) return null;
  return ref.version ? { arxivId: ref.id, version: ref.version, format } : { arxivId: ref.id, format };
}
