/**
 * Text ↔ LaTeX for BibTeX values. Export keeps accents as UTF-8 (biber, BibTeX with inputenc and
 * Zotero all read it) and escapes only what LaTeX or BibTeX would misread. Import decodes what
 * Zotero and hand-written files commonly contain.
 */

import { mathSpans, outsideMath } from '../tex-math';

// BibTeX counts every brace, escaped or not, so `\{` would unbalance a value: use brace-free forms.
const ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/**
 * Plain text → a LaTeX-safe string whose braces are balanced. Runs of hyphens stay hyphens: `--`
 * and `---` are dashes to LaTeX and to BibTeX readers (ours, Zotero's), so an empty group goes
 * between them (`-{}-`), which every reader drops.
 */
export function escapeLatex(text: string): string {
  // Most text has nothing to escape: one scan, no callback per character (a 100k-paper export
  // escapes ~100M characters of abstracts).
  const special = SPECIAL.test(text);
  const dashes = text.includes('--');
  if (!special && !dashes) return text;
  const out = special ? text.replace(SPECIALS, (c) => ESCAPES[c] ?? c) : text;
  return dashes ? out.replace(HYPHEN_BEFORE_HYPHEN, '-{}') : out;
}
const SPECIAL = /[\\{}&%$#_~^]/;
const SPECIALS = /[\\{}&%$#_~^]/g;
const HYPHEN_BEFORE_HYPHEN = /-(?=-)/g;

/**
 * Text from a page (a title, an abstract) → LaTeX: as `escapeLatex`, but its math stays math, so
 * "$\alpha$-Divergence" prints α, not the dollars and backslash it was written with.
 */
export function escapeLatexText(text: string): string {
  return outsideMath(text, escapeLatex);
}

/**
 * A title for BibTeX: escaped, with capitalised words wrapped in braces so styles that change case
 * keep "BERT", "ImageNet" or "Transformers" as written. Runs of such words share one group.
 */
export function protectTitle(title: string): string {
  const trimmed = title.trim();
  // A squashed title (single spaces, as exports pass it) is cut at its spaces without a regex.
  let parts = /\s\s|[^\S ]/.test(trimmed) ? trimmed.split(/(\s+)/) : spaced(trimmed);
  const spans = trimmed.includes('$') ? mathSpans(trimmed) : [];
  if (spans.length) parts = joinMath(parts, spans);
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length === 0) return;
    // Trailing whitespace stays outside the group.
    const trail = run[run.length - 1]?.match(/^\s+$/) ? run.pop()! : '';
    const text = run.join('');
    // A group opening with a backslash (`{\#CSP}`) is a "special character" to BibTeX, whose
    // change.case$ lowers the letters inside: a second pair of braces keeps it a plain group.
    out.push(text.charCodeAt(0) === BACKSLASH ? `{{${text}}}` : `{${text}}`, trail);
    run = [];
  };
  let firstWord = true;
  for (const part of parts) {
    if (part === '') continue;
    if (/^\s+$/.test(part)) {
      (run.length > 0 ? run : out).push(part);
      continue;
    }
    // BibTeX's change.case$ leaves only the title's very first character alone: the first word's
    // other capitals ("3D", "#CSP", "\"Quoted\"", "ImageNet") need braces like any other word's.
    // Math is braced whatever its case: change.case$ would lower `\Phi` to `\phi`.
    const math = spans.length > 0 && part.includes('$') && mathSpans(part).length > 0;
    const caps = math || hasCapital(firstWord ? part.slice(1) : part);
    firstWord = false;
    const text = math ? escapeLatexText(part) : escapeLatex(part);
    if (caps) run.push(text);
    else {
      flush();
      out.push(text);
    }
  }
  flush();
  return out.join('');
}

/** Whitespace-split parts, with the parts of one formula (`$O(n \log n)$`) joined back into one word. */
function joinMath(parts: string[], spans: [number, number][]): string[] {
  const out: string[] = [];
  let at = 0;
  let s = 0;
  for (const part of parts) {
    while (s < spans.length && spans[s]![1] <= at) s++;
    const inside = s < spans.length && spans[s]![0] < at && at < spans[s]![1];
    // A space inside a formula, and the part after it, belong to the word before.
    if (inside && out.length > 0) out[out.length - 1] += part;
    else out.push(part);
    at += part.length;
  }
  return out;
}

const BACKSLASH = 0x5c;

/** `text.split(/(\s+)/)` for a text whose only whitespace is single spaces. */
function spaced(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = text.indexOf(' '); i !== -1; i = text.indexOf(' ', start)) {
    out.push(text.slice(start, i), ' ');
    start = i + 1;
  }
  out.push(text.slice(start));
  return out;
}

/** Has an upper-case letter: ASCII words (most of them) are checked without Unicode tables. */
function hasCapital(word: string): boolean {
  return /[^\x00-\x7f]/.test(word) ? /\p{Lu}/u.test(word) : /[A-Z]/.test(word);
}

/** Accent commands → the combining mark they put on the next letter. */
const ACCENTS: Record<string, string> = {
  '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304',
  '.': '\u0307', u: '\u0306', v: '\u030C', H: '\u030B', c: '\u0327', k: '\u0328', r: '\u030A',
  d: '\u0323', b: '\u0331', t: '\u0361',
};

/** Commands that stand for one character (or nothing). */
const SYMBOLS: Record<string, string> = {
  ss: 'ß', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', l: 'ł', L: 'Ł',
  i: 'ı', j: 'ȷ', dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ',
  textbackslash: '\\', textbraceleft: '{', textbraceright: '}', textasciitilde: '~',
  textasciicircum: '^', textunderscore: '_', textendash: '–', textemdash: '—', textquoteright: '’',
  textquoteleft: '‘', textquotedblleft: '“', textquotedblright: '”', textellipsis: '…', ldots: '…',
  dots: '…', textbullet: '•', textregistered: '®', texttrademark: '™', copyright: '©', textdegree: '°',
  S: '§', P: '¶', dag: '†', ddag: '‡', pounds: '£', euro: '€', textless: '<', textgreater: '>',
  textbar: '|', slash: '/', relax: '', protect: '', noopsort: '', nobreakspace: '\u00A0',
};

