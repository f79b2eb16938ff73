/**
 * TeX math inside page text (`$\alpha$-Divergence`): where it is, so exports can keep it as math
 * (BibTeX, Markdown), the BibTeX import can read it as written, and the extension's pages can show it
 * as text (tex-unicode.ts).
 */

/**
 * Where `text` holds TeX math, as Pandoc reads it: `$…$` whose opening `$` is followed, and whose
 * closing `$` is preceded, by a non-space, the closing one followed by no digit (so "from $5 to
 * $10" is text) unless the span holds a command (`$\sim$100B`), and `$$…$$`; an escaped `\$` is
 * a dollar. The math must balance its braces, which BibTeX counts. arXiv titles and abstracts
 * carry their formulas this way (`$\alpha$-Divergence`).
 */
export function mathSpans(text: string): [start: number, end: number][] {
  const spans: [number, number][] = [];
  let i = text.indexOf('$');
  while (i !== -1) {
    const escaped = i > 0 && text[i - 1] === '\\';
    const d = text[i + 1] === '$' ? 2 : 1;
    const from = i + d;
    const end = escaped || from >= text.length || SPACE.test(text[from]!) ? -1 : closingDollar(text, from, d);
    if (end !== -1 && balanced(text, from, end)) {
      spans.push([i, end + d]);
      i = text.indexOf('$', end + d);
    } else i = text.indexOf('$', escaped ? i + 1 : from);
  }
  return spans;
}
const SPACE = /\s/;
const CONTROL_WORD = /\\[a-zA-Z]/;

/** The `$` (or `$$`) that closes math opened before `from`, or -1: the first unescaped one must. */
function closingDollar(text: string, from: number, d: number): number {
  let j = text.indexOf('$', from);
  while (j !== -1 && text[j - 1] === '\\') j = text.indexOf('$', j + 1);
  if (j === -1 || j === from || SPACE.test(text[j - 1]!)) return -1;
  if (d === 2) return text[j + 1] === '$' ? j : -1;
  if (text[j + 1] === '$') return -1;
  // A digit after the closing `$` marks money ("from $5 to $10"), unless the span holds a TeX
  // command, which money never does: arXiv's "$\sim$100B" and "$\times$10" are math (MathJax
  // renders them so) where Pandoc's rule alone would print them literally.
  return /[0-9]/.test(text[j + 1] ?? '') && !CONTROL_WORD.test(text.slice(from, j)) ? -1 : j;
}

function balanced(text: string, from: number, to: number): boolean {
  let depth = 0;
  for (let j = from; j < to; j++) {
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * `escape` applied to the text around `text`'s math (`mathSpans`), the math kept as written; a
 * span `keep` refuses is escaped with the rest.
 */
export function outsideMath(text: string, escape: (s: string) => string, keep?: (math: string) => boolean): string {
  const spans = text.includes('$') ? mathSpans(text) : [];
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    const math = text.slice(start, end);
    if (keep && !keep(math)) continue;
    out += escape(text.slice(at, start)) + math;
    at = end;
  }
  return at === 0 ? escape(text) : out + escape(text.slice(at));
}
