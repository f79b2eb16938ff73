/**
 * dblp (dblp.org and its mirrors dblp.uni-trier.de, dblp.dagstuhl.de), the computer-science
 * bibliography: a person's publications (`/pid/…`), a venue's table of contents (`/db/conf/…`,
 * `/db/journals/…`) and search results (`/search?q=…`).
 *
 * Every list is `ul.publ-list > li.entry`, the entry's class its kind (`inproceedings`, `article`,
 * `informal` for a CoRR preprint, `editor` for a volume itself). Its `cite.data` holds the authors
 * (`span[itemprop=author] [itemprop=name]`; on a person's page that person is
 * `span.this-person`), the title (`span.title`, with a final period dblp adds), where it appeared
 * (`[itemprop=isPartOf] [itemprop=name]`: "ICLR", "J. Mach. Learn. Res.", "CoRR" with the volume
 * "abs/2402.17762" for an arXiv preprint) and its year (`[itemprop=datePublished]`). Its electronic
 * editions are the links of `nav.publ` (`li.ee a`: "electronic edition via DOI", "… @ arxiv.org",
 * "… @ openreview.net"). Markup as scrapers of dblp describe it (tests/fixtures/dblp).
 */

import { parseArxivId } from '../identity';
import type { Card, CardPaper, SiteModule } from '../types';
import { runAll } from '../page/slices';
import { DBLP_HOSTS } from './directory';
import { idsOf } from './links';
import { readRows } from './rows';
import { searchLabel, squash } from './text';

const HOSTS = new Set(DBLP_HOSTS);

type Page = { kind: 'person' } | { kind: 'toc' } | { kind: 'search'; query: string | null };

function classify(url: URL): Page | null {
  if (!HOSTS.has(url.hostname)) return null;
  const path = url.pathname;
  if (/^\/pid\/.+\.html$/.test(path)) return { kind: 'person' };
  if (/^\/db\/(?:conf|journals)\/[^/]+\/[^/]+\.html$/.test(path)) return { kind: 'toc' };
  if (path === '/search' || path === '/search/publ') return { kind: 'search', query: url.searchParams.get('q') };
  return null;
}

/** Preprint servers dblp lists as journals: where a paper was posted, not published. */
const PREPRINTS = /^(?:corr|arxiv|biorxiv|medrxiv|chemrxiv|techrxiv|ssrn|iacr cryptol\. eprint arch\.)$/i;

/** The kinds of entry that are papers: not a volume's own entry, a book series, data or software. */
const ENTRIES = 'li.entry.inproceedings, li.entry.article, li.entry.informal, li.entry.incollection';

/** dblp's names carry a homonym number ("Wei Liu 0001"): not part of the name. */
const nameOf = (el: Element) => squash(el.textContent ?? '').replace(/\s+\d{4}$/, '');

/** The title without the period dblp ends every title with (a title's own "?" or "!" stays). */
function titleOf(el: Element): string {
  return squash(el.textContent ?? '').replace(/(?<!\.)\.$/, '');
}

/** Where the entry appeared, as a card says it: proceedings "ICLR 2024", a journal; none for a preprint. */
function venueOf(entry: Element, name: string, year: number | undefined): Pick<CardPaper, 'journal' | 'proceedings'> {
  if (!name || PREPRINTS.test(name)) return {};
  if (entry.classList.contains('inproceedings')) return { proceedings: year ? `${name} ${year}` : name };
  if (entry.classList.contains('article')) return { journal: name };
  return {};
}

function entryPaper(entry: Element, title: Element): CardPaper | null {
  const text = titleOf(title);
  if (!text) return null;
  const cite = title.closest('cite') ?? entry;
  const paper: CardPaper = { title: text };
  const authors = [...cite.querySelectorAll('[itemprop=author] [itemprop=name]')].map(nameOf).filter((n) => n !== '');
  if (authors.length > 0) paper.authors = authors;
  const year = Number(cite.querySelector('[itemprop=datePublished]')?.textContent?.trim());
  if (Number.isInteger(year) && year > 1000) paper.year = year;
  const venue = squash(cite.querySelector('[itemprop=isPartOf] [itemprop=name]')?.textContent ?? '');
  Object.assign(paper, venueOf(entry, venue, paper.year));

  // A CoRR entry's volume is its arXiv id; other entries may link their arXiv version.
  const volume = squash(cite.querySelector('[itemprop=volumeNumber]')?.textContent ?? '');
  // The electronic editions only: the entry's other menus link Google Scholar, dblp's exports and the like.
  const links = [...entry.querySelectorAll('nav.publ li.ee a[href]')]
    .filter((a) => /^electronic edition/i.test(squash(a.textContent ?? '')))
    .map((a) => a.getAttribute('href') ?? '')
    .filter((h) => /^https?:\/\//.test(h));
  const ids = links.map(idsOf);
  const fromVolume = /^corr$/i.test(venue) && /^abs\//.test(volume) ? parseArxivId(volume.slice(4))?.id : undefined;
  const arxivId = fromVolume ?? ids.find((i) => i.arxivId)?.arxivId;
  if (arxivId) paper.arxivId = arxivId;
  const doi = ids.find((i) => i.doi && !i.doi.startsWith('10.48550/'))?.doi;
  if (doi) paper.doi = doi;
  // Its own page: the first electronic edition that is not arXiv's (dblp lists the DOI first; a CoRR
  // entry's is arXiv's DOI), else dblp's record.
  const page = links.find((h) => !/\/\/arxiv\.org\/|\/10\.48550\//i.test(h));
  const key = entry.id;
  if (page) paper.url = page;
  else if (!arxivId && key) paper.url = `https://dblp.org/rec/${key}`;
  return paper;
}

function* readSteps(doc: Document, url: URL): Generator<void, Card[], void> {
  const page = classify(url);
  if (!page) return [];
  const cards = yield* readRows(doc, { rows: ENTRIES, title: 'cite span.title', paperOf: entryPaper });
  // A person's list and a search are what the reader looked up; a venue's contents are skimmed.
  if (page.kind !== 'toc') for (const card of cards) card.asked = 'search';
  return cards;
}

export const dblp: SiteModule = {
  id: 'dblp',
  name: 'dblp',
  handles: (url) => classify(url) !== null,
  readCards: (doc, url) => runAll(readSteps(doc, url)),
  readSteps,
  pageLabel(url, doc) {
    const page = classify(url);
    if (page?.kind === 'search') return searchLabel(page.query);
    // A person's name, a volume's title ("12th ICLR 2024: Vienna, Austria"), as the page heads itself.
    const heading = squash(doc?.querySelector('#headline h1, header h1, h1')?.textContent ?? '').slice(0, 120);
    return heading || (page?.kind === 'person' ? 'person page' : 'table of contents');
  },
};
