/**
 * TeX math in titles and abstracts shown as text a reader reads at a glance: arXiv gives
 * `$\alpha$-Divergence` and `$\mathcal{O}(n^2)$`, which its pages render with MathJax; the library,
 * popup and panel show `α-Divergence` and `𝒪(n²)`. Stored text keeps the TeX (exports and search
 * read it); this is for display only.
 *
 * A formula is converted only when every part of it has a Unicode form (symbols, Greek, the script,
 * double-struck and bold alphabets, scripts whose characters all exist raised or lowered, simple
 * fractions and roots); anything else (`\binom{n}{k}`, `x_{\max}`, an unknown command) leaves the
 * whole formula as written, since a half-converted formula would misstate it and researchers read
 * TeX anyway.
 */
import { mathSpans } from './tex-math';

/** `text` with each formula it holds (`mathSpans`) converted where it fully can be. */
export function texToUnicode(text: string): string {
  if (!text.includes('$')) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of mathSpans(text)) {
    const d = text[start + 1] === '$' ? 2 : 1;
    const converted = formula(text.slice(start + d, end - d));
    if (converted === undefined) continue;
    out += text.slice(at, start) + converted;
    at = end;
  }
  return at === 0 ? text : out + text.slice(at);
}

/** A formula's body as text, or undefined when some part of it has no Unicode form. */
function formula(body: string): string | undefined {
  try {
    const out = new Reader(body).list(false).replace(OPERATOR_EDGE, (_, at: number, all: string) =>
      WORD_CHAR.test(all[at - 1] ?? '') && WORD_CHAR.test(all[at + 1] ?? '') ? ' ' : '',
    );
    return out.replace(/\s+/g, ' ').trim() || undefined;
  } catch (e) {
    if (e === UNREADABLE) return undefined;
    throw e;
  }
}

/**
 * Marks both ends of an operator's name (`\log`): spaced from a letter or digit beside it
 * (`n log n`), from nothing else (`log(n)`).
 */
const OPERATOR_EDGE = /\u0001/g;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const UNREADABLE = Symbol('unreadable');
function fail(): never {
  throw UNREADABLE;
}

class Reader {
  private i = 0;
  constructor(private readonly s: string) {}

  /** Atoms up to the end, or (`inGroup`) to the closing brace. */
  list(inGroup: boolean): string {
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === '}') {
        if (!inGroup) fail();
        this.i++;
        return out;
      }
      if (c === '^' || c === '_') {
        this.i++;
        out += script(this.argument(), c === '^' ? SUPERSCRIPT : SUBSCRIPT);
      } else out += this.atom();
    }
    if (inGroup) fail();
    return out;
  }

  /** One character, command or group. */
  private atom(): string {
    const c = this.s[this.i]!;
    if (c === '{') {
      this.i++;
      return this.list(true);
    }
    if (c === '\\') return this.command();
    this.i++;
    if (c === '-') return '−';
    if (c === '~') return ' ';
    if (c === "'") return '′';
    if (c === '&' || c === '#' || c === '%') fail();
    return c;
  }

  /** A script's or command's argument: a group or a single atom (spaces before it skipped). */
  private argument(): string {
    while (this.s[this.i] === ' ') this.i++;
    if (this.i >= this.s.length || this.s[this.i] === '}') fail();
    return this.atom();
  }

  /** The argument as written (for `\text`), braces removed: its spaces are the text's. */
  private rawArgument(): string {
    while (this.s[this.i] === ' ') this.i++;
    if (this.s[this.i] !== '{') return this.argument();
    let depth = 0;
    const from = this.i + 1;
    for (; this.i < this.s.length; this.i++) {
      if (this.s[this.i] === '{') depth++;
      else if (this.s[this.i] === '}' && --depth === 0) break;
    }
    const raw = this.s.slice(from, this.i++);
    if (/[\\{}$^_]/.test(raw)) fail();
    return raw;
  }

  private command(): string {
    const m = /^\\([a-zA-Z]+|.)/.exec(this.s.slice(this.i, this.i + 40));
    if (!m) fail();
    this.i += m[0].length;
    const name = m[1]!;
    // Own entries only: a formula's `\constructor` must not find Object's.
    const symbol = Object.hasOwn(SYMBOLS, name) ? SYMBOLS[name] : undefined;
    if (symbol !== undefined) return symbol;
    if (OPERATORS.has(name)) return `\u0001${name}\u0001`;
    if (name === 'sqrt') {
      if (this.s[this.i] === '[') fail();
      return '√' + grouped(this.argument());
    }
    if (FRACTIONS.has(name)) return grouped(this.argument()) + '/' + grouped(this.argument());
    if (SIZES.has(name)) return '';
    if (TEXT.has(name)) return this.rawArgument();
    if (PLAIN.has(name)) return this.argument();
    const alphabet = Object.hasOwn(ALPHABETS, name) ? ALPHABETS[name] : undefined;
    if (alphabet) return [...this.argument()].map((ch) => alphabet(ch) ?? fail()).join('');
    const accent = Object.hasOwn(ACCENTS, name) ? ACCENTS[name] : undefined;
    if (accent) {
      const arg = [...this.argument()];
      if (arg.length !== 1) fail();
      return arg[0] + accent;
    }
    return fail();
  }
}

