/**
 * The paper a tab shows where no content script runs: arXiv's full text, as a PDF
 * (`arxiv.org/pdf/<id>`) or as HTML (`arxiv.org/html/<id>`), which readers open from a digest, or
 * a paper's PDF on OpenReview (`openreview.net/pdf?id=<forum id>`), opened from its forum. The
 * popup shows that paper as the library has it, to tag or annotate while reading. On any other
 * site the popup may read the tab's address (the reader's click on the toolbar icon grants it):
 * an arXiv paper on ar5iv, alphaXiv or arXiv's mirror, a publisher's page or PDF whose address
 * names a DOI (`dl.acm.org/doi/pdf/10.1145/…`).
 */
import { parseArxivId, safeDecode } from './identity';
import { doiInAddress, isPdfAddress } from './sites/links';
import type { ChangeEvent, PaperView } from './messages';

export interface Reading {
  /** 'page': a paper's own page on another site, as its citation meta tags describe it (lib/citation-meta.ts). */
  format: 'pdf' | 'html' | 'page';
  /** An arXiv paper's id (and the version the address names). */
  arxivId?: string;
  version?: number;
  /** An OpenReview paper's forum address, as the library keeps it among the paper's links. */
  forum?: string;
  /** A paper elsewhere: the DOI its address names, and the site, as the popup names the tab ("dl.acm.org"). */
  doi?: string;
  host?: string;
  /** The tab's address, one of a paper's links (a PDF a Google Scholar result or dblp linked to). */
  url?: string;
}

export function readingOf(url: string | undefined): Reading | null {
  let u: URL;
  try {
    u = new URL(url ?? '');
  } catch {
    return null;
  }
  if (u.protocol === 'file:') return downloadedArxiv(u);
  if (u.protocol !== 'https:') return null;
  if (u.hostname === 'openreview.net') {
    const id = u.pathname === '/pdf' ? u.searchParams.get('id') : null;
    return id && /^[\w-]{1,64}$/.test(id) ? { format: 'pdf', forum: `https://openreview.net/forum?id=${id}` } : null;
  }
  const address = `${u.origin}${u.pathname.replace(/\.pdf$/i, '')}`;
  if (u.hostname === 'arxiv.org') {
    const format = u.pathname.split('/')[1];
    return format === 'pdf' || format === 'html' ? arxivReading(address, format) : null;
  }
  // arXiv's mirror and the sites readers read its papers on: ar5iv's HTML, alphaXiv's pages.
  if (ARXIV_READERS.test(u.hostname)) {
    return arxivReading(address, u.hostname.includes('ar5iv') ? 'html' : isPdfAddress(u.href) ? 'pdf' : 'page', hostOf(u.href));
  }
  const doi = doiInAddress(u);
  if (!doi) return null;
  return { format: isPdfAddress(u.href) ? 'pdf' : 'page', doi, host: hostOf(u.href)! };
}

/**
 * A PDF saved from arXiv and opened from the disk: arXiv names its files by the paper's id and
 * version (`2508.27978v2.pdf`, a browser's " (1)" after it), which is all the address says.
 */
function downloadedArxiv(u: URL): Reading | null {
  const file = safeDecode(u.pathname.split('/').pop() ?? '');
  const m = /^(\d{4}\.\d{4,5}(?:v\d+)?)(?: \(\d+\))?\.pdf$/i.exec(file);
  return m ? arxivReading(m[1]!, 'pdf') : null;
}

/** The arXiv paper `text` names (an address, a bare id), read in that format, on that site. */
function arxivReading(text: string, format: Reading['format'], host?: string): Reading | null {
  const ref = parseArxivId(text);
  if (!ref) return null;
  return { format, arxivId: ref.id, ...(ref.version ? { version: ref.version } : {}), ...(host ? { host } : {}) };
}

const ARXIV_READERS = /^(ar5iv\.labs\.arxiv\.org|(www\.)?ar5iv\.org|export\.arxiv\.org|(www\.)?alphaxiv\.org)$/;

/**
 * A tab on any other https page, asked of the library by its address: a paper whose links include
 * it (a Scholar result's PDF, a dblp entry's electronic edition) is the one it shows.
 */
export function linkReading(url: string | undefined): Reading | null {
  const plain = url?.split('#')[0];
  const host = plain && /^https:\/\//i.test(plain) ? hostOf(plain) : undefined;
  if (!plain || !host) return null;
  return { format: isPdfAddress(plain) ? 'pdf' : 'page', url: plain, host };
}

/** "dl.acm.org": the site a tab shows, as the popup names it. */
export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
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
