/**
 * Where a paper was published, as an imported entry says (no digest page prints it): a journal or a
 * conference's proceedings, and the volume, issue and pages in it. Stored flat on the paper row
 * (`journal` came first); these helpers keep the five together, since a volume or a page range
 * means nothing apart from the name it belongs to.
 */

/** The five fields, as a paper row, its view and an imported entry each carry them. */
export interface Venue {
  /** The journal it appeared in. */
  journal?: string;
  /** The conference proceedings it appeared in (BibTeX `booktitle`), when no journal is known. */
  proceedings?: string;
  /** Its volume, issue and pages there (`venueNumber`: pages "583–589"), only with a name. */
  volume?: string;
  issue?: string;
  pages?: string;
}

const FIELDS = ['journal', 'proceedings', 'volume', 'issue', 'pages'] as const;

/** The journal's or the proceedings' name. */
export function venueName(v: Venue): string | undefined {
  return v.journal ?? v.proceedings;
}

/**
 * The venue a paper's line shows (popup rows, the badge panel): the library's, so a venue the
 * reader cleared stays cleared; for a card the library does not hold, its page's (dblp, OpenReview,
 * an arXiv Journal-ref).
 */
export function shownVenue(paper: Venue | undefined, card: Venue | undefined): string | undefined {
  return paper ? venueName(paper) : card && venueName(card);
}

/** The year of what carries the venue: a paper row's, a card's, an imported entry's. */
interface Dated {
  year?: number;
}

/** A paper row's mark that the reader set (or cleared) its venue by hand. */
interface Fixed {
  venueFixed?: boolean;
}

/**
 * What `from` tells of the venue that `row` does not know: all of it, and its year, when the row
 * names none; the missing volume, issue or pages when both name the same one (a Zotero file
 * imported again after an older one that gave the journal alone). Another venue's numbers are
 * never mixed in.
 */
export function learnVenue(row: Venue & Dated & Fixed, from: Venue & Dated & Fixed): void {
  // What the reader wrote (or cleared) stays, whatever a page says next; of two papers merged, the
  // one whose venue the reader set gives it.
  if (row.venueFixed) return;
  if (from.venueFixed) {
    for (const f of FIELDS) {
      if (from[f] === undefined) delete row[f];
      else row[f] = from[f];
    }
    if (from.year !== undefined) row.year = from.year;
    row.venueFixed = true;
    return;
  }
  const name = venueName(row);
  const theirs = venueName(from);
  if (theirs === undefined) return;
  if (name === undefined) {
    for (const f of FIELDS) if (from[f] !== undefined) row[f] = from[f];
    // A reference's year is its publication's in that venue, not the preprint's: an arXiv paper of
    // 2025 that ICLR 2026 accepted is cited as of 2026.
    if (from.year !== undefined) row.year = from.year;
  } else if (sameName(name, theirs) && !!row.journal === !!from.journal) {
    row.volume ??= from.volume;
    row.issue ??= from.issue;
    row.pages ??= from.pages;
  }
}

/** Where a paper was published, as the reader types it in the library's details. */
export interface VenueEdit {
  kind: 'journal' | 'proceedings';
  /** The journal's or the proceedings' name; empty clears the venue. */
  name: string;
  volume?: string;
  issue?: string;
  pages?: string;
  /** The year it is cited with; absent leaves the paper's as it is. */
  year?: number;
}

/**
 * The reader's venue replaces what the row had, numbers and all (a venue's numbers belong to its
 * name), and marks it fixed: pages and imports no longer teach it one (`learnVenue`), so a venue
 * cleared because a page had it wrong is not learned again on the next visit.
 */
export function setVenue(row: Venue & Dated & Fixed, edit: VenueEdit): void {
  for (const f of FIELDS) delete row[f];
  const name = edit.name.replace(/\s+/g, ' ').trim();
  if (name !== '') {
    row[edit.kind] = name;
    Object.assign(row, venueNumbers(edit));
  }
  if (edit.year !== undefined) row.year = edit.year;
  row.venueFixed = true;
}

function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;
}

/** "596(7873), 583–589", "pp. 770–778": the paper's place in its venue, as references print it. */
export function venuePlace(v: Venue): string | undefined {
  let where = v.volume ?? '';
  if (v.issue) where = v.volume ? `${v.volume}(${v.issue})` : `no. ${v.issue}`;
  // After a volume, numbers are pages; alone they are told apart from one.
  const pages = !v.pages ? '' : v.volume ? v.pages : `${v.pages.includes('–') ? 'pp.' : 'p.'} ${v.pages}`;
  return [where, pages].filter((x) => x !== '').join(', ') || undefined;
}

/**
 * "Nature 596(7873), 583–589", "Proceedings of CVPR, pp. 770–778"; `name` and `text` format the
 * name and the rest (Markdown's italics and escapes).
 */
export function venueCitation(v: Venue, name = (n: string) => n, text = (t: string) => t): string | undefined {
  const n = venueName(v);
  if (n === undefined) return undefined;
  const place = venuePlace(v);
  return !place ? name(n) : `${name(n)}${v.volume ? ' ' : ', '}${text(place)}`;
}

/** An entry's volume, issue and pages as `venueNumber` reads them; only those it has. */
export function venueNumbers(raw: { volume?: string; issue?: string; pages?: string }): Pick<Venue, 'volume' | 'issue' | 'pages'> {
  const out: Pick<Venue, 'volume' | 'issue' | 'pages'> = {};
  for (const f of ['volume', 'issue', 'pages'] as const) {
    const v = venueNumber(raw[f]);
    if (v) out[f] = v;
  }
  return out;
}

/**
 * A volume, issue or page range as an entry gives it, or nothing: trimmed, one line, short (a
 * field that long is not a number but a stray paste), ranges with an en dash as printed
 * ("583--589", "583-589" and "583 – 589" are "583–589").
 */
export function venueNumber(text: string | undefined): string | undefined {
  const t = text?.replace(/\s+/g, ' ').trim();
  if (!t || t.length > NUMBER_MAX) return undefined;
  return t.replace(/\s*(?:-{1,3}|[\u2010-\u2015\u2212])\s*/g, '–');
}
export const NUMBER_MAX = 40;
