/**
 * The popup's rows and how they are grouped. Pure: no DOM, no messaging, so it is unit-tested alone.
 */
import type { CardInput, CardStatus, PageInfo, PaperStatus, PaperView, TabReading, TabState } from '../../lib/messages';
import { PAPER_STATUSES } from '../../lib/paper-status';
import { webLinks } from '../../lib/export/common';
import { statusAfter } from '../../lib/page/shown';
import { countPapers } from '../../lib/page/count-papers';
import { safeHttpUrl } from '../shared/urls';

export type Group = PaperStatus;
export const GROUPS: readonly Group[] = PAPER_STATUSES;
export const GROUP_NAMES: Record<Group, string> = { new: 'New', seen: 'Seen', saved: 'Saved' };

/** One row: a card on this tab, or a paper from the library (search results, recently saved). */
export interface Row {
  id: string;
  /** The card as the page showed it; absent for library rows. */
  card?: CardInput;
  page?: PageInfo;
  /** What the page's badge said: the status before this visit. */
  shown?: PaperStatus;
  /** How many times the badge said its paper was seen before this visit (TabCard.seen). */
  seenBefore?: number;
  /** The visit the card is of (TabState.visitId): its own sighting is not "seen before". */
  visitId?: string;
  /** The library's status now, with the stored paper and how the card was matched to it. */
  current: CardStatus;
  /** Set when the user said "not the same paper" in this popup: the card is its own paper now. */
  splitFrom?: string;
  /** How many more cards of this page are the same paper (onePerPaper): a dblp page lists a CoRR entry and its conference version. */
  alsoHere?: number;
  /**
   * A paper's page elsewhere, read by its citation tags: the reader's first edit sends the card,
   * even when it matched a stored paper, so the library learns what the page says of it.
   */
  learn?: boolean;
}

export function rowsFromTab(state: TabState, statuses: CardStatus[]): Row[] {
  return state.cards.map(({ card, status, seen }, i) => ({
    // The index keeps ids stable while the content script appends cards found later.
    id: `card:${i}`,
    card,
    page: state.page,
    shown: status,
    ...(seen !== undefined ? { seenBefore: seen } : {}),
    ...(state.visitId ? { visitId: state.visitId } : {}),
    current: statuses[i] ?? { status },
  }));
}

/**
 * The one row of a tab showing a paper's full text or its page elsewhere: the card its meta tags
 * make (saved as it is, matched as a card would be), else the paper as the library has it.
 */
export function readingRows(reading: TabReading, statuses: CardStatus[]): Row[] {
  if (reading.card) return [{ id: 'reading:page', card: reading.card, current: statuses[0] ?? { status: 'new' }, learn: true }];
  return reading.paper ? [rowFromPaper(reading.paper, 'reading')] : [];
}

export function rowFromPaper(paper: PaperView, prefix = 'paper'): Row {
  return { id: `${prefix}:${paper.key}`, current: { status: statusOfPaper(paper), paper } };
}

export function statusOfPaper(paper: PaperView): PaperStatus {
  if (paper.savedAt !== undefined) return 'saved';
  return paper.seenCount > 0 ? 'seen' : 'new';
}

/**
 * Which group a row sits in. The page's own status decides, so the popup matches the badges the
 * user is looking at; only saving (or unsaving) during this visit moves a row, since that is the
 * user's own action and they expect to find the paper under Saved.
 */
export function groupOf(row: Row): Group {
  if (row.current.status === 'saved') return 'saved';
  // Split from its match (here or in an earlier popup) or deleted: the library no longer knows the
  // card as seen, so the page's "seen" was about another paper.
  if (row.splitFrom !== undefined || row.current.status === 'new') return 'new';
  const before = row.shown ?? row.current.status;
  // Unsaved during this visit: it was in the library before, so it is at least seen.
  return before === 'saved' ? 'seen' : before;
}

export function groupRows(rows: Row[]): Record<Group, Row[]> {
  const out: Record<Group, Row[]> = { new: [], seen: [], saved: [] };
  for (const row of rows) out[groupOf(row)].push(row);
  return out;
}

/** The paper a card row is one of, for counting and merging; none for a card split from its match. */
function paperKeyOf(row: Row): string | undefined {
  return row.splitFrom === undefined ? row.current.paper?.key : undefined;
}

/**
 * A page's cards as one row per paper: the first card's row, saying how many more the page has.
 * A card matched only by a similar title keeps a row of its own, where the reader can say it is
 * another paper.
 */
export function onePerPaper(rows: Row[]): Row[] {
  const first = new Map<string, Row>();
  const more = new Map<Row, number>();
  const out: Row[] = [];
  for (const row of rows) {
    const key = row.current.match?.rule === 'similar-title' ? undefined : paperKeyOf(row);
    const kept = key !== undefined ? first.get(key) : undefined;
    if (kept) {
      more.set(kept, (more.get(kept) ?? 0) + 1);
      continue;
    }
    if (key !== undefined) first.set(key, row);
    out.push(row);
  }
  return more.size === 0 ? out : out.map((r) => (more.has(r) ? { ...r, alsoHere: more.get(r)! } : r));
}

/** How many papers the rows are: the cards of one paper count once, as the page's summary counts them. */
export function paperCount(rows: Row[]): number {
  return countPapers(rows, ALL, () => 'all', paperKeyOf).all;
}
const ALL = ['all'] as const;

/** Papers by group, counted as the page's strip counts them (lib/page/count-papers.ts). */
export function countRows(rows: Row[]): Record<Group, number> {
  return countPapers(rows, GROUPS, groupOf, paperKeyOf);
}

/**
 * How many times a row's paper was seen before this visit, as its badge counts: a card of the page
 * by the count it was looked up with; a library row, which has no visit, by every sighting.
 */
export function seenBeforeOf(row: Row, paper: PaperView): number {
  return row.card && row.seenBefore !== undefined ? row.seenBefore : paper.seenCount;
}

/** The row after an edit came back with the stored paper. */
export function withPaper(row: Row, paper: PaperView | null): Row {
  if (!paper) return { ...row, current: { status: 'new' } };
  // As its badge shows it: unsaved, seen if it was before this visit (one saved from a search and
  // never met before is new again).
  const status = statusAfter(paper, row.current.status, seenBeforeOf(row, paper));
  return { ...row, current: { ...row.current, status, paper } };
}

/** Who an edit is about: the stored paper when there is one, else the card (the paper is created). */
export function targetOf(row: Row): { key: string } | { card: CardInput; page?: PageInfo } | null {
  if (row.current.paper) return { key: row.current.paper.key };
  if (row.card) return row.page ? { card: row.card, page: row.page } : { card: row.card };
  return null;
}

export function keysOf(rows: Iterable<Row>): Set<string> {
  const keys = new Set<string>();
  for (const row of rows) if (row.current.paper) keys.add(row.current.paper.key);
  return keys;
}

export function paperLink(row: Row): string | undefined {
  const paper = row.current.paper;
  const fromCard = safeHttpUrl(row.card?.url);
  if (fromCard) return fromCard;
  const arxivId = paper?.arxivId ?? row.card?.arxivId;
  if (arxivId) return `https://arxiv.org/abs/${arxivId}`;
  // Its own pages before Scholar's page of it, as exports and the library's details link it.
  for (const url of webLinks(paper?.urls ?? [])) {
    const safe = safeHttpUrl(url);
    if (safe) return safe;
  }
  return undefined;
}