/** Formatting commands whose argument is kept as text. */
const WRAPPERS = new Set([
  'textit', 'textbf', 'emph', 'textsc', 'textrm', 'textsf', 'texttt', 'textup', 'textsl', 'textnormal',
  'mbox', 'text', 'textsuperscript', 'textsubscript', 'uppercase', 'lowercase', 'MakeUppercase', 'url', 'href',
  'mathrm', 'mathit', 'mathbf', 'nocase', 'enquote',
]);

/**
 * LaTeX in a BibTeX value → plain text: accents (`{\"u}`, `\"{u}`, `\"u`, `\c c`), escaped
 * specials, symbol commands, formatting commands, `--`/`---`, `~`, and grouping braces. Unknown
 * commands (say `\alpha` in a title's math) are kept as written: losing them would change meaning.
 */
export function decodeLatex(value: string, opts: { typography?: boolean } = {}): string {
  // Keywords and similar lists are literal strings: `--` and `~` there are not dashes or spaces.
  const typography = opts.typography ?? true;
  let out = '';
  let i = 0;
  const n = value.length;
  // Math is kept as written: `$\{x\}$` or `$a--b$` mean what they say only as TeX.
  const spans = value.includes('$') ? mathSpans(value) : [];
  let span = 0;
  // Reads one argument: a braced group (decoded) or a single character.
  const readArg = (): string => {
    while (i < n && value[i] === ' ') i++;
    if (value[i] === '{') {
      const end = matchingBrace(value, i);
      const inner = value.slice(i + 1, end);
      i = end + 1;
      return decodeLatex(inner, opts);
    }
    if (value[i] === '\\') {
      const m = value.slice(i).match(/^\\([A-Za-z]+)\s*/);
      if (m?.[1] && SYMBOLS[m[1]] !== undefined) {
        i += m[0].length;
        return SYMBOLS[m[1]] ?? '';
      }
    }
    const c = value[i] ?? '';
    i++;
    return c;
  };
  while (i < n) {
    const c = value[i]!;
    // Spans an argument's own decoding passed over are behind.
    while (span < spans.length && spans[span]![0] < i) span++;
    if (span < spans.length && spans[span]![0] === i) {
      const end = spans[span++]![1];
      out += value.slice(i, end);
      i = end;
      continue;
    }
    if (c === '\\') {
      const next = value[i + 1];
      if (next === undefined) {
        out += '\\';
        i++;
        continue;
      }
      if (/[A-Za-z]/.test(next)) {
        const m = value.slice(i).match(/^\\([A-Za-z]+)/)!;
        const name = m[1]!;
        i += m[0].length;
        if (ACCENTS[name] !== undefined && name.length === 1) {
          // `\c c`, `\v{s}`: a space may separate a letter-named accent from its argument.
          const arg = readArg();
          out += applyAccent(arg, ACCENTS[name]);
          continue;
        }
        // A control word swallows the spaces after it.
        while (value[i] === ' ') i++;
        if (SYMBOLS[name] !== undefined) {
          out += SYMBOLS[name];
          // `\ss{}`: the empty group only ended the command.
          if (value.startsWith('{}', i)) i += 2;
        } else if (WRAPPERS.has(name)) {
          if (name === 'href' && value[i] === '{') readArg(); // drop the link target, keep the text
          out += value[i] === '{' ? readArg() : '';
        } else {
          out += `\\${name}`;
          if (value[i - 1] === ' ' && /[A-Za-z]/.test(value[i] ?? '')) out += ' ';
        }
        continue;
      }
      if (ACCENTS[next] !== undefined) {
        i += 2;
        out += applyAccent(readArg(), ACCENTS[next]);
        continue;
      }
      // `\&`, `\%`, `\{`, `\ ` and friends: the character itself.
      out += next === ' ' ? ' ' : next;
      i += 2;
      continue;
    }
    if (c === '{' || c === '}') {
      i++;
      continue;
    }
    if (!typography) {
      out += c;
      i++;
      continue;
    }
    if (c === '~') {
      out += ' ';
      i++;
      continue;
    }
    if (c === '-' && value.startsWith('---', i)) {
      out += '—';
      i += 3;
      continue;
    }
    if (c === '-' && value.startsWith('--', i)) {
      out += '–';
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  return out.normalize('NFC');
}

function applyAccent(arg: string, mark: string): string {
  if (arg === '') return mark.trim();
  // Dotless i/j carry accents in LaTeX (`\'{\i}`); Unicode puts them on the dotted letter.
  const base = arg[0] === 'ı' ? 'i' : arg[0] === 'ȷ' ? 'j' : arg.slice(0, 1);
  return (base + mark + arg.slice(1)).normalize('NFC');
}

/** Index of the brace closing the one at `open`, or the end of the string when unbalanced. */
function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    const ch = s[j];
    if (ch === '\\') {
      j++;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return j;
  }
  return s.length;
}

/** Collapse runs of whitespace (BibTeX values wrap across lines). */
export function squash(text: string): string {
  // Single spaces between words are already squashed: only trim unless there is more to do.
  if (!UNSQUASHED.test(text)) return text.trim();
  return text.replace(/\s+/g, ' ').trim();
}
/** Whitespace other than a single space: a run of two, or a tab, newline, no-break space… */
const UNSQUASHED = /\s\s|[^\S ]/;
