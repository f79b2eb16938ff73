/**
 * Google Scholar (scholar.google.com/scholar and the country sites, directory.ts): search results,
 * "Cited by" and "All versions" lists.
 *
 * A result is `div.gs_r[data-cid]` (the class Zotero's translator keys on too), its title
 * `h3.gs_rt`, its byline `div.gs_a` ("AA Salema, FN Ani… - Fuel Processing Technology, 2017 -
 * Elsevier"). The markup has been the same since at least 2018 (tests/fixtures/real). Scholar
 * prints no arXiv id: a result links to the publisher (an id or a DOI is read from that address when
 * it holds one), so most results are matched to the library by title, authors' surnames and year.
 */

import { normalizeDoi, parseArxivId, safeDecode } from '../identity';
import type { Card, CardPaper, SiteModule } from '../types';
import { SCHOLAR_HOSTS } from './directory';
import { readText, searchLabel, squash } from './text';
import { runAll } from '../page/slices';

const HOSTS = new Set(SCHOLAR_HOSTS);

type Page = { kind: 'search'; query: string | null } | { kind: 'cites' } | { kind: 'versions' };

function classify(url: URL): Page | null {
  if (!HOSTS.has(url.hostname) || url.pathname !== '/scholar') return null;
  const q = url.searchParams;
  if (q.has('cites')) return { kind: 'cites' };
  if (q.has('cluster')) return { kind: 'versions' };
  return { kind: 'search', query: q.get('q') };
}

/** "[PDF]", "[HTML]", "[BOOK]", "[CITATION][C]": what kind of result it is, not part of its title. */
const isKindMarker = (el: Element) => el.localName === 'span' && /^gs_ct/.test(el.className);

/** Publisher addresses that carry the DOI in their path: `/doi/10.…`, `/doi/abs/10.…`, Springer's `/article/10.…`. */
const DOI_IN_PATH = /\/(?:doi(?:\/(?:abs|full|pdf|epdf|book))?|article|chapter|book)\/(10\.\d{4,9}\/[^?#]+)/i;

function idsOf(href: string): Pick<CardPaper, 'arxivId' | 'version' | 'doi'> {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return {};
  }
  if (/(^|\.)arxiv\.org$/.test(url.hostname)) {
    const ref = parseArxivId(url.href);
    return ref ? { arxivId: ref.id, ...(ref.version !== undefined ? { version: ref.version } : {}) } : {};
  }
  const inPath = DOI_IN_PATH.exec(url.pathname);
  const doi = normalizeDoi(/(^|\.)doi\.org$/.test(url.hostname) ? url.href : inPath ? safeDecode(inPath[1]!) : '');
  return doi ? { doi } : {};
}

/**
 * The byline's authors, when Scholar printed them all (a list cut with "…" would be stored as the
 * whole, as arXiv search's "et al." would), and the year. Names come as Scholar abbreviates them
 * ("AA Salema"): enough for the dedup rules, which compare surnames.
 */
function byline(el: Element | null): Pick<CardPaper, 'authors' | 'year'> {
  if (!el) return {};
  const parts = squash(el.textContent ?? '').split(/\s+-\s+/);
  const out: Pick<CardPaper, 'authors' | 'year'> = {};
  const names = parts[0] ?? '';
  if (parts.length > 1 && !/…|\.\.\.$/.test(names)) {
    const authors = names.split(/\s*,\s*/).filter((a) => a !== '');
    if (authors.length > 0) out.authors = authors;
  }
  // "Journal, 2017 - Elsevier", "2017 - arxiv.org", or a citation's bare "- 2016".
  for (const part of parts.slice(1)) {
    const year = /(?:^|[\s,])((?:19|20)\d{2})$/.exec(part)?.[1];
    if (year) out.year = Number(year);
  }
  return out;
}

/** Each result's card as last read, and its title's text then (its title element is the card's anchor). */
const readBefore = new WeakMap<Element, { card: Card; text: string }>();

function* readResults(doc: Document): Generator<void, Card[], void> {
  const cards: Card[] = [];
  for (const element of doc.querySelectorAll('div.gs_r[data-cid]')) {
    const heading = element.querySelector('h3.gs_rt');
    if (!heading) continue;
    // Scholar's own scripts touch results (the star, the Cite popup): a result whose title is the
    // same element with the same text is the card read before.
    const had = readBefore.get(element);
    if (had && had.card.anchors[0] === heading && heading.isConnected && had.text === heading.textContent) {
      cards.push(had.card);
      continue;
    }
    const title = readText(heading, isKindMarker);
    if (!title) continue;
    const link = heading.querySelector('a[href]');
    const href = link?.getAttribute('href') ?? '';
    const paper: CardPaper = { title, ...idsOf(href), ...byline(element.querySelector('.gs_a')) };
    // A citation-only result links nowhere; the library keeps no address for it then.
    if (/^https?:\/\//.test(href)) paper.url = href;
    const card: Card = { element, anchors: [heading], paper };
    readBefore.set(element, { card, text: heading.textContent ?? '' });
    cards.push(card);
    yield;
  }
  return cards;
}

function* readSteps(doc: Document, url: URL): Generator<void, Card[], void> {
  if (!classify(url)) return [];
  // A search's results, the papers citing one, a paper's versions: all lists the reader asked for.
  const cards = yield* readResults(doc);
  for (const card of cards) card.asked = 'search';
  return cards;
}

export const scholar: SiteModule = {
  id: 'scholar',
  name: 'Google Scholar',
  handles: (url) => classify(url) !== null,
  readCards: (doc, url) => runAll(readSteps(doc, url)),
  readSteps,
  pageLabel(url) {
    const page = classify(url);
    if (page?.kind === 'cites') return 'cited by';
    if (page?.kind === 'versions') return 'versions';
    return searchLabel(page?.kind === 'search' ? page.query : '');
  },
};
