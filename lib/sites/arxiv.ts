/**
 * arXiv (arxiv.org): category listings (/list/<cat>/new|recent|pastweek|YYYY-MM) in today's layout
 * and the legacy one, a past day's listing (/catchup/<cat>/<YYYY-MM-DD>), an author's papers
 * (/a/<author id>), abstract pages (/abs/<id>) and search results (/search).
 *
 * arXiv pages are server-rendered and stable, but MathJax rewrites `.mathjax` nodes after load, so
 * titles come from `citation_*` meta where the page has them and otherwise from text read with
 * rendered math skipped (see `readText`).
 */

import { normalizeDoi, parseArxivClass, parseArxivId, safeDecode } from '../identity';
import type { Card, CardPaper, SiteModule } from '../types';
import { citationName, findDate, metaContent, metaContents, readText, searchLabel, squash } from './text';
import { runAll } from '../page/slices';
import { commentsVenue, journalRefVenue } from './arxiv-venue';

const HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org']);
const ORIGIN = 'https://arxiv.org';

type Page =
  /** `day`: the announcement day a catchup page (/catchup/<cat>/<YYYY-MM-DD>) is for. */
  | { kind: 'list'; category: string; period: string; day?: string }
  | { kind: 'abs'; id?: string; version?: number }
  | { kind: 'search' }
  /** An author's papers (/a/<author id>), in the listings' markup. */
  | { kind: 'author' };

function classify(url: URL): Page | null {
  if (!HOSTS.has(url.hostname)) return null;
  const segs = url.pathname.split('/').filter((s) => s !== '');
  const [kind, category, period] = segs;
  if (kind === 'list' && category) return { kind: 'list', category, period: period ?? '' };
  // "Catchup": a past day's new listing, in the same markup, its day in the address.
  if (kind === 'catchup' && category && period && /^\d{4}-\d{2}-\d{2}$/.test(period)) {
    return { kind: 'list', category, period: 'catchup', day: period };
  }
  if (kind === 'abs' && segs.length > 1) {
    // Old-style ids span two segments (`hep-th/9901001`): never split an abs path on `/`.
    const ref = parseArxivId(safeDecode(segs.slice(1).join('/')));
    return ref ? { kind: 'abs', ...ref } : { kind: 'abs' };
  }
  if (kind === 'search') return { kind: 'search' };
  // Not its Atom and JSON feeds (`.atom`, `.atom2`, `.json`): only the page (`.html` or bare).
  if (kind === 'a' && category && segs.length === 2 && !/\.(?:atom2?|json)$/i.test(category)) return { kind: 'author' };
  return null;
}

