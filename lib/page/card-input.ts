/**
 * What the background is told of a card, from what its site module read: within the message
 * schema, and without the abstract where it is not needed. Pure, for the content script.
 */
import { CARD_LIMITS as L } from '../card-limits';
import type { CardInput } from '../messages';
import type { Card } from '../types';

/** A whole number in [min, max], else nothing. */
const whole = (n: number | undefined, min: number, max: number) => (n !== undefined && Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined);

/** Authors sent for one card: far more than any byline shows, and the message stays small. */
const AUTHORS_SENT = 200;

/**
 * What the background is told of a card, within CardInputSchema's limits (CARD_LIMITS; zod stays
 * out of the content script): the background refuses a message with one field out of bounds, and
 * one odd card (an author string of 400 characters, upvotes of 1.5 in the page's data) would then
 * leave the whole page without badges. Texts that may be cut are cut; an identifier or a date too
 * long to be one is dropped.
 */
export function cardInput(card: Pick<Card, 'paper'>): CardInput {
  const p = card.paper;
  const out: CardInput = { title: p.title.slice(0, L.title) };
  if (p.arxivId && p.arxivId.length <= L.arxivId) out.arxivId = p.arxivId;
  const version = whole(p.version, 1, L.version);
  if (version !== undefined) out.version = version;
  if (p.doi && p.doi.length <= L.doi) out.doi = p.doi;
  if (p.url && p.url.length <= L.url) out.url = p.url;
  if (p.fullTextUrl && p.fullTextUrl.length <= L.url) out.fullTextUrl = p.fullTextUrl;
  if (p.authors?.length) out.authors = p.authors.slice(0, Math.min(AUTHORS_SENT, L.authors)).map((a) => a.slice(0, L.author));
  if (p.abstract) out.abstract = p.abstract.slice(0, L.abstract);
  if (p.publishedAt && p.publishedAt.length <= L.publishedAt) out.publishedAt = p.publishedAt;
  if (p.primaryClass && p.primaryClass.length <= L.primaryClass) out.primaryClass = p.primaryClass;
  if (p.journal && p.journal.length <= L.venue) out.journal = p.journal;
  else if (p.proceedings && p.proceedings.length <= L.venue) out.proceedings = p.proceedings;
  const year = whole(p.year, L.yearMin, L.yearMax);
  if (year !== undefined) out.year = year;
  const upvotes = whole(p.upvotes, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (upvotes !== undefined) out.upvotes = upvotes;
  return out;
}

/**
 * A card as its lookup and the tab's report need it: no abstract. Matching goes by ids, title,
 * authors and year, and the popup never shows an abstract; abstracts were most of what the page
 * serialised on its main thread for those two messages. The sightings, which store the paper,
 * carry them.
 */
export function slimInput(input: CardInput): CardInput {
  if (input.abstract === undefined) return input;
  const { abstract: _abstract, ...rest } = input;
  return rest;
}

/** The key a card is listed under while it shows no stored paper. */
export function cardId(p: CardInput): string {
  return p.arxivId ? `arxiv:${p.arxivId}` : `title:${p.title}`;
}
