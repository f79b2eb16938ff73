/**
 * Google Scholar (scholar.google.com and the country sites, directory.ts): search results, "Cited
 * by" and "All versions" lists, and an author's profile.
 *
 * A result is `div.gs_r[data-cid]` (the class Zotero's translator keys on too), its title
 * `h3.gs_rt`, its byline `div.gs_a` ("AA Salema, FN Ani… - Fuel Processing Technology, 2017 -
 * Elsevier"). The markup has been the same since at least 2018 (tests/fixtures/real). Scholar
 * prints no arXiv id: a result links to the publisher (an id or a DOI is read from that address when
 * it holds one), so most results are matched to the library by title, authors' surnames and year.
 *
 * A profile (`/citations?user=…`) lists the author's works as rows `tr.gsc_a_tr`: the title
 * `a.gsc_a_at` (linking to Scholar's own page of the work), then two `div.gs_gray`, the authors
 * ("M Zeng, Y Shang, …" when cut) and the venue ("arXiv preprint arXiv:2402.17762, 2024" gives the
 * id), and the year `span.gsc_a_h`. "Show more" appends rows to the same table.
 */

import { parseArxivId } from '../identity';
import type { Card, CardPaper, SiteModule } from '../types';
import { SCHOLAR_HOSTS } from './directory';
import { idsOf } from './links';
import { readRows } from './rows';
import { readText, searchLabel, squash } from './text';
import { runAll } from '../page/slices';

const HOSTS = new Set(SCHOLAR_HOSTS);

type Page = { kind: 'search'; query: string | null } | { kind: 'cites' } | { kind: 'versions' } | { kind: 'profile' };

function classify(url: URL): Page | null {
  if (!HOSTS.has(url.hostname)) return null;
  const q = url.searchParams;
  if (url.pathname === '/citations') {
    // A profile's list of works; its other views (one work's details, an author search) list none.
    const view = q.get('view_op');
    return q.has('user') && (view === null || view === 'list_works') ? { kind: 'profile' } : null;
  }
  if (url.pathname !== '/scholar') return null;
  if (q.has('cites')) return { kind: 'cites' };
  if (q.has('cluster')) return { kind: 'versions' };
  return { kind: 'search', query: q.get('q') };
}

/** "[PDF]", "[HTML]", "[BOOK]", "[CITATION][C]": what kind of result it is, not part of its title. */
const isKindMarker = (el: Element) => el.localName === 'span' && /^gs_ct/.test(el.className);

/** A list of names Scholar cut short ("AA Salema, FN Ani…", "M Zeng, Y Shang, ..."): not the paper's authors. */
const CUT = /…|\.\.\.$/;

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
  if (parts.length > 1 && !CUT.test(names)) {
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

/** An arXiv id in a profile row's venue: "arXiv preprint arXiv:2402.17762", or dblp's "CoRR abs/1706.03762". */
function venueIds(venue: string): Pick<CardPaper, 'arxivId' | 'version'> {
  const ref = parseArxivId(venue) ?? parseArxivId(/\bCoRR\b.*?\babs\/([^\s,]+)/.exec(venue)?.[1] ?? '');
  return ref ? { arxivId: ref.id, ...(ref.version !== undefined ? { version: ref.version } : {}) } : {};
}

/** A profile row's paper: title, the authors when all are printed, the venue's arXiv id, the year. */
function profilePaper(row: Element, link: Element, base: string): CardPaper | null {
  const title = readText(link);
  if (!title) return null;
  const [names, venue] = row.querySelectorAll('.gs_gray');
  const paper: CardPaper = { title, ...venueIds(squash(venue?.textContent ?? '')) };
  const list = squash(names?.textContent ?? '');
  if (list && !CUT.test(list)) paper.authors = list.split(/\s*,\s*/).filter((a) => a !== '');
  const year = /^(?:19|20)\d{2}$/.exec(squash(row.querySelector('.gsc_a_h')?.textContent ?? ''))?.[0];
  if (year) paper.year = Number(year);
  // Scholar's page of the work, which links on to the paper: the one address a row gives.
  const href = link.getAttribute('href');
  if (href) {
    try {
      paper.url = new URL(href, base).href;
    } catch {
      // No address is better than a wrong one.
    }
  }
  return paper;
}

function resultPaper(row: Element, heading: Element): CardPaper | null {
  const title = readText(heading, isKindMarker);
  if (!title) return null;
  const link = heading.querySelector('a[href]');
  const href = link?.getAttribute('href') ?? '';
  // The "[PDF] arxiv.org" beside a publisher's title link names the preprint: its arXiv id is the
  // paper's too. Not a DOI there: a preprint server's DOI is not the article's.
  const full = row.querySelector('.gs_or_ggsm a[href]')?.getAttribute('href') ?? '';
  const { arxivId, version } = idsOf(full);
  const preprint = arxivId ? { arxivId, ...(version !== undefined ? { version } : {}) } : {};
  const paper: CardPaper = { title, ...preprint, ...idsOf(href), ...byline(row.querySelector('.gs_a')) };
  // A citation-only result links nowhere; the library keeps no address for it then.
  if (/^https?:\/\//.test(href)) paper.url = href;
  if (/^https?:\/\//.test(full) && full !== href) paper.fullTextUrl = full;
  return paper;
}

function* readSteps(doc: Document, url: URL): Generator<void, Card[], void> {
  const page = classify(url);
  if (!page) return [];
  // A search's results, the papers citing one, a paper's versions, an author's works: all lists
  // the reader asked for.
  const cards =
    page.kind === 'profile'
      ? yield* readRows(doc, { rows: 'tr.gsc_a_tr', title: 'a.gsc_a_at', paperOf: (row, link) => profilePaper(row, link, url.href) })
      : yield* readRows(doc, { rows: 'div.gs_r[data-cid]', title: 'h3.gs_rt', paperOf: resultPaper });
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
    if (page?.kind === 'profile') return 'author profile';
    return searchLabel(page?.kind === 'search' ? page.query : '');
  },
};
