/**
 * The paper a tab shows where no content script runs: arXiv's full text, as a PDF
 * (`arxiv.org/pdf/<id>`) or as HTML (`arxiv.org/html/<id>`), which readers open from a digest, or
 * a paper's PDF on OpenReview (`openreview.net/pdf?id=<forum id>`), opened from its forum. The
 * popup shows that paper as the library has it, to tag or annotate while reading.
 */
import { parseArxivId } from './identity';
import type { ChangeEvent, PaperView } from './messages';

export interface Reading {
  format: 'pdf' | 'html';
  /** An arXiv paper's id (and the version the address names). */
  arxivId?: string;
  version?: number;
  /** An OpenReview paper's forum address, as the library keeps it among the paper's links. */
  forum?: string;
}

export function readingOf(url: string | undefined): Reading | null {
  let u: URL;
  try {
    u = new URL(url ?? '');
  } catch {
    return null;
  }
  if (u.protocol !== 'https:') return null;
  // The hosts the extension may read a tab's address on (its host permissions), of those only two.
  if (u.hostname === 'openreview.net') {
    const id = u.pathname === '/pdf' ? u.searchParams.get('id') : null;
    return id && /^[\w-]{1,64}$/.test(id) ? { format: 'pdf', forum: `https://openreview.net/forum?id=${id}` } : null;
  }
  if (u.hostname !== 'arxiv.org') return null;
  const format = u.pathname.split('/')[1];
  if (format !== 'pdf' && format !== 'html') return null;
  const ref = parseArxivId(`${u.origin}${u.pathname.replace(/\.pdf$/i, '')}`);
  if (!ref) return null;
  return ref.version ? { format, arxivId: ref.id, version: ref.version } : { format, arxivId: ref.id };
}

/**
 * What the toolbar icon says on a tab showing a paper's full text: ★ when it is saved, how many
 * times it was met when it was (the extension's promise, on a PDF opened from anywhere), nothing
 * for a paper the library does not hold.
 */
export function readingBadge(paper: Pick<PaperView, 'savedAt' | 'seenCount'> | null): { text: string; color: string } {
  if (paper?.savedAt !== undefined) return { text: '★', color: '#b45309' };
  if (paper && paper.seenCount > 0) return { text: `${Math.min(paper.seenCount, 999)}×`, color: '#4f46e5' };
  return { text: '', color: '#4f46e5' };
}

/**
 * Whether a change may alter what a full-text tab's icon says of its paper (`key`; null: none in
 * the library): one naming that paper, moving it, or the whole library; for a tab whose paper the
 * library did not hold, any paper stored or changed (it may be that one, saved from its abstract).
 */
export function readingConcerned(key: string | null, change: Pick<ChangeEvent, 'keys' | 'all' | 'moved' | 'rematch'>): boolean {
  if (change.all) return true;
  if (key === null) return change.keys.length > 0;
  return change.keys.includes(key) || (change.moved !== undefined && key in change.moved) || (change.rematch?.includes(key) ?? false);
}
