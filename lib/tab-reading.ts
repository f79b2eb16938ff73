/**
 * What the popup shows of a tab that reported no cards: the paper whose full text or page it is.
 * arXiv's and OpenReview's PDFs by their addresses; a paper's page on another site by its citation
 * meta tags (read in the tab, lib/citation-meta.ts), looked up as a card would be, to be saved as it
 * is; a publisher's PDF by the DOI its address names; any page or PDF by the paper whose links
 * include its address. Nothing for a tab the extension may not read.
 */
import { pageMetaOf, paperFromMeta } from './citation-meta';
import type { Library } from './library/index';
import type { CardStatus, TabReading } from './messages';
import { cardInput } from './page/card-input';
import { hostOf, linkReading, readingOf } from './reading';
import { isSupportedPage } from './sites/directory';

export interface TabReadingDeps {
  library: Pick<Library, 'lookup' | 'paperRead'>;
  /** The tab's address (undefined: one the extension may not read). */
  url: string | undefined;
  /** The page's meta tags, as it gave them; rejects where the extension may not run. */
  pageMeta?: () => Promise<unknown>;
  /** How long the page may take to answer (its main thread may be busy, or frozen). */
  metaWaitMs?: number;
}

/** A page that has not answered by then is read by its address alone: the popup must not hang on it. */
const META_WAIT_MS = 1_500;

export async function tabReading({ library, url, pageMeta, metaWaitMs = META_WAIT_MS }: TabReadingDeps): Promise<{ statuses: CardStatus[]; reading?: TabReading }> {
  // A page of the sites the content script reads is its: without a report there, the reader turned
  // the site off (or it shows no papers), and the popup reads nothing of it either.
  if (url !== undefined && isSupportedPage(url)) return { statuses: [] };
  const reading = readingOf(url);
  const elsewhere = reading?.arxivId === undefined && reading?.forum === undefined;
  if (elsewhere && url !== undefined && pageMeta) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, metaWaitMs, undefined)));
    const answer = await Promise.race([pageMeta().catch(() => undefined), late]);
    clearTimeout(timer);
    const meta = pageMetaOf(answer);
    const paper = meta && paperFromMeta(meta, reading?.doi);
    if (meta && paper) {
      const card = cardInput({ paper });
      const statuses = await library.lookup([card]);
      const page: TabReading = { format: meta.pdf ? 'pdf' : 'page', card, paper: statuses[0]?.paper ?? null };
      const host = hostOf(meta.url);
      if (host) page.host = host;
      if (card.doi) page.doi = card.doi;
      return { statuses, reading: page };
    }
  }
  const paper = reading ? await library.paperRead(reading) : null;
  if (reading && (paper || !elsewhere)) return { statuses: [], reading: { ...reading, paper } };
  // Any other page, or a DOI no paper has: the paper whose links include the address.
  const link = linkReading(url);
  const linked = link && (await library.paperRead(link));
  if (link && linked) return { statuses: [], reading: { ...link, ...(reading?.doi ? { doi: reading.doi } : {}), paper: linked } };
  return reading ? { statuses: [], reading: { ...reading, paper: null } } : { statuses: [] };
}