/** A root's or fraction's part, in parentheses unless it is one character or already in a pair. */
function grouped(part: string): string {
  const t = part.trim();
  if (t === '') fail();
  return [...t].length === 1 || enclosed(t) ? t : `(${t})`;
}

/** Whether the first character's parenthesis closes at the last one: `(a+b)`, not `(a)+(b)`. */
function enclosed(t: string): boolean {
  if (t[0] !== '(') return false;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '(') depth++;
    else if (t[i] === ')' && --depth === 0) return i === t.length - 1;
  }
  return false;
}

function script(arg: string, table: Record<string, string>): string {
  let out = '';
  for (const ch of arg.trim()) {
    if (ch === ' ') continue;
    out += table[ch] ?? fail();
  }
  if (out === '') fail();
  return out;
}

const SUPERSCRIPT = table(
  '0123456789+−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδθφχ′*†⊤∘',
  '⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟᶿᵠᵡ′*†ᵀ°',
);
const SUBSCRIPT = table('0123456789+−=()aehijklmnoprstuvxβγρφχ', '₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ');

function table(from: string, to: string): Record<string, string> {
  const a = [...from];
  const b = [...to];
  if (a.length !== b.length) throw new Error('tex-unicode: table lengths differ');
  return Object.fromEntries(a.map((ch, i) => [ch, b[i]!]));
}

/** Letters from a Mathematical Alphanumeric Symbols block, with the ones Unicode placed earlier. */
function alphabet(capitalA: number, smallA: number | undefined, holes: Record<string, string>, digit0?: number) {
  return (ch: string): string | undefined => {
    if (holes[ch]) return holes[ch];
    const c = ch.charCodeAt(0);
    if (ch.length !== 1) return undefined;
    if (c >= 65 && c <= 90) return String.fromCodePoint(capitalA + c - 65);
    if (smallA !== undefined && c >= 97 && c <= 122) return String.fromCodePoint(smallA + c - 97);
    if (digit0 !== undefined && c >= 48 && c <= 57) return String.fromCodePoint(digit0 + c - 48);
    if (ch === ' ') return '';
    return undefined;
  };
}

