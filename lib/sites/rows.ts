/**
 * Reading a list page's rows as cards, for sites whose cards are rows of one kind with a title
 * element (Google Scholar's results and profiles, OpenReview's notes).
 */
import type { Card, CardPaper } from '../types';

/**
 * Each row's card as last read, and its title element's text then. Pages' own scripts touch rows
 * (Scholar's star and Cite popup) and every change to a page has it read again: a row whose title
 * is the same element with the same text is the card read before, not read afresh.
 */
const readBefore = new WeakMap<Element, { card: Card; text: string }>();

export interface RowReading {
  /** The rows, in page order. */
  rows: string;
  /** The row's title element (the badge's anchor), looked for inside the row. */
  title: string;
  /** The row's paper, or null for a row that is not one (no title, no link to a paper). */
  paperOf: (row: Element, title: Element) => CardPaper | null;
  /** One card a paper: rows whose papers share this key after the first are skipped. */
  oncePer?: (paper: CardPaper) => string | undefined;
}

export function* readRows(doc: Document, how: RowReading): Generator<void, Card[], void> {
  const cards: Card[] = [];
  const keys = new Set<string>();
  const once = (card: Card): boolean => {
    const key = how.oncePer?.(card.paper);
    if (key === undefined) return true;
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  };
  for (const element of doc.querySelectorAll(how.rows)) {
    const heading = element.querySelector(how.title);
    if (!heading) continue;
    const had = readBefore.get(element);
    if (had && had.card.anchors[0] === heading && heading.isConnected && had.text === heading.textContent) {
      if (once(had.card)) cards.push(had.card);
      continue;
    }
    const paper = how.paperOf(element, heading);
    if (!paper) continue;
    const card: Card = { element, anchors: [heading], paper };
    readBefore.set(element, { card, text: heading.textContent ?? '' });
    if (once(card)) cards.push(card);
    yield;
  }
  return cards;
}
