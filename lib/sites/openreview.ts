/**
 * OpenReview (openreview.net): a venue's lists of submissions and accepted papers
 * (`/group?id=ICLR.cc/2026/Conference`, each tab a list), search results (`/search?term=…`) and a
 * paper's forum (`/forum?id=…`).
 *
 * Lists are `ul.submissions-list > li > div.note` (openreview-web's NoteList and Note components):
 * the title `h4 > a[href^="/forum?id="]` (with a PDF link beside it), the authors' links in `div.note-authors` ("Anonymous" while
 * under review), then `ul.note-meta-info` (date, venue). The pages render their lists in the browser
 * after loading, and again when the reader switches tabs: such changes are read as any page change
 * is. A forum's page carries `citation_*` meta tags. OpenReview's ids are its own, so its papers are
 * matched to the library by title (and authors' names, when the venue shows them).
 */

import type { Card, CardPaper, SiteModule } from '../types';
import { runAll } from '../page/slices';
import { readRows } from './rows';
import { metaContent, metaContents, readText, searchLabel, squash } from './text';

const HOSTS = new Set(['openreview.net', 'www.openreview.net']);
const ORIGIN = 'https://openreview.net';

type Page = { kind: 'group'; id: string } | { kind: 'search'; term: string | null } | { kind: 'forum'; id: string };

function classify(url: URL): Page | null {
  if (!HOSTS.has(url.hostname)) return null;
  const q = url.searchParams;
  const id = q.get('id');
  if (url.pathname === '/group' && id) return { kind: 'group', id };
  if (url.pathname === '/forum' && id) return { kind: 'forum', id };
  if (url.pathname === '/search') return { kind: 'search', term: q.get('term') };
  return null;
}

/** "ICLR.cc/2026/Conference" → "ICLR 2026 Conference", as OpenReview's own prettyId shows a group. */
export function venueName(id: string): string {
  return squash(id.replace(/\.cc(?=\/|$)/g, '').replace(/[/_]+/g, ' ')) || id;
}

/** The forum id a note's title links to (`/forum?id=…`, relative or absolute). */
function forumOf(href: string | null): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, ORIGIN);
    return HOSTS.has(url.hostname) && url.pathname === '/forum' ? url.searchParams.get('id') : null;
  } catch {
    return null;
  }
}

/**
 * The names the venue shows: openreview-web's ExpandableList, one `span` of author links (or spans)
 * and commas. None while the submission is anonymous (its signature, "… Submission12 Authors"), nor
 * when the list is cut at twenty ("et al. (3 additional authors not shown)"), as a cut list is not
 * the paper's authors.
 */
