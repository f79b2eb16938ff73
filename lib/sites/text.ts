/**
 * Text helpers shared by the site recognisers. Everything here reads text (`nodeValue`,
 * `getAttribute`) and never markup, so a title such as `<img src=x onerror=…>` stays plain text.
 */

/**
 * Nodes that MathJax (v2 and v3) and KaTeX insert to *display* formulas. Their text is rendering
 * output (glyphs, MathML for screen readers), not the title the author wrote, so it is skipped.
 */
const RENDERED_MATH =
  '.MathJax, .MathJax_Preview, .MathJax_Display, .MathJax_CHTML, .MathJax_SVG, .MathJax_MathML, ' +
  '.MJX_Assistive_MathML, mjx-container, mjx-assistive-mml, .katex-html';

/** Whitespace that `squash` must rewrite: a run, or anything but a plain space. */
const MESSY_SPACE = /\s\s|[^\S ]/;

/**
 * Collapses runs of whitespace (including no-break spaces) and trims. Most text is clean once
 * trimmed, and testing is far cheaper than rewriting thousands of abstracts.
 */
export function squash(text: string): string {
  const t = text.trim();
  return MESSY_SPACE.test(t) ? t.replace(/\s+/g, ' ') : t;
}

function tex(source: string | null, display: boolean): string {
  const d = display ? '$$' : '$';
  return `${d}${source ?? ''}${d}`;
}

/**
 * The text of `root` as its author wrote it: rendered math is skipped and the TeX that MathJax 2
 * keeps in `<script type="math/tex">` (or KaTeX in its `annotation`) is put back between `$`, so the
 * same title reads the same before and after the page typesets it. `skip` drops other elements
 * (descriptors such as "Title:", "More"/"Less" toggles) when it returns true, and reads a string it
 * returns in an element's place.
 */
export function readText(root: Element, skip?: (el: Element) => boolean | string | undefined): string {
  const parts: string[] = [];
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        parts.push(child.nodeValue ?? '');
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      const tag = el.localName;
      if (tag === 'script') {
        const type = el.getAttribute('type') ?? '';
        if (type.startsWith('math/tex')) parts.push(tex(el.textContent, type.includes('mode=display')));
        continue;
      }
      // Our own badge may sit inside a title; it is not part of the title.
      if (tag === 'style' || tag === 'template' || tag === 'noscript' || tag === 'dejalu-badge') continue;
      if (el.matches(RENDERED_MATH)) continue;
      const instead = skip?.(el);
      if (typeof instead === 'string') parts.push(instead);
      if (instead !== undefined && instead !== false) continue;
      if (tag === 'math') {
        // KaTeX keeps its source in a MathML annotation; bare MathML is the author's own text.
        const source = el.querySelector('annotation[encoding="application/x-tex"]');
        parts.push(source ? tex(source.textContent, false) : (el.textContent ?? ''));
        continue;
      }
      walk(el);
    }
  };
  walk(root);
  return squash(parts.join(''));
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/**
 * A month's abbreviation or its whole name, as a word: "Dec" and "December", not the "Dec" of
 * "Decoder 2" nor the "Aug" of "Augmented 10", which a card's text may hold.
 */
const MONTH_NAMES =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t|tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\b';
/** "22 September 2026", "Thu, 2 Feb 23", "25 September, 2023". */
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})\\s+(${MONTH_NAMES})\\.?,?\\s+(\\d{4}|\\d{2})\\b`, 'i');
/** "Jun 2, 2026", "Published on Nov 3, 2025"; Hugging Face drops the year within the current one: "Aug 5". */
const MONTH_DAY_YEAR = new RegExp(`\\b(${MONTH_NAMES})\\.?\\s+(\\d{1,2})\\b(?:,?\\s+(\\d{4})\\b)?`, 'i');

/** `YYYY-MM-DD`, or nothing for a month or day that cannot be one. */
export function iso(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/**
 * The first English date in `text` as `YYYY-MM-DD`, read by hand rather than with `Date.parse`,
 * whose handling of these forms depends on the engine and the time zone. Two-digit years are 20YY
 * (arXiv's legacy headings: "Thu, 2 Feb 23"). A date without a year ("Aug 5") is only read when
 * `reference` (a `YYYY-MM-DD` day) is given: it is the last such day on or before the day after the
 * reference.
 */
export function findDate(text: string, reference?: string): string | undefined {
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) {
    const [, d = '', m = '', y = ''] = dmy;
    return iso(y.length === 2 ? 2000 + Number(y) : Number(y), monthNumber(m), Number(d));
  }
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (!mdy) return undefined;
  const [, m = '', d = '', y] = mdy;
  if (y !== undefined) return iso(Number(y), monthNumber(m), Number(d));
  if (!isIsoDay(reference)) return undefined;
  // The site prints the reader's local day; the reference may be the UTC day, a day behind east of
  // Greenwich: "Jan 1" read on Dec 31 UTC is tomorrow, not a day 364 days old.
  const latest = nextDay(reference);
  const year = Number(reference.slice(0, 4));
  for (const y of [year + 1, year, year - 1]) {
    const guess = iso(y, monthNumber(m), Number(d));
    if (guess === undefined) return undefined;
    if (guess <= latest) return guess;
  }
  return undefined;
}

function nextDay(isoDay: string): string {
  const t = Date.UTC(Number(isoDay.slice(0, 4)), Number(isoDay.slice(5, 7)) - 1, Number(isoDay.slice(8, 10)) + 1);
  return new Date(t).toISOString().slice(0, 10);
}

/** A page's `<meta name>` content (`citation_title`, `citation_date`…), squashed; undefined when absent or empty. */
export function metaContent(doc: Document, name: string): string | undefined {
  const v = doc.querySelector(`meta[name="${name}"]`)?.getAttribute('content');
  return v ? squash(v) : undefined;
}

/** Every `<meta name>` content of that name (`citation_author`, one a name), in page order, squashed, empties left out. */
export function metaContents(doc: Document, name: string): string[] {
  return [...doc.querySelectorAll(`meta[name="${name}"]`)].map((m) => squash(m.getAttribute('content') ?? '')).filter((v) => v !== '');
}

/** "Last, First" (as `citation_author` gives names) → "First Last", as pages print them elsewhere. */
export function citationName(citation: string): string {
  const [last = '', ...rest] = citation.split(', ');
  return rest.length > 0 ? squash(`${rest.join(' ')} ${last}`) : squash(last);
}

/**
 * A search page's label in a paper's history: what was asked, quoted ("“massive activations”",
 * so "Seen 2×: Google Scholar “massive activations”"), cut at 60 characters; "search" when the
 * address does not say.
 */
export function searchLabel(query: string | null | undefined): string {
  const q = squash(query ?? '');
  if (!q) return 'search';
  return `“${q.length > 60 ? `${q.slice(0, 59)}…` : q}”`;
}

/** `2025-11-03` → "Nov 3". */
export function shortDay(isoDay: string): string {
  const [, m, d] = isoDay.split('-');
  const name = MONTHS[Number(m) - 1];
  if (name === undefined || d === undefined) return isoDay;
  return `${name[0]?.toUpperCase()}${name.slice(1)} ${Number(d)}`;
}

/** The `YYYY-MM-DD` day of an ISO timestamp (`2026-06-02T00:00:00.000Z`), if it is one. */
export function isoDayOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  return m?.[1];
}

export function isIsoDay(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}
