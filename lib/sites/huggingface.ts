/**
 * Hugging Face Papers (huggingface.co/papers…): daily/weekly/monthly digests, trending, search and
 * single paper pages.
 *
 * Cards are read from the rendered DOM, anchored on `<article>` and links to `/papers/<id>` rather
 * than on Tailwind classes, which churn. The `DailyPapers` hydration island adds what the card does
 * not print (authors, abstract, exact date, upvotes) — but only for ids the DOM shows, because the
 * island is a server snapshot that goes stale after client-side navigation and search.
 */

import { parseArxivId, safeDecode } from '../identity';
import type { Card, CardPaper, SiteModule } from '../types';
import { parseObjectSplitting } from './json-steps';
import { findDate, isIsoDay, isoDayOf, readText, searchLabel, shortDay, squash } from './text';
import { runAll } from '../page/slices';

const HOSTS = new Set(['huggingface.co', 'www.huggingface.co']);
const ORIGIN = 'https://huggingface.co';
const HEADINGS = 'h1, h2, h3, h4, h5, h6';
const HEADING_LINKS = HEADINGS.split(', ').map((h) => `${h} a[href*="/papers/"]`).join(', ');
/** `/papers/<rest>` in an href, relative or absolute; `<rest>` stops at `?` or `#`. */
const PAPER_HREF = /^(?:https?:\/\/(?:www\.)?huggingface\.co)?\/papers\/([^?#]+)/;
/** Path words under /papers/ that name listings, never papers. */
const LISTING_WORDS = new Set(['date', 'week', 'month', 'trending']);

type Page =
  | { kind: 'day'; day: string }
  | { kind: 'week'; week: string }
  | { kind: 'month'; month: string }
  | { kind: 'trending' }
  | { kind: 'search' }
  | { kind: 'paper'; id: string; version?: number }
  | { kind: 'daily' };

function classify(url: URL): Page | null {
  if (!HOSTS.has(url.hostname)) return null;
  const segs = url.pathname.split('/').filter((s) => s !== '');
  if (segs[0] !== 'papers') return null;
  const [, first, second] = segs;
  if (first === undefined || LISTING_WORDS.has(first)) {
    // Search runs client-side on any listing and shows only its results.
    if (url.searchParams.get('q')) return { kind: 'search' };
    const day = first === 'date' ? second : url.searchParams.get('date');
    if (isIsoDay(day)) return { kind: 'day', day };
    if (first === 'week' && second) return { kind: 'week', week: second };
    if (first === 'month' && second) return { kind: 'month', month: second };
    if (first === 'trending') return { kind: 'trending' };
    return { kind: 'daily' };
  }
  const ref = parseArxivId(safeDecode(segs.slice(1).join('/')));
  if (ref) return { kind: 'paper', ...ref };
  // Some other /papers/… page (submission form, a future view): read whatever cards it shows.
  return url.searchParams.get('q') ? { kind: 'search' } : { kind: 'daily' };
}

/** The paper a link points to, if it is a `/papers/<arXiv id>` link. */
function linkedPaper(a: Element): { id: string; version?: number } | null {
  const m = PAPER_HREF.exec(a.getAttribute('href') ?? '');
  const rest = m?.[1];
  if (rest === undefined || LISTING_WORDS.has(rest.split('/')[0] ?? '')) return null;
  return parseArxivId(safeDecode(rest));
}

/** What the hydration JSON says about one paper; every field is checked, none is trusted. */
type IslandPaper = {
  title?: string;
  abstract?: string;
  authors?: string[];
  publishedAt?: string;
  upvotes?: number;
};
type Island = { papers: Map<string, IslandPaper>; day?: string };

/** The last island read: the content script re-reads on every DOM change, the JSON rarely changes. */
let lastIsland: { raw: string; target: string; island: Island } | undefined;

/**
 * Islands up to this size are parsed in one go; larger ones (hundreds of papers and more) in steps.
 * `JSON.parse` is native and reads a 100-card island (~300k characters) in ~1.5 ms, where the
 * stepwise reader, scanning characters in script, took ~7 ms; a million characters stays a few
 * milliseconds, well under a long task.
 */
export const ONE_GO_CHARS = 1_000_000;

function* readIsland(doc: Document, target: 'DailyPapers' | 'PaperContent'): Generator<void, Island, void> {
  const raw = doc.querySelector(`[data-target="${target}"][data-props]`)?.getAttribute('data-props');
  if (!raw) return { papers: new Map() };
  if (lastIsland?.raw === raw && lastIsland.target === target) return lastIsland.island;
  const island = target === 'DailyPapers' && raw.length > ONE_GO_CHARS ? yield* parseIslandSteps(raw) : parseIsland(raw, target);
  lastIsland = { raw, target, island };
  return island;
}

function readIslandNow(doc: Document, target: 'DailyPapers' | 'PaperContent'): Island {
  return runAll(readIsland(doc, target));
}

function parseIsland(raw: string, target: 'DailyPapers' | 'PaperContent'): Island {
  let props: unknown;
  try {
    props = JSON.parse(raw);
  } catch {
    return { papers: new Map() };
  }
  if (!isObject(props)) return { papers: new Map() };
  const entries = target === 'DailyPapers' ? props['dailyPapers'] : [props];
  return islandOf(props, Array.isArray(entries) ? entries : []);
}

/** The same as `parseIsland(raw, 'DailyPapers')`, one paper at a time. */
function* parseIslandSteps(raw: string): Generator<void, Island, void> {
  // Only each entry's `paper`: the entries repeat its title and abstract beside it.
  const split = yield* parseObjectSplitting(raw, 'dailyPapers', 'paper');
  if (!split) return parseIsland(raw, 'DailyPapers');
  const papers = new Map<string, IslandPaper>();
  for (const entry of split.items ?? []) {
    addEntry(papers, entry);
    yield;
  }
  return withDay(split.members, papers);
}

function islandOf(props: Record<string, unknown>, entries: unknown[]): Island {
  const papers = new Map<string, IslandPaper>();
  for (const entry of entries) addEntry(papers, entry);
  return withDay(props, papers);
}

function addEntry(papers: Map<string, IslandPaper>, entry: unknown): void {
  const p = isObject(entry) ? entry['paper'] : undefined;
  if (!isObject(p) || typeof p['id'] !== 'string') return;
  papers.set(p['id'], islandPaper(p));
}

function withDay(props: Record<string, unknown>, papers: Map<string, IslandPaper>): Island {
  const day = props['periodType'] === 'day' ? props['dateString'] : undefined;
  return typeof day === 'string' && isIsoDay(day) ? { papers, day } : { papers };
}

function islandPaper(p: Record<string, unknown>): IslandPaper {
  const out: IslandPaper = {};
  if (typeof p['title'] === 'string' && p['title'].trim()) out.title = squash(p['title']);
  if (typeof p['summary'] === 'string' && p['summary'].trim()) out.abstract = squash(p['summary']);
  if (Array.isArray(p['authors'])) {
    // One pass: a 100-card page has a thousand authors.
    const names: string[] = [];
    for (const a of p['authors'] as unknown[]) {
      if (!isObject(a) || a['hidden'] === true || typeof a['name'] !== 'string') continue;
      const name = squash(a['name']);
      if (name !== '') names.push(name);
    }
    if (names.length > 0) out.authors = names;
  }
  const published = isoDayOf(p['publishedAt']);
  if (published) out.publishedAt = published;
  if (typeof p['upvotes'] === 'number' && Number.isFinite(p['upvotes'])) out.upvotes = p['upvotes'];
  return out;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One card as found in the DOM, before the island is consulted. */
type Found = {
  id: string;
  version?: number;
  element: Element;
  titles: Element[];
  /** The first copy's title link (or heading): its text is the title when the island has none. */
  source: Element;
  /** Where the card prints its facts (date, upvotes): one copy of an article is enough. */
  facts?: Element;
};

/** The badge goes beside the heading that holds the title link, or the link itself. */
function anchorOf(link: Element): Element {
  return headingAbove(link, null) ?? link;
}

/**
 * Each `<article>` is one card even though it holds a desktop and a mobile copy: its title links
 * are the `/papers/<id>` links inside headings, or — if the markup drifts and headings go — the
 * links carrying the longest text (both copies print the same title). Thumbnail links to the same
 * paper are not titles.
 */
function fromArticle(article: Element): Found | null {
  // getElementsByTagName and a parent walk: a selector list per article costs several times more.
  const paperLinks = [...article.getElementsByTagName('a')].filter((a) => a.getAttribute('href')?.includes('/papers/'));
  let links: Element[] = paperLinks.filter((a) => headingAbove(a, article) !== null);
  if (links.length === 0) links = longestLinks(paperLinks);
  return fromLinks(article, links);
}

/** The card an article's title links make (in document order; links to another paper ignored). */
function fromLinks(article: Element, links: Element[]): Found | null {
  let found: Found | null = null;
  let foundHref: string | null = null;
  for (const a of links) {
    const href = a.getAttribute('href');
    // The second copy usually repeats the first copy's href: no need to parse it again.
    if (found && href === foundHref) {
      found.titles.push(anchorOf(a));
      continue;
    }
    const ref = linkedPaper(a);
    if (!ref) continue;
    if (!found) {
      found = { id: ref.id, element: article, titles: [anchorOf(a)], source: a };
      if (ref.version !== undefined) found.version = ref.version;
      foundHref = href;
    } else if (ref.id === found.id) {
      found.titles.push(anchorOf(a));
    }
  }
  if (found) found.facts = copyOf(found.titles[0], article);
  return found;
}

const ARTICLE_HEADING_LINKS = HEADINGS.split(', ').map((h) => `article ${h} a[href*="/papers/"]`).join(', ');

/** Past this many articles the one query over the document is itself a long task (~30 ms at 5,000). */
const ONE_QUERY_ARTICLES = 1_000;

/**
 * `fromArticle` for every article of the page. On pages of ordinary length the title links of all
 * articles come from one query over the document, in document order, and are dealt to their
 * articles by walking both lists together: per article, two `contains` calls instead of reading
 * every link's href and walking up from each (~60 DOM calls per article). On very long pages that
 * one query cannot be sliced, so each article is read on its own, in steps. An article whose title
 * links are not in headings is read by `fromArticle` either way.
 */
function* fromArticles(doc: Document): Generator<void, Found[], void> {
  const articles = doc.querySelectorAll('article');
  const links = articles.length <= ONE_QUERY_ARTICLES ? doc.querySelectorAll(ARTICLE_HEADING_LINKS) : [];
  const found: Found[] = [];
  let j = 0;
  for (const article of articles) {
    const mine: Element[] = [];
    while (j < links.length && article.contains(links[j]!)) mine.push(links[j++]!);
    const f = mine.length > 0 ? fromLinks(article, mine) : fromArticle(article);
    if (f) found.push(f);
    yield;
  }
  return found;
}

const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function headingAbove(el: Element, stop: Element | null): Element | null {
  for (let node: Element | null = el; node && node !== stop; node = node.parentElement) {
    if (HEADING_TAGS.has(node.localName)) return node;
  }
  return null;
}

/**
 * Without a heading, the title link is the one with the longest text; not a thumbnail link (an
 * image or video, whose text is the "Submitted by <user>" chip inside it), which would beat a short
 * title such as "Mamba-2".
 */
function longestLinks(links: Element[]): Element[] {
  const titles = links.filter((el) => !isThumbnailLink(el));
  const measured = (titles.length ? titles : links).map((el) => ({ el, len: squash(el.textContent ?? '').length }));
  const longest = Math.max(0, ...measured.map((l) => l.len));
  return longest > 0 ? measured.filter((l) => l.len === longest).map((l) => l.el) : [];
}

function isThumbnailLink(a: Element): boolean {
  return a.getElementsByTagName('img').length > 0 || a.getElementsByTagName('video').length > 0 || /^\s*Submitted by\b/i.test(a.textContent ?? '');
}

/**
 * The copy (desktop or mobile) of an article that holds `anchor`: the article's child above it.
 * Both copies print the same facts; reading one halves the work.
 */
function copyOf(anchor: Element | undefined, article: Element): Element {
  let node = anchor;
  while (node && node.parentElement && node.parentElement !== article) node = node.parentElement;
  return node?.parentElement === article ? node : article;
}

function lowestCommonAncestor(a: Element, b: Element): Element {
  let node: Element | null = a;
  while (node && !node.contains(b)) node = node.parentElement;
  return node ?? a;
}

/**
 * Fallback for layouts without `<article>` (search results, future markup): every heading link to
 * a paper is a card, and consecutive links to the same paper are its desktop/mobile copies.
 */
function fromHeadings(doc: Document): Found[] {
  const found: Found[] = [];
  for (const a of doc.querySelectorAll(HEADING_LINKS)) {
    const ref = linkedPaper(a);
    if (!ref) continue;
    const heading = anchorOf(a);
    const last = found[found.length - 1];
    if (last && last.id === ref.id) {
      last.element = lowestCommonAncestor(last.element, heading);
      last.titles.push(heading);
      continue;
    }
    const f: Found = { id: ref.id, element: heading.parentElement ?? heading, titles: [heading], source: a };
    if (ref.version !== undefined) f.version = ref.version;
    found.push(f);
  }
  return found;
}

/** "Upvote 23" on the upvote checkbox; "-" means none yet. */
function domUpvotes(element: Element): number | undefined {
  // Labels are looked at only when no checkbox says it: the usual card answers from its first.
  return upvotesIn(element.querySelectorAll('[role="checkbox"]')) ?? upvotesIn(element.getElementsByTagName('label'));
}

function upvotesIn(boxes: ArrayLike<Element>): number | undefined {
  for (let i = 0; i < boxes.length; i++) {
    const text = squash(boxes[i]!.textContent ?? '');
    if (!/upvote/i.test(text)) continue;
    const n = /(\d[\d,]*)\s*$/.exec(text)?.[1];
    if (n !== undefined) return Number(n.replace(/,/g, ''));
    if (/-\s*$/.test(text)) return 0;
  }
  return undefined;
}

/**
 * "Published on Jun 2, 2026" (desktop copy) or "Jun 2, 2026" (mobile copy); within the current
 * year the site prints "Aug 5", dated here relative to the digest's day (or today).
 */
function domPublished(element: Element, reference: string): string | undefined {
  for (const span of [...element.getElementsByTagName('span'), ...element.getElementsByTagName('time')]) {
    if (span.childElementCount > 0) continue;
    const text = span.textContent ?? '';
    if (text.length > 40) continue;
    const day = findDate(text, reference);
    if (day) return day;
  }
  return undefined;
}

function toPaper(f: Found, island: IslandPaper | undefined, reference: string): CardPaper {
  const title = island?.title ?? readText(f.source);
  const copy = f.facts ?? f.element;
  const paper: CardPaper = { arxivId: f.id, title, url: `${ORIGIN}/papers/${f.id}` };
  if (f.version !== undefined) paper.version = f.version;
  if (island?.authors) paper.authors = island.authors;
  if (island?.abstract) paper.abstract = island.abstract;
  const published = island?.publishedAt ?? domPublished(copy, reference);
  if (published) paper.publishedAt = published;
  // The count on the card is what the reader sees; the island's may be hours old.
  const upvotes = domUpvotes(copy) ?? island?.upvotes;
  if (upvotes !== undefined) paper.upvotes = upvotes;
  return paper;
}

/**
 * Cards already read, by article: the content script re-reads the page after every DOM change. A
 * card is reused while its article shows the same paper through the same title elements, for the
 * same island and day; anything else is read afresh.
 */
const readBefore = new WeakMap<Element, { card: Card; island: Island; titles: Element[] }>();

function remembered(f: Found, island: Island, digestDate: string | undefined): Card | undefined {
  const had = readBefore.get(f.element);
  if (!had || had.island !== island) return undefined;
  const { card } = had;
  if (card.paper.arxivId !== f.id || card.paper.version !== f.version || card.digestDate !== digestDate) return undefined;
  if (had.titles.length !== f.titles.length || had.titles.some((t, i) => t !== f.titles[i])) return undefined;
  return card;
}

/** Every card of a listing; yields after each article and each card so a long page can be read in slices. */
function* readListing(doc: Document, page: Page): Generator<void, Card[], void> {
  let found = yield* fromArticles(doc);
  if (found.length === 0) found = fromHeadings(doc);

  // One card per paper: a paper shown twice keeps its first card.
  const seen = new Set<string>();
  found = found.filter((f) => {
    if (seen.has(f.id)) return false;
    seen.add(f.id);
    return true;
  });

  const island = yield* readIsland(doc, 'DailyPapers');
  let digestDate: string | undefined;
  if (page.kind === 'day') digestDate = page.day;
  // On a bare /papers the island's day is the page's day only if it describes what is shown.
  else if (page.kind === 'daily' && found.length > 0 && found.every((f) => island.papers.has(f.id)))
    digestDate = island.day;

  const reference = digestDate ?? today();
  const cards: Card[] = [];
  for (const f of found) {
    const known = remembered(f, island, digestDate);
    if (known) {
      cards.push(known);
      continue;
    }
    const paper = toPaper(f, island.papers.get(f.id), reference);
    yield;
    if (!paper.title) continue; // nothing the library could file it under
    const card: Card = { element: f.element, anchors: f.titles, paper };
    if (digestDate) card.digestDate = digestDate;
    readBefore.set(f.element, { card, island, titles: f.titles });
    cards.push(card);
  }
  return cards;
}

/** A single paper page: one card, the paper itself. */
function readPaperPage(doc: Document, id: string, version: number | undefined): Card[] {
  const heading = doc.querySelector('main h1') ?? doc.querySelector('h1');
  if (!heading) return [];
  const found: Found = { id, element: heading.parentElement ?? heading, titles: [heading], source: heading };
  if (version !== undefined) found.version = version;
  const paper = toPaper(found, readIslandNow(doc, 'PaperContent').papers.get(id), today());
  return paper.title ? [{ element: found.element, anchors: found.titles, paper, asked: 'paper' }] : [];
}

function* readSteps(doc: Document, url: URL): Generator<void, Card[], void> {
  const page = classify(url);
  if (!page) return [];
  if (page.kind === 'paper') return readPaperPage(doc, page.id, page.version);
  const cards = yield* readListing(doc, page);
  if (page.kind === 'search') for (const card of cards) card.asked = 'search';
  return cards;
}

export const huggingface: SiteModule = {
  id: 'huggingface',
  name: 'Hugging Face',
  handles: (url) => classify(url) !== null,
  readCards: (doc, url) => runAll(readSteps(doc, url)),
  readSteps,
  pageLabel(url, doc) {
    const page = classify(url);
    switch (page?.kind) {
      case 'day':
        return shortDay(page.day);
      case 'week':
        return `week ${page.week}`;
      case 'month':
        return `month ${page.month}`;
      case 'search':
        return searchLabel(url.searchParams.get('q'));
      case 'trending':
      case 'paper':
        return page.kind;
      default: {
        const day = doc ? readIslandNow(doc, 'DailyPapers').day : undefined;
        return day ? shortDay(day) : 'daily';
      }
    }
  },
};