function authorsIn(el: Element | null): string[] | undefined {
  const list = el?.querySelector(':scope > span') ?? el;
  if (!list) return undefined;
  if ([...list.querySelectorAll(':scope > a.show-all')].some((a) => /^et al\./i.test(squash(a.textContent ?? '')))) return undefined;
  const names = [...list.children]
    .filter((c) => (c.localName === 'a' || c.localName === 'span') && !c.classList.contains('show-all'))
    .map((c) => squash(c.textContent ?? ''))
    .filter((n) => n !== '' && !/^anonymous\b/i.test(n) && !/\bauthors$/i.test(n) && !/^\(privately revealed/i.test(n));
  return names.length > 0 ? [...new Set(names)] : undefined;
}

/** The year a note's meta line gives ("Published: 22 Jan 2026, Last Modified: …"), the first one. */
function yearIn(el: Element | null): number | undefined {
  const y = /\b((?:19|20)\d{2})\b/.exec(el?.textContent ?? '')?.[1];
  return y ? Number(y) : undefined;
}

/**
 * Where a note says it was accepted: the venue line openreview-web prints (the note's `venue`,
 * else its invitation's name). "ICLR 2026 Oral" and "NeurIPS 2024 Datasets and Benchmarks Track
 * poster" name proceedings (without how the paper is presented there), "Accepted by TMLR" a
 * journal; a submission (under review, withdrawn, rejected: "Submitted to ICLR 2026", "ICLR 2026
 * Conference Withdrawn Submission") and an arXiv record ("CoRR 2024") name none.
 */
export function acceptedVenue(text: string): { journal?: string; proceedings?: string } | undefined {
  const t = squash(text);
  if (!t || NOT_ACCEPTED.test(t)) return undefined;
  const journal = /^accepted by (.+)$/i.exec(t)?.[1];
  if (journal) return { journal: JOURNALS[journal.toUpperCase()] ?? journal };
  if (!/\b(?:19|20)\d{2}\b/.test(t)) return undefined;
  const name = t.replace(PRESENTED, '').replace(/\s+conference$/i, '');
  return name ? { proceedings: name } : undefined;
}
const NOT_ACCEPTED = /\b(?:submitted|submissions?|withdrawn|withdraw|rejected|reject|under review|desk|retracted|pending|corr|arxiv)\b/i;
/** How an accepted paper is presented: no part of the venue's name. */
const PRESENTED = /\s+(?:(?:oral|poster|spotlight|highlight)(?:\s+presentation)?|notable[- ]top[- ]?\d+%?|(?:contributed|invited) talk)$/i;
/** OpenReview's journals by the short name its venue lines give. */
const JOURNALS: Record<string, string> = { TMLR: 'Transactions on Machine Learning Research' };

/** A note's paper: the heading holds the title's link and its PDF link (the badge goes after both). */
function notePaper(note: Element, heading: Element): CardPaper | null {
  const link = heading.querySelector('a[href*="forum?id="]');
  const forum = forumOf(link?.getAttribute('href') ?? null);
  if (!link || !forum) return null;
  const title = readText(link);
  if (!title) return null;
  const paper: CardPaper = { title, url: `${ORIGIN}/forum?id=${encodeURIComponent(forum)}` };
  const authors = authorsIn(note.querySelector(':scope > .note-authors'));
  if (authors) paper.authors = authors;
  const meta = note.querySelector(':scope > .note-meta-info');
  const year = yearIn(meta);
  if (year) paper.year = year;
  // The line after the date is the venue (openreview-web's Note).
  Object.assign(paper, acceptedVenue(meta?.children[1]?.textContent ?? ''));
  return paper;
}

/** A forum's paper: its `citation_*` meta, and the title heading the page shows for the badge. */
function readForum(doc: Document, id: string): Card[] {
  const heading = doc.querySelector('.forum-title h2, h2.citation_title');
  const title = metaContent(doc, 'citation_title') ?? (heading ? readText(heading) : '');
  if (!title || !heading) return [];
  const paper: CardPaper = { title, url: `${ORIGIN}/forum?id=${encodeURIComponent(id)}` };
  const authors = metaContents(doc, 'citation_author');
  if (authors.length > 0) paper.authors = authors;
  const date = /^(\d{4})[/-](\d{2})[/-](\d{2})/.exec(metaContent(doc, 'citation_publication_date') ?? metaContent(doc, 'citation_online_date') ?? '');
  if (date) {
    paper.year = Number(date[1]);
    paper.publishedAt = `${date[1]}-${date[2]}-${date[3]}`;
  }
  const abstract = metaContent(doc, 'citation_abstract');
  if (abstract) paper.abstract = abstract;
  // Not citation_conference_title: openreview-web fills it for a submission under review too.
  const venue = doc.querySelector('.forum-meta .glyphicon-folder-open')?.parentElement;
  Object.assign(paper, acceptedVenue(venue?.textContent ?? ''));
  const element = heading.closest('.forum-container') ?? heading.closest('.forum-title')?.parentElement ?? heading;
  return [{ element, anchors: [heading], paper, asked: 'paper' }];
}

function* readSteps(doc: Document, url: URL): Generator<void, Card[], void> {
  const page = classify(url);
  if (!page) return [];
  if (page.kind === 'forum') return readForum(doc, page.id);
  // A paper is one card however many of the page's tabs list it (one tab shows at a time).
  const cards = yield* readRows(doc, { rows: 'div.note', title: ':scope > h4', paperOf: notePaper, oncePer: (p) => p.url });
  // A search's results are what the reader asked for; a venue's lists are a digest to skim.
  if (page.kind === 'search') for (const card of cards) card.asked = 'search';
  return cards;
}

export const openreview: SiteModule = {
  id: 'openreview',
  name: 'OpenReview',
  handles: (url) => classify(url) !== null,
  readCards: (doc, url) => runAll(readSteps(doc, url)),
  readSteps,
  pageLabel(url) {
    const page = classify(url);
    if (page?.kind === 'group') return venueName(page.id);
    if (page?.kind === 'search') return searchLabel(page.term);
    return 'paper';
  },
};
