/**
 * arXiv's Journal-ref field: where the authors say the paper was published, once it was, in their
 * own words ("Phys. Rev. B 108, 045123 (2023)", "Nucl.Phys.Proc.Suppl. 109 (2002) 3-9", "NeurIPS
 * 2023", "Proceedings of the 40th International Conference on Machine Learning, PMLR 202:1-20,
 * 2023"). arXiv asks for the journal's name, volume, year and pages; a card carries the venue's name
 * and year only (numbers come from imported entries, see CardInputSchema), so this reads those two
 * and leaves a reference it cannot cut to a name unread rather than store a wrong one.
 */
import type { CardPaper } from '../types';

export type JournalRefVenue = Pick<CardPaper, 'journal' | 'proceedings' | 'year'>;

/** "Accepted at", "To appear in": arXiv asks for these in Comments, yet some put them here. */
const LEAD = /^(?:published\s+(?:in|at|as)|accepted\s+(?:at|in|to|by|for)|to\s+appear\s+(?:in|at)|appeared\s+in|in)\s*:?\s+/i;
/** Not (yet) published: nothing to learn. */
const UNPUBLISHED = /^(?:submitted|under\s+review|in\s+preparation|preprint)\b/i;
/** Words that name a conference's proceedings rather than a journal ("Proc. Natl. Acad. Sci." is a journal). */
const PROCEEDINGS = /\b(?:proceedings|proc\.\s+of|conference|conf\.|symposium|workshop|congress|findings|PMLR|LNCS|LIPIcs)\b/i;
const YEAR = /\b(?:19|20)\d{2}\b/g;

/**
 * Where the name ends: at the first comma, bracket or semicolon, or at the first number standing
 * after a space (a volume, "108", "86N5"; a year, "2023") or glued to an abbreviation and followed
 * by a colon or comma, as old references write them ("Phys.Rev.D108:054502,2023"). An ordinal
 * ("40th") is part of a name.
 */
const NAME_END = /[,;([]|\s\d+(?!\d|(?:st|nd|rd|th)\b)|(?<=[A-Za-z.])\d+(?=[:,])|:\s*\d/;

export function journalRefVenue(raw: string): JournalRefVenue | undefined {
  const text = raw.replace(/\s+/g, ' ').trim().replace(LEAD, '');
  if (!text || UNPUBLISHED.test(text)) return undefined;
  const years = text.match(YEAR);
  const year = years ? Number(years[years.length - 1]) : undefined;

  const end = NAME_END.exec(text);
  let name = (end ? text.slice(0, end.index) : text).trim().replace(/[\s.:-]+$/, (m) => (m.trim() === '.' ? '.' : ''));
  const rest = end ? text.slice(end.index) : '';
  // At least two letters, and not a number's unit ("Vol.", "pp."): else no name can be trusted.
  if (!/\p{L}.*\p{L}/u.test(name) || /^(?:vol|pp?|no)\.?$/i.test(name)) return undefined;

  // "NeurIPS 2023", "Findings of EMNLP 2023": the year printed right after a conference's name is
  // part of it, as dblp gives "ICLR 2024"; a journal's volume number never is.
  const yearNext = /^\s((?:19|20)\d{2})\b/.exec(rest);
  const conference = PROCEEDINGS.test(name) || (yearNext !== null && !/\d/.test(rest.slice(yearNext[0].length)) && !/\s/.test(name));
  if (conference && yearNext) name = `${name} ${yearNext[1]}`;
  const venue: JournalRefVenue = conference ? { proceedings: name } : { journal: name };
  if (year !== undefined) venue.year = year;
  return venue;
}
