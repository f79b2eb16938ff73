/**
 * Where an arXiv entry says the paper appeared: its Journal-ref, in the authors' own words once it
 * was published ("Phys. Rev. B 108, 045123 (2023)", "Nucl.Phys.Proc.Suppl. 109 (2002) 3-9",
 * "NeurIPS 2023", "Proceedings of the 40th International Conference on Machine Learning, PMLR
 * 202:1-20, 2023"), else its Comments, where arXiv asks authors to say a paper was accepted and
 * where machine-learning papers say it ("Accepted at ICLR 2025", "NeurIPS 2024 (Spotlight)").
 * A card carries the venue's name and year only (numbers come from imported entries, see
 * CardInputSchema); text that cannot be cut to a name, or that names a workshop, is left unread
 * rather than stored as a wrong venue.
 */
import type { CardPaper } from '../types';

/** The venue an entry states, as a card carries it. */
export type StatedVenue = Pick<CardPaper, 'journal' | 'proceedings' | 'year'>;

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

export function journalRefVenue(raw: string): StatedVenue | undefined {
  const text = raw.replace(/\s+/g, ' ').trim().replace(LEAD, '');
  if (!text || UNPUBLISHED.test(text)) return undefined;
  const years = text.match(YEAR);
  const year = years ? Number(years[years.length - 1]) : undefined;

  const end = NAME_END.exec(text);
  let name = (end ? text.slice(0, end.index) : text).trim().replace(/[\s.:-]+$/, (m) => (m.trim() === '.' ? '.' : ''));
  const rest = end ? text.slice(end.index) : '';
  // At least two letters, not a number's unit ("Vol.", "pp.") nor an identifier ("doi:10.1103/…"):
  // else no name can be trusted.
  if (!/\p{L}.*\p{L}/u.test(name) || /^(?:vol|pp?|no)\.?$/i.test(name) || /^(?:doi|arxiv|https?)\b/i.test(name)) return undefined;

  // "NeurIPS 2023", "Findings of EMNLP 2023": the year printed right after a conference's name is
  // part of it, as dblp gives "ICLR 2024"; a journal's volume number never is.
  const yearNext = /^\s((?:19|20)\d{2})\b/.exec(rest);
  const conference = PROCEEDINGS.test(name) || (yearNext !== null && !/\d/.test(rest.slice(yearNext[0].length)) && !/\s/.test(name));
  if (conference && yearNext) name = `${name} ${yearNext[1]}`;
  const venue: StatedVenue = conference ? { proceedings: name } : { journal: name };
  if (year !== undefined) venue.year = year;
  return venue;
}

/**
 * The conferences (and two journals) whose acceptance Comments name by acronym, as the community
 * writes them. Only these are read from Comments: free text there says many things ("Extended
 * version of our ICML paper", "Submitted to NeurIPS"), and a known name after "accepted at" is
 * what can be trusted.
 */
const CONFERENCES = [
  'NeurIPS', 'NIPS', 'ICML', 'ICLR', 'COLT', 'AISTATS', 'UAI', 'COLM', 'CoRL', 'RSS', 'ICRA', 'IROS',
  'CVPR', 'ICCV', 'ECCV', 'WACV', 'BMVC', '3DV', 'SIGGRAPH Asia', 'SIGGRAPH', 'MICCAI',
  'ACL', 'EMNLP', 'NAACL', 'EACL', 'AACL', 'COLING', 'Interspeech', 'ICASSP',
  'AAAI', 'IJCAI', 'KDD', 'WWW', 'SIGIR', 'WSDM', 'CIKM', 'RecSys', 'MLSys', 'CHI', 'UIST',
];
const JOURNALS: Record<string, string> = { TMLR: 'Transactions on Machine Learning Research', JMLR: 'Journal of Machine Learning Research' };

/** "2025", "'25", "-24" (AAAI-24): a two-digit year only after an apostrophe or a hyphen, never "ICML 12 pages". */
const YEAR_AFTER = String.raw`(?:\s*['’]\s*(\d{2})|\s*[-–]\s*(\d{2})|\s*[-–]?\s*((?:19|20)\d{2}))\b`;

let commentRules: { accepted: RegExp; leading: RegExp } | undefined;
/**
 * The two patterns, built on first use: every page's content script loads this module, and only
 * arXiv entries with Comments need them.
 */
function rules(): { accepted: RegExp; leading: RegExp } {
  if (commentRules) return commentRules;
  const names = [...CONFERENCES, ...Object.keys(JOURNALS)].sort((a, b) => b.length - a.length).map((n) => n.replace(/ /g, '\\s+')).join('|');
  commentRules = {
    /** "Accepted at ICLR 2025", "to appear in the main conference of EMNLP 2024", "published in TMLR (2024)". */
    accepted: new RegExp(
      String.raw`\b(?:accepted|to appear|appear(?:s|ing)|published|presented)\b(?:\s+(?:as|for)\s+(?:an?\s+)?(?:oral|spotlight|poster|paper|long paper|short paper)(?:\s+presentation)?)?\s+(?:at|in|to|by|for|as)\s+(?:the\s+)?(?:main\s+(?:conference|track)\s+(?:of|at)\s+)?(${names})\b\s*\(?` + YEAR_AFTER,
      'i',
    ),
    /** "NeurIPS 2024 (Spotlight). 10 pages": the venue as the comment's first words. */
    leading: new RegExp(String.raw`^\s*(?:camera[- ]ready(?:\s+version)?\s*(?:for|of)?\s*)?(${names})\b` + YEAR_AFTER, 'i'),
  };
  return commentRules;
}
/** A workshop at a conference, or its Findings, is not the conference's proceedings. */
const NOT_THE_CONFERENCE = /\bworkshops?\b|\bfindings\b|\bsubmitted\b|\bunder review\b|\bin submission\b/i;

/** The name as the list spells it ("neurips", "INTERSPEECH" → "NeurIPS", "Interspeech"). */
function canonical(name: string): string {
  const squashed = name.replace(/\s+/g, ' ');
  return [...CONFERENCES, ...Object.keys(JOURNALS)].find((n) => n.toLowerCase() === squashed.toLowerCase()) ?? squashed;
}

/** The venue an entry's Comments say it was accepted at, when they name a known one plainly. */
export function commentsVenue(raw: string): StatedVenue | undefined {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text || NOT_THE_CONFERENCE.test(text)) return undefined;
  const { accepted, leading } = rules();
  const m = accepted.exec(text) ?? leading.exec(text);
  if (!m) return undefined;
  const name = canonical(m[1]!);
  const short = m[2] ?? m[3];
  const year = short !== undefined ? 2000 + Number(short) : Number(m[4]);
  if (year < 1987 || year > new Date().getFullYear() + 2) return undefined;
  const journal = JOURNALS[name];
  return journal ? { journal, year } : { proceedings: `${name} ${year}`, year };
}