/** The id an `/abs/<id>` link (relative or absolute, with or without version) points to. */
function absLinkRef(a: Element): { id: string; version?: number } | null {
  const m = /\/abs\/([^?#]+)/.exec(a.getAttribute('href') ?? '');
  return m?.[1] ? parseArxivId(safeDecode(m[1])) : null;
}

const isDescriptor = (el: Element) => el.classList.contains('descriptor');

/**
 * arXiv prints every address in an abstract as a link reading "this https URL": the stored abstract
 * keeps the address itself, which is what its author wrote (and what search and exports want).
 */
function linkAddress(el: Element): string | undefined {
  if (el.localName !== 'a' || !/^\s*this https? URL\s*$/i.test(el.textContent ?? '')) return undefined;
  const href = el.getAttribute('href') ?? '';
  return /^https?:\/\/\S+$/i.test(href) ? href : undefined;
}

/**
 * The text after a descriptor ("Title:", "Abstract:"), arXiv's link placeholders read as their
 * addresses. Descriptors are spans in every layout we know; the regex catches drift.
 */
function labelled(el: Element, label: RegExp): string {
  return readText(el, (e) => linkAddress(e) ?? isDescriptor(e)).replace(label, '');
}

/** Author links, minus "et al."/collapse toggles (`javascript:` links). */
function authorNames(container: Element | null): string[] | undefined {
  if (!container) return undefined;
  const names: string[] = [];
  for (const a of container.getElementsByTagName('a')) {
    if ((a.getAttribute('href') ?? '').startsWith('javascript:')) continue;
    const name = squash(a.textContent ?? '');
    if (name) names.push(name);
  }
  return names.length > 0 ? names : undefined;
}

function basePaper(ref: { id: string; version?: number }, title: string): CardPaper {
  const paper: CardPaper = { arxivId: ref.id, title, url: `${ORIGIN}/abs/${ref.id}` };
  if (ref.version !== undefined) paper.version = ref.version;
  return paper;
}

/**
 * Where the authors say it appeared: the Journal-ref field, once published, else a conference the
 * Comments say it was accepted at (./arxiv-venue.ts).
 */
function learnVenue(paper: CardPaper, journalRef: Element | null | undefined, comments: Element | null | undefined): void {
  const venue =
    (journalRef ? journalRefVenue(labelled(journalRef, /^\s*Journal[- ]ref:\s*/i)) : undefined) ??
    (comments ? commentsVenue(labelled(comments, /^\s*Comments:\s*/i)) : undefined);
  if (venue) Object.assign(paper, venue);
}

/** A search result's paragraph of Comments, ACM class or Journal ref (`p.comments`), by its first words. */
function commentsParagraph(li: Element, label: RegExp): Element | undefined {
  return [...li.querySelectorAll('p.comments')].find((p) => label.test(p.textContent ?? ''));
}

/**
 * Cards already read, by card element. The content script re-reads the page after every DOM
 * change, and listings do not change after load except when MathJax typesets titles — which must
 * not change what was read (MathJax 3 leaves no TeX behind). A reused element with another id is
 * read afresh.
 */
const readBefore = new WeakMap<Element, Card>();

function remembered(element: Element, ref: { id: string; version?: number }, digestDate?: string): Card | undefined {
  const card = readBefore.get(element);
  if (!card) return undefined;
  const p = card.paper;
  if (p.arxivId !== ref.id || p.version !== ref.version || card.digestDate !== digestDate) return undefined;
  // The page re-rendered the card's inside: its title elements are new, and the card is read afresh.
  return card.anchors.every((a) => a.isConnected) ? card : undefined;
}

function remember(card: Card): Card {
  readBefore.set(card.element, card);
  return card;
}

/** The day a section heading or the page names ("Wed, 7 Oct 2026 (showing …)"), if any. */
function headingDay(heading: Element | null | undefined): string | undefined {
  return heading ? findDate(heading.textContent ?? '') : undefined;
}

/**
 * The section heading of a listing `<dl>`: inside it in today's layout (one `<dl id=articles>` per
 * section or day), just before it in the legacy layout.
 */
function sectionHeading(dl: Element): Element | null {
  for (const child of dl.children) {
    if (child.localName === 'dt') break;
    if (/^h[1-6]$/.test(child.localName)) return child;
  }
  const prev = dl.previousElementSibling;
  return prev && /^h[1-6]$/.test(prev.localName) ? prev : null;
}

/** "Showing new listings for Tuesday, 22 September 2026" / legacy "New submissions for Thu, 2 Feb 23". */
function newListingDay(doc: Document): string | undefined {
  for (const h of doc.querySelectorAll('h2, h3')) {
    const text = h.textContent ?? '';
    if (/\bfor\b/i.test(text)) {
      const day = findDate(text);
      if (day) return day;
    }
  }
  return undefined;
}

/**
 * Listing cards: each `<dt>` (id and links) is paired with the `<dd>` after it (title, authors,
 * abstract). The card element is the `<dd>`: it is what the reader reads, so it is what must be on
 * screen to count as seen and what gets dimmed; a wrapper around the pair would mean rewriting
 * arXiv's markup. The badge anchors on the title line.
 */
function* readList(doc: Document, period: string, day?: string): Generator<void, Card[], void> {
  const pageDay = day ?? (period === 'new' ? newListingDay(doc) : undefined);
  const sectionDays = new Map<Element, string | undefined>();
  const seen = new Set<string>();
  const cards: Card[] = [];
  for (const dt of doc.querySelectorAll('dt')) {
    const link = dt.querySelector('a[href*="/abs/"]');
    const ref = link && absLinkRef(link);
    const dd = dt.nextElementSibling;
    // A <dt> without its <dd> has nothing to read or dim; a repeated id is the same paper.
    if (!link || !ref || dd?.localName !== 'dd' || seen.has(ref.id)) continue;
    seen.add(ref.id);

    const dl = dt.parentElement;
    if (dl && !sectionDays.has(dl)) sectionDays.set(dl, headingDay(sectionHeading(dl)));
    const day = (dl && sectionDays.get(dl)) ?? pageDay;
    const known = remembered(dd, ref, day);
    if (known) {
      cards.push(known);
      continue;
    }

    const titleEl = dd.querySelector('.list-title') ?? dd.querySelector('[class*="title"]');
    const title = titleEl ? labelled(titleEl, /^Title:\s*/i) : '';
    if (!title) continue; // nothing the library could file it under
    const paper = basePaper(ref, title);
    const authors = authorNames(dd.querySelector('.list-authors'));
    if (authors) paper.authors = authors;
    const abstract = dd.querySelector('p');
    const abstractText = abstract ? readText(abstract, linkAddress) : '';
    if (abstractText) paper.abstract = abstractText;
    // "Computation and Language (cs.CL); Machine Learning (cs.LG)": the first is the paper's own.
    const primaryClass = parseArxivClass(dd.querySelector('.primary-subject')?.textContent);
    if (primaryClass) paper.primaryClass = primaryClass;
    learnVenue(paper, dd.querySelector('.list-journal-ref'), dd.querySelector('.list-comments'));

    const card: Card = { element: dd, anchors: [titleEl ?? link], paper };
    if (day) card.digestDate = day;
    cards.push(remember(card));
    // A /new listing can hold 2,000 entries, abstracts and all: read in slices (see SiteModule.readSteps).
    yield;
  }
  return cards;
}

/**
 * The DOI the authors gave for the published version ("Related DOI"; arxiv-browse puts it in
 * `citation_doi`, and its own DOI, 10.48550/…, elsewhere): the preprint and the journal's article
 * are then one paper. A field naming several DOIs (parts, errata) names no one article.
 */
function relatedDoi(field: string | undefined): string | undefined {
  const dois = new Set((field ?? '').split(/[\s,;]+/).flatMap((t) => normalizeDoi(t) ?? []));
  return dois.size === 1 ? [...dois][0] : undefined;
}

/** An abstract page is one card: the paper itself. */
function readAbs(doc: Document, page: { id?: string; version?: number }): Card[] {
  const metaRef = parseArxivId(metaContent(doc, 'citation_arxiv_id') ?? '');
  const id = metaRef?.id ?? page.id;
  const heading = doc.querySelector('h1.title') ?? doc.querySelector('#abs h1, main h1');
  if (!id || !heading) return [];

  // The URL names the version shown; an unversioned URL shows the latest, which the page links as "this version".
  const thisVersion = doc.querySelector('.arxividv a, meta[property="og:url"]');
  const shown = thisVersion && parseArxivId(thisVersion.getAttribute('href') ?? thisVersion.getAttribute('content') ?? '');
  const version = page.version ?? (shown?.id === id ? shown.version : undefined);

  const title = metaContent(doc, 'citation_title') ?? labelled(heading, /^Title:\s*/i);
  const paper = basePaper(version === undefined ? { id } : { id, version }, title);
  const authors =
    authorNames(doc.querySelector('#abs .authors, div.authors')) ??
    metaContents(doc, 'citation_author')
      .map(citationName)
      .filter((n) => n !== '');
  if (authors.length > 0) paper.authors = authors;
  const abstractEl = doc.querySelector('blockquote.abstract');
  const abstract = metaContent(doc, 'citation_abstract') ?? (abstractEl ? labelled(abstractEl, /^Abstract:\s*/i) : '');
  if (abstract) paper.abstract = abstract;
  const primaryClass = parseArxivClass(doc.querySelector('.primary-subject')?.textContent);
  if (primaryClass) paper.primaryClass = primaryClass;
  const published = /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(metaContent(doc, 'citation_date') ?? '');
  if (published) paper.publishedAt = `${published[1]}-${published[2]}-${published[3]}`;
  const doi = relatedDoi(metaContent(doc, 'citation_doi'));
  if (doi) paper.doi = doi;
  learnVenue(paper, doc.querySelector('td.jref'), doc.querySelector('td.comments'));

  const element = doc.querySelector('#abs') ?? heading.parentElement ?? heading;
  return [{ element, anchors: [heading], paper, asked: 'paper' }];
}

/** Search results (`li.arxiv-result`): the id link is versioned when the hit is not the latest. */
function* readSearch(doc: Document): Generator<void, Card[], void> {
  const seen = new Set<string>();
  const cards: Card[] = [];
  for (const li of doc.querySelectorAll('li.arxiv-result')) {
    const link = li.querySelector('.list-title a[href*="/abs/"]') ?? li.querySelector('a[href*="/abs/"]');
    const ref = link && absLinkRef(link);
    if (!link || !ref || seen.has(ref.id)) continue;
    seen.add(ref.id);
    const known = remembered(li, ref);
    if (known) {
      cards.push(known);
      continue;
    }
    const titleEl = li.querySelector('p.title') ?? li.querySelector('.title');
    const title = titleEl ? readText(titleEl) : '';
    if (!titleEl || !title) continue;
    const paper = basePaper(ref, title);
    const authorsEl = li.querySelector('.authors');
    const authors = authorNames(authorsEl);
    // Past 25 authors the results print "et al. (N additional authors not shown)": a partial list
    // would be stored as the whole (a card's authors fill a paper's empty list, never replace it),
    // so none are given and a page with all of them (the abstract page, a listing) fills it.
    if (authors && !/additional authors not shown|\bet al\b/i.test(authorsEl?.textContent ?? '')) paper.authors = authors;
    // The full abstract ends with a "△ Less" toggle link, which is not part of it.
    const full = li.querySelector('.abstract-full');
    const abstract = full ? readText(full, (el) => linkAddress(el) ?? el.localName === 'a') : '';
    if (abstract) paper.abstract = abstract;
    // The primary class is the one highlighted tag (`is-link`); cross-lists are grey.
    const primaryClass = parseArxivClass(li.querySelector('.tags .tag.is-link')?.textContent);
    if (primaryClass) paper.primaryClass = primaryClass;
    // "Submitted 31 May, 2024; v1 submitted 1 December, 2023; …": the first version's day is the
    // paper's, as the abstract page's citation_date and Hugging Face give it.
    const dateline = [...li.querySelectorAll('p')].find((p) => /^\s*Submitted\b/.test(p.textContent ?? ''))?.textContent ?? '';
    const submitted = findDate(/\bv1 submitted\b(.*)/i.exec(dateline)?.[1] ?? '') ?? findDate(dateline);
    if (submitted) paper.publishedAt = submitted;
    // The published version's DOI the authors gave, as the abstract page's citation_doi: a tag
    // pair "doi" + link per DOI (arxiv-search's result template).
    const doiTags = [...li.querySelectorAll('.tags.has-addons')].find((t) => /^\s*doi\s*$/i.test(t.querySelector('.tag')?.textContent ?? ''));
    const doi = relatedDoi([...(doiTags?.querySelectorAll('a[href]') ?? [])].map((a) => a.getAttribute('href')).join(' '));
    if (doi) paper.doi = doi;
    learnVenue(paper, commentsParagraph(li, /^\s*Journal ref:/i), commentsParagraph(li, /^\s*Comments:/i));
    cards.push(remember({ element: li, anchors: [titleEl], paper }));
    yield;
  }
  return cards;
}

function* readSteps(doc: Document, url: URL): Generator<void, Card[], void> {
  const page = classify(url);
  if (page?.kind === 'list') return yield* readList(doc, page.period, page.day);
  if (page?.kind === 'abs') return readAbs(doc, page);
  if (page?.kind !== 'search' && page?.kind !== 'author') return [];
  // A search's results and an author's papers are what the reader looked up: never dimmed as seen.
  const cards = page.kind === 'search' ? yield* readSearch(doc) : yield* readList(doc, '');
  for (const card of cards) card.asked = 'search';
  return cards;
}

export const arxiv: SiteModule = {
  id: 'arxiv',
  name: 'arXiv',
  handles: (url) => classify(url) !== null,
  readCards: (doc, url) => runAll(readSteps(doc, url)),
  readSteps,
  pageLabel(url) {
    const page = classify(url);
    if (page?.kind === 'list') return squash(`${page.category} ${page.period}`);
    // The simple search's query; the advanced form's terms are several and stay unsaid.
    if (page?.kind === 'search') return searchLabel(url.searchParams.get('query'));
    if (page?.kind === 'author') return 'author page';
    return page?.kind ?? 'arxiv';
  },
};