const SCRIPT_HOLES = { B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ', e: 'ℯ', g: 'ℊ', o: 'ℴ' };
const DOUBLE_STRUCK_HOLES = { C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ' };
const FRAKTUR_HOLES = { C: 'ℭ', H: 'ℌ', I: 'ℑ', R: 'ℜ', Z: 'ℨ' };
const bold = alphabet(0x1d400, 0x1d41a, {}, 0x1d7ce);
const ALPHABETS: Record<string, (ch: string) => string | undefined> = {
  mathcal: alphabet(0x1d49c, 0x1d4b6, SCRIPT_HOLES),
  mathscr: alphabet(0x1d49c, 0x1d4b6, SCRIPT_HOLES),
  mathbb: alphabet(0x1d538, 0x1d552, DOUBLE_STRUCK_HOLES, 0x1d7d8),
  mathfrak: alphabet(0x1d504, 0x1d51e, FRAKTUR_HOLES),
  mathbf: bold,
  boldsymbol: (ch) => bold(ch) ?? (GREEK_LETTERS.has(ch) ? ch : undefined),
  bm: (ch) => bold(ch) ?? (GREEK_LETTERS.has(ch) ? ch : undefined),
};

const ACCENTS: Record<string, string> = {
  hat: '\u0302',
  widehat: '\u0302',
  bar: '\u0304',
  overline: '\u0305',
  tilde: '\u0303',
  widetilde: '\u0303',
  vec: '\u20d7',
  dot: '\u0307',
  ddot: '\u0308',
};

/** Commands whose argument is text, spaces and all. */
const TEXT = new Set(['text', 'textrm', 'textit', 'textbf', 'textsf', 'texttt', 'mbox', 'operatorname', 'emph']);
/** Font commands with no Unicode alphabet worth using: their argument as it is. */
const PLAIN = new Set(['mathrm', 'mathit', 'mathsf', 'mathtt', 'mathnormal', 'displaystyle', 'textstyle']);
const FRACTIONS = new Set(['frac', 'tfrac', 'dfrac']);
const SIZES = new Set(['left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'middle', 'limits', 'nolimits']);
const OPERATORS = new Set([
  'log', 'ln', 'exp', 'sin', 'cos', 'tan', 'tanh', 'sinh', 'cosh', 'max', 'min', 'arg', 'argmax', 'argmin',
  'lim', 'sup', 'inf', 'det', 'dim', 'ker', 'deg', 'gcd', 'Pr', 'mod', 'softmax', 'poly', 'polylog',
]);

const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ', eta: 'η',
  theta: 'θ', vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π',
  varpi: 'ϖ', rho: 'ρ', varrho: 'ϱ', sigma: 'σ', varsigma: 'ς', tau: 'τ', upsilon: 'υ', phi: 'ϕ',
  varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ',
  Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
};
const GREEK_LETTERS = new Set(Object.values(GREEK));

const SYMBOLS: Record<string, string> = {
  ...GREEK,
  times: '×', cdot: '⋅', cdots: '⋯', ldots: '…', dots: '…', div: '÷', pm: '±', mp: '∓', ast: '∗',
  star: '⋆', circ: '∘', bullet: '∙', oplus: '⊕', otimes: '⊗', odot: '⊙',
  leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', ne: '≠', approx: '≈', sim: '∼', simeq: '≃',
  cong: '≅', equiv: '≡', propto: '∝', ll: '≪', gg: '≫', prec: '≺', succ: '≻', lesssim: '≲', gtrsim: '≳',
  to: '→', rightarrow: '→', leftarrow: '←', gets: '←', leftrightarrow: '↔', Rightarrow: '⇒',
  Leftarrow: '⇐', Leftrightarrow: '⇔', iff: '⇔', implies: '⇒', mapsto: '↦', uparrow: '↑',
  downarrow: '↓', longrightarrow: '⟶', rightleftharpoons: '⇌',
  in: '∈', notin: '∉', ni: '∋', subset: '⊂', subseteq: '⊆', supset: '⊃', supseteq: '⊇', cup: '∪',
  cap: '∩', setminus: '∖', emptyset: '∅', varnothing: '∅', forall: '∀', exists: '∃', neg: '¬',
  lnot: '¬', land: '∧', wedge: '∧', lor: '∨', vee: '∨', top: '⊤', bot: '⊥', perp: '⊥', mid: '∣',
  parallel: '∥', vdash: '⊢', models: '⊨',
  infty: '∞', partial: '∂', nabla: '∇', sum: '∑', prod: '∏', int: '∫', oint: '∮',   ell: 'ℓ', hbar: 'ℏ', Re: 'ℜ', Im: 'ℑ', aleph: 'ℵ', wp: '℘', prime: '′', dagger: '†', ddagger: '‡',
  angle: '∠', triangle: '△', Box: '□', square: '□', checkmark: '✓', degree: '°',
  langle: '⟨', rangle: '⟩', lceil: '⌈', rceil: '⌉', lfloor: '⌊', rfloor: '⌋', vert: '|', Vert: '‖',
  '|': '‖', '{': '{', '}': '}', '%': '%', $: '$', '#': '#', '&': '&', _: '_',
  ',': ' ', ';': ' ', ':': ' ', '!': '', ' ': ' ', quad: ' ', qquad: ' ',
};
