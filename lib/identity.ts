/**
 * Paper identifiers: arXiv ids, DOIs and the normalised title key used for exact title matching.
 * Pure string code with no browser dependency, so recognisers, the library and tests share it.
 */

import type { PaperRef } from './types';

export type ArxivId = { id: string; version?: number };

/**
 * Archives that used old-style ids (`archive/YYMMNNN`). Listed explicitly so that any other
 * `word/7digits` (a repository slug, a date path…) is never mistaken for an arXiv id.
 */
const OLD_ARCHIVES = [
  'acc-phys', 'adap-org', 'alg-geom', 'ao-sci', 'astro-ph', 'atom-ph', 'bayes-an', 'chao-dyn',
  'chem-ph', 'cmp-lg', 'comp-gas', 'cond-mat', 'cs', 'dg-ga', 'funct-an', 'gr-qc', 'hep-ex',
  'hep-lat', 'hep-ph', 'hep-th', 'math', 'math-ph', 'mtrl-th', 'nlin', 'nucl-ex', 'nucl-th',
  'patt-sol', 'physics', 'plasm-ph', 'q-alg', 'q-bio', 'q-fin', 'quant-ph', 'solv-int',
  'supr-con', 'stat',
];
const OLD_ARCHIVE_SET = new Set(OLD_ARCHIVES);

// Longest names first so `hep-th` is not cut to a shorter alternative by the regex engine.
const ARCHIVE_ALT = [...OLD_ARCHIVES]
  .sort((a, b) => b.length - a.length)
  .map((a) => a.replace(/-/g, '\\-'))
  .join('|');

/**
 * One id with an optional version, and nothing glued to either side (so `12401.01234` or
 * `2401.012345` do not yield a shorter id). Subject classes such as `math.GT` are accepted and
 * dropped: arXiv itself files `math.GT/0309136` as `math/0309136`.
 */
const ID_CORE = `(?:(\\d{4})\\.(\\d{4,5})|(${ARCHIVE_ALT})(?:\\.[A-Za-z]{2})?\\/(\\d{7}))(?:v(\\d{1,3}))?`;
const ID_EXACT = new RegExp(`^${ID_CORE}$`, 'i');
const ID_AFTER_PREFIX = new RegExp(`^${ID_CORE}(?![\\w.])`, 'i');
// `arXiv:2401.01234`, also `arXiv 2401.01234` as some reference lists write it.
const ARXIV_PREFIX = /(?:^|[^\w])arxiv(?:\s*:\s*|\s+)/gi;
const EMBEDDED_LINK =
  /(?:https?:\/\/)?(?:[\w-]+\.)*(?:arxiv\.org|huggingface\.co|hf\.co|alphaxiv\.org|doi\.org)\/[^\s"'<>]+/i;

function validNewStyle(yymm: string, seq: string): boolean {
  const yy = Number(yymm.slice(0, 2));
  const mm = Number(yymm.slice(2));
  if (mm < 1 || mm > 12) return false;
  // New-style ids began in April 2007; the fifth digit arrived in January 2015.
  if (yy < 7 || (yy === 7 && mm < 4)) return false;
  return seq.length === (yy >= 15 ? 5 : 4);
}

function validOldStyle(yymmnnn: string): boolean {
  const yy = Number(yymmnnn.slice(0, 2));
  const mm = Number(yymmnnn.slice(2, 4));
  if (mm < 1 || mm > 12) return false;
  // Old-style ids ran from 1991 to March 2007.
  return yy >= 91 || yy <= 7;
}

function fromMatch(m: RegExpMatchArray): ArxivId | null {
  const [, yymm, seq, archive, num, ver] = m;
  let id: string;
  if (yymm !== undefined && seq !== undefined) {
    if (!validNewStyle(yymm, seq)) return null;
    id = `${yymm}.${seq}`;
  } else if (archive !== undefined && num !== undefined) {
    const a = archive.toLowerCase();
    if (!OLD_ARCHIVE_SET.has(a) || !validOldStyle(num)) return null;
    id = `${a}/${num}`;
  } else {
    return null;
  }
  if (ver === undefined) return { id };
  const version = Number(ver);
  // arXiv versions start at 1; `v0` is not something arXiv ever issues.
  if (version < 1) return null;
  return { id, version };
}

/** Parses an id that must fill the whole string (after an optional `.pdf` and trailing slash). */
function parseIdToken(token: string): ArxivId | null {
  const t = token.trim().replace(/\/+$/, '').replace(/\.pdf$/i, '');
  const m = t.match(ID_EXACT);
  return m ? fromMatch(m) : null;
}

const ARXIV_HOSTS = /^(?:www\.|export\.|browse\.)?arxiv\.org$/;
const ARXIV_PATH_KINDS = new Set(['abs', 'pdf', 'html', 'format', 'ps', 'src', 'e-print', 'tex']);

/** `decodeURIComponent`, or the text as it stands when its escapes are malformed (addresses are page data). */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function parseArxivUrl(url: URL): ArxivId | null {
  const host = url.hostname.toLowerCase();
  const parts = safeDecode(url.pathname).split('/').filter((p) => p !== '');
  // Old-style ids span two path segments (`hep-th/9901001`), so try both lengths.
  const tryAt = (i: number): ArxivId | null => {
    const one = parts[i];
    if (one === undefined) return null;
    const two = parts[i + 1];
    if (two !== undefined) {
      const old = parseIdToken(`${one}/${two}`);
      if (old) return old;
    }
    return parseIdToken(one);
  };

  if (ARXIV_HOSTS.test(host) || host === 'ar5iv.org' || host === 'ar5iv.labs.arxiv.org') {
    const kind = parts[0]?.toLowerCase();
    if (kind === undefined || !ARXIV_PATH_KINDS.has(kind)) return null;
    return tryAt(1);
  }
  if (host === 'huggingface.co' || host === 'www.huggingface.co' || host === 'hf.co') {
    if (parts[0] !== 'papers') return null;
    return tryAt(1);
  }
  if (host === 'alphaxiv.org' || host === 'www.alphaxiv.org') {
    const kind = parts[0]?.toLowerCase();
    if (kind !== 'abs' && kind !== 'overview' && kind !== 'pdf') return null;
    return tryAt(1);
  }
  if (host === 'doi.org' || host === 'dx.doi.org' || host === 'www.doi.org') {
    const doi = normalizeDoi(url.toString());
    return doi ? arxivIdFromDoi(doi) : null;
  }
  return null;
}

function toUrl(text: string): URL | null {
  let t = text;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) {
    // Bare host forms such as `arxiv.org/abs/…` as people paste them.
    if (!/^(?:[\w-]+\.)+[a-z]{2,}\//i.test(t)) return null;
    t = `https://${t}`;
  }
  try {
    const u = new URL(t);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/**
 * The arXiv id named by `text`: a bare id (`2401.01234v3`, `hep-th/9901001`), an `arXiv:`-prefixed id,
 * an arXiv DOI, or a URL on arxiv.org, huggingface.co/papers, alphaxiv.org or doi.org; the last
 * three also inside longer text (`arXiv:2401.01234 [cs.LG]`). The id comes back without its version.
 *
 * Bare numbers are only accepted when they are the whole text and a valid id (month 01–12, four
 * digits before 2015 and five from 2015), so years, prices or phone numbers never parse.
 */
export function parseArxivId(text: string): ArxivId | null {
  const t = text.trim();
  if (t === '') return null;

  // Before URLs: `math.GT/0309136` also looks like a bare host and path.
  const bare = parseIdToken(t);
  if (bare) return bare;

  const url = /\s/.test(t) ? null : toUrl(t);
  if (url) return parseArxivUrl(url);

  const doi = normalizeDoi(t);
  if (doi) return arxivIdFromDoi(doi);

  // A link inside longer text ("code at https://arxiv.org/abs/…, see").
  const link = t.match(EMBEDDED_LINK);
  if (link?.[0] !== undefined) {
    const u = toUrl(link[0].replace(/[.,;:)\]]+$/, ''));
    const r = u ? parseArxivUrl(u) : null;
    if (r) return r;
  }

  for (const m of t.matchAll(ARXIV_PREFIX)) {
    const rest = t.slice((m.index ?? 0) + m[0].length);
    const idm = rest.match(ID_AFTER_PREFIX);
    if (idm) {
      const r = fromMatch(idm);
      if (r) return r;
    }
  }
  return null;
}

/**
 * The lowercase bare DOI (`10.xxxx/…`) in `doi:…`, `https://doi.org/…`, `dx.doi.org/…` or bare form,
 * or null. DOIs are case-insensitive by definition, so lowercasing makes them comparable.
 */
export function normalizeDoi(text: string): string | null {
  let t = text.trim();
  if (t === '') return null;
  t = t.replace(/^doi\s*:\s*/i, '');
  const m = t.match(/^(?:https?:\/\/)?(?:www\.|dx\.)?doi\.org\/(.+)$/i);
  if (m?.[1] !== undefined) t = safeDecode(m[1]);
  // Fragments and queries belong to the resolver URL, not the DOI; trailing sentence
  // punctuation comes from copied prose.
  t = t.replace(/[?#].*$/, '').replace(/[.,;]+$/, '').trim();
  if (!/^10\.\d{4,9}\/\S+$/.test(t)) return null;
  return t.toLowerCase();
}

/** The arXiv id inside an arXiv-issued DOI (`10.48550/arXiv.2401.01234`), or null. */
export function arxivIdFromDoi(doi: string): ArxivId | null {
  const d = normalizeDoi(doi) ?? doi.trim().toLowerCase();
  const m = d.match(/^10\.48550\/arxiv\.(.+)$/);
  return m?.[1] !== undefined ? parseIdToken(m[1]) : null;
}

/** An arXiv subject class: an archive (`hep-th`, `cs`) and, in most, a subject (`cs.CL`, `cond-mat.mtrl-sci`). */
const ARXIV_CLASS = /^[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]{2,}(?:-[a-z]+)*)?$/;

/** arXiv's archives today, the first part of every subject class. */
const ARXIV_ARCHIVES = new Set(
  ('astro-ph cond-mat cs econ eess gr-qc hep-ex hep-lat hep-ph hep-th math math-ph nlin nucl-ex nucl-th ' +
    'physics q-bio q-fin quant-ph stat').split(' '),
);

/**
 * Whether `text` is a whole subject class of one of arXiv's archives, in any case (`cs.CL`,
 * `cs.cl`, `hep-th`): a search term for the class, where `node.js` is two words.
 */
export function isArxivClass(text: string): boolean {
  const dot = text.indexOf('.');
  const archive = (dot < 0 ? text : text.slice(0, dot)).toLowerCase();
  return ARXIV_ARCHIVES.has(archive) && ARXIV_CLASS.test(dot < 0 ? archive : archive + text.slice(dot));
}

/**
 * The subject class `text` names: the whole text (`cs.CL`, as BibTeX's `primaryClass` holds it) or
 * its last parenthesised part (`Computation and Language (cs.CL)`, as arXiv's pages print it).
 */
export function parseArxivClass(text: string | null | undefined): string | undefined {
  const t = text?.trim() ?? '';
  const c = /\(([^()]*)\)$/.exec(t)?.[1]?.trim() ?? t;
  return c.length <= 40 && ARXIV_CLASS.test(c) ? c : undefined;
}

// ---------------------------------------------------------------------------------------------
// Title keys
// ---------------------------------------------------------------------------------------------

/**
 * Tables indexed by words taken from titles have no prototype, so `constructor` or `toString`
 * in a title never finds an Object method.
 */
function lookupTable(entries: Record<string, string>): Readonly<Record<string, string | undefined>> {
  return Object.assign(Object.create(null) as Record<string, string>, entries);
}

/** Greek letters by name, as titles spell them out ("alpha-divergence") and search folds them. */
export const GREEK = lookupTable({
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ϵ: 'epsilon', ζ: 'zeta', η: 'eta',
  θ: 'theta', ϑ: 'theta', ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi',
  ο: 'omicron', π: 'pi', ϖ: 'pi', ρ: 'rho', ϱ: 'rho', σ: 'sigma', ς: 'sigma', τ: 'tau',
  υ: 'upsilon', φ: 'phi', ϕ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega',
});
const GREEK_NAMES = new Set(Object.values(GREEK));

const NAMED_ENTITIES = lookupTable({
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  ndash: '–', mdash: '—', minus: '−', hellip: '…', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“',
  rdquo: '”', bdquo: '„', laquo: '«', raquo: '»', times: '×', middot: '·', bull: '•', shy: '\u00ad',
  szlig: 'ß', aelig: 'æ', oelig: 'œ', eth: 'ð', thorn: 'þ', copy: '©', reg: '®', trade: '™',
  deg: '°', plusmn: '±', rarr: '→', larr: '←', harr: '↔', le: '≤', ge: '≥', ne: '≠', infin: '∞',
  micro: 'µ', frac12: '½', frac14: '¼', frac34: '¾', sup2: '²', sup3: '³', percnt: '%',
});

function decodeEntities(s: string): string {
  // Twice, because scraped titles are sometimes double-escaped (`&amp;amp;`).
  for (let i = 0; i < 2 && s.includes('&'); i++) {
    s = s.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, body: string) => {
      if (body[0] === '#') {
        const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      const named = NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()];
      if (named !== undefined) return named;
      // Accented letters (`&eacute;`) fold to their base letter later anyway.
      const accented = body.match(/^([a-z])(acute|grave|circ|uml|tilde|ring|cedil|slash|caron)$/i);
      if (accented?.[1] !== undefined) return accented[1];
      const greek = body.toLowerCase();
      if (GREEK_NAMES.has(greek)) return greek;
      return whole;
    });
  }
  return s;
}

/** LaTeX commands whose argument is the visible text. */
const TEXT_COMMANDS =
  'textbf|textit|textsl|textsc|textrm|textsf|texttt|textup|textmd|textnormal|text|emph|underline|' +
  'mathrm|mathbf|mathit|mathsf|mathtt|mathcal|mathbb|mathfrak|mathscr|mathnormal|boldsymbol|bm|' +
  'operatorname|mbox|hbox|fbox|url|texorpdfstring';
const LATEX_SYMBOLS = lookupTable({
  times: '×', cdot: ' ', ast: '*', to: '→', rightarrow: '→', leftarrow: '←', leftrightarrow: '↔',
  Rightarrow: '→', mapsto: '→', infty: 'infinity', ell: 'l', sim: '~', approx: '~', pm: '±',
  leq: '≤', geq: '≥', le: '≤', ge: '≥', neq: '≠', ldots: '…', dots: '…', cdots: '…', textendash: '–',
  textemdash: '—', textquoteright: '’', textquoteleft: '‘', ss: 'ß', o: 'ø', O: 'ø', ae: 'æ',
  AE: 'æ', oe: 'œ', OE: 'œ', l: 'ł', L: 'ł', i: 'i', j: 'j', aa: 'å', AA: 'å', varepsilon: 'ε',
  vartheta: 'θ', varphi: 'φ', varsigma: 'σ', varrho: 'ρ', varpi: 'π', LaTeX: 'latex', TeX: 'tex',
  quad: ' ', qquad: ' ', newline: ' ', left: '', right: '', big: '', Big: '',
});

function stripLatex(s: string): string {
  if (!/[\\$]/.test(s)) return s;
  let t = s;
  // Escaped specials are plain characters.
  t = t.replace(/\\([&%$#_{}])/g, (_m, c: string) => (c === '$' ? '\uE000' : c === '{' || c === '}' ? '' : c));
  // Accent macros (`\'e`, `\"{o}`, `\c{c}`, `{\"u}`) keep the base letter.
  t = t.replace(/\\['"`^~=.]\s*\{?\s*([A-Za-z])\}?/g, '$1');
  t = t.replace(/\\[cvuHdbrkt]\s*\{\s*([A-Za-z])\s*\}/g, '$1');
  t = t.replace(new RegExp(`\\\\(?:${TEXT_COMMANDS})\\*?\\s*\\{`, 'g'), '{');
  t = t.replace(/\\(?:frac|dfrac|tfrac)\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, '$1/$2');
  t = t.replace(/\\([A-Za-z]+)\s*/g, (_m, name: string) => {
    const sym = LATEX_SYMBOLS[name];
    if (sym !== undefined) return sym;
    if (GREEK_NAMES.has(name.toLowerCase())) return name.toLowerCase();
    return name;
  });
  // Math delimiters, grouping braces and sub/superscript markers carry no text.
  t = t.replace(/\$+/g, '').replace(/[{}]/g, '').replace(/\s*[\^_]\s*/g, '');
  return t.replace(/\uE000/g, '$');
}

const SPECIAL_LETTERS = lookupTable({
  ß: 'ss', ẞ: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h',
});

/**
 * British → American spellings, so that the two spellings of one title share a key. Only stems
 * listed here change: a generic `-our` or `-re` rule would also rewrite `four` or `genre`.
 */
const SPELLING_STEMS: Array<[RegExp, string]> = [
  [/^(colo|behavio|neighbo|favo|labo|harbo|flavo|hono|humo|rumo|vapo|armo|endeavo|odo|savo|vigo|rigo|valo|tumo)ur/, '$1r'],
  [/^(cent|fib|met|lit|theat|calib|spect|lust|meag|sab|somb)re(s|d)?$/, '$1er$2'],
  [/^manoeuv/, 'maneuv'],
  [/^(anal|paral|catal|dial|electrol|hydrol)ys(e|ed|es|ing|er|ers)$/, '$1yz$2'],
  [/^(analog|catalog|dialog|prolog|epilog|monolog)ue(s)?$/, '$1$2'],
  [/^(defen|licen|offen|preten)ce(s)?$/, '$1se$2'],
  [/^(paed|haem|anaes|oesoph|foet|oestr|orthopaed|encyclopaed|leukaem|anaem|ischaem|oed|gynaec|aetiol|palaeo|archaeo)/, ''],
  [/^programme(s|d)?$/, 'program$1'],
  [/^(judge|acknowledge|abridge)ment(s)?$/, '$1ment$2'],
  [/^grey(s|scale)?$/, 'gray$1'],
  [/^artefact(s)?$/, 'artifact$1'],
  [/^sceptic/, 'skeptic'],
  [/^ageing$/, 'aging'],
];

const AE_OE = lookupTable({
  paed: 'ped', haem: 'hem', anaes: 'anes', oesoph: 'esoph', foet: 'fet', oestr: 'estr',
  orthopaed: 'orthoped', encyclopaed: 'encycloped', leukaem: 'leukem', anaem: 'anem',
  ischaem: 'ischem', oed: 'ed', gynaec: 'gynec', aetiol: 'etiol', palaeo: 'paleo', archaeo: 'archeo',
});

/** Whole words with a variant spelling or abbreviation that means the same. */
const WORD_VARIANTS = lookupTable({
  vs: 'versus', learnt: 'learned', spelt: 'spelled', amongst: 'among', whilst: 'while',
  aeroplane: 'airplane', aeroplanes: 'airplanes', fulfil: 'fulfill', enrol: 'enroll',
});

// Titles share most of their words, and the spelling rules are a dozen regexes a word.
const spellingCache = new Map<string, string>();

function americanise(word: string): string {
  let hit = spellingCache.get(word);
  if (hit === undefined) {
    hit = americaniseUncached(word);
    if (spellingCache.size >= 50_000) spellingCache.clear();
    spellingCache.set(word, hit);
  }
  return hit;
}

function americaniseUncached(word: string): string {
  const variant = WORD_VARIANTS[word];
  if (variant !== undefined) return variant;
  if (word.length < 4) return word;
  let w = word;
  // -isation/-ise/-yse: both spellings are common in ML titles; mapping every `-is-` verb ending
  // is safe because both sides of a comparison go through the same rule.
  w = w.replace(/isation(s?)$/, 'ization$1').replace(/is(e|ed|es|ing|er|ers)$/, 'iz$1');
  w = w.replace(/^(\w{2,})ell(ed|ing|er|ers)$/, '$1el$2');
  for (const [re, rep] of SPELLING_STEMS) {
    if (!re.test(w)) continue;
    if (rep === '') {
      w = w.replace(re, (m) => AE_OE[m] ?? m);
    } else {
      w = w.replace(re, rep);
    }
  }
  return w;
}

const DASHES = /[\u2010-\u2015\u2212\u2043\uFE58\uFE63\uFF0D]/g;
const QUOTES = /[\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F\u2032\u2033\u00AB\u00BB\u2039\u203A"'`´]/g;
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Changes whenever `titleKey` may return something else for the same title: stored title keys
 * made by an older version must then be recomputed (lib/library/derived.ts).
 */
export const TITLE_KEY_VERSION = 1;

/**
 * The normalised title used for exact matching: NFKC, accents and case folded, HTML entities and
 * LaTeX residue turned into text, quotes/dashes unified, punctuation dropped, whitespace collapsed.
 *
 * Intra-word hyphens are removed (`Pre-training` = `Pretraining`, `GPT-4` = `GPT4`) because
 * that is the common variation; a dot between digits is kept (`Qwen2.5` ≠ `Qwen2 5`) because it
 * is part of a version number. `100×`, `$100\times$` and `100 times` all become `100x`.
 */
export function titleKey(title: string): string {
  return titleKeyParts(title).key;
}

/**
 * `titleKey` and, for each of its words, the pieces a hyphen joined (`single-stage` → `single`,
 * `stage`): the dedup engine looks for number words inside compounds and judges typos piecewise.
 */
export function titleKeyParts(title: string): { key: string; pieces: string[][] } {
  let t = decodeEntities(title);
  t = stripLatex(t);
  // Each step is skipped when its characters are absent: a library import runs this 100k times.
  const nonAscii = /[^\x00-\x7f]/.test(t);
  if (nonAscii) {
    t = t.normalize('NFKC').replace(INVISIBLE, '');
    t = t.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
  }
  t = t.toLowerCase();
  if (nonAscii) {
    t = t.replace(/[ßẞæœøłđðþıħ]/g, (c) => SPECIAL_LETTERS[c] ?? c);
    t = t.replace(/[α-ωϐ-ϵ]/g, (c) => GREEK[c] ?? c);
    t = t.replace(DASHES, '-').replace(/[→⟶⇒]/g, ' to ');
  }
  t = t.replace(QUOTES, '').replace(/&/g, ' and ').replace(/%/g, ' percent ');
  if (t.includes('×') || t.includes('times')) {
    // Multiplication: `4×4` → `4x4`, `100×`/`100 times` → `100x`, `×100` → `100x`.
    t = t.replace(/(\d)\s*×\s*(\d)/g, '$1x$2');
    t = t.replace(/(\d)\s*(?:×|\btimes\b)/g, '$1x');
    t = t.replace(/×\s*(\d+(?:\.\d+)?)/g, '$1x');
    t = t.replace(/×/g, ' x ');
  }
  // Thousands separators, then the number dot rule.
  if (t.includes(',')) t = t.replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  if (t.includes('.')) {
    t = t.replace(/(\d)\.(?=\d)/g, '$1\uE001');
    t = t.replace(/([\p{L}\p{N}])\.(?=[\p{L}])/gu, '$1');
  }
  if (t.includes('-')) {
    t = t.replace(/(\d)-(?=\d)/g, '$1 ');
    // Joined hyphens are marked (U+E002) rather than dropped, for `pieces`.
    t = t.replace(/([\p{L}\p{N}+])-+(?=[\p{L}\p{N}])/gu, '$1\uE002');
  }
  t = t.replace(/[^\p{L}\p{N}+\uE001\uE002]+/gu, ' ');
  t = t.replace(/\uE001/g, '.');
  const words: string[] = [];
  const pieces: string[][] = [];
  for (const w of t.split(' ')) {
    const wordPieces = w.split('\uE002').filter((x) => x !== '').map(americanise);
    if (wordPieces.length === 0) continue;
    words.push(wordPieces.join(''));
    pieces.push(wordPieces);
  }
  return { key: words.join(' '), pieces };
}

/**
 * Canonical key of a paper: `arxiv:<id>` when an arXiv id is known (also from its URL or an arXiv
 * DOI), else `doi:<doi>`, else `title:<titleKey>`.
 */
export function paperKey(ref: PaperRef): string {
  const arxiv = arxivIdOf(ref);
  if (arxiv) return `arxiv:${arxiv.id}`;
  const doi = doiOf(ref);
  if (doi) return `doi:${doi}`;
  return `title:${titleKey(ref.title ?? '')}`;
}

/** The arXiv id a reference names, from `arxivId`, an arXiv DOI or its URL. */
export function arxivIdOf(ref: PaperRef): ArxivId | null {
  if (ref.arxivId) {
    const p = parseArxivId(ref.arxivId);
    if (p) return p;
  }
  if (ref.doi) {
    const p = arxivIdFromDoi(ref.doi);
    if (p) return p;
  }
  if (ref.url) {
    const p = parseArxivId(ref.url);
    if (p) return p;
  }
  return null;
}

/** The reference's DOI, lowercased, from `doi` or a doi.org URL; arXiv-issued DOIs included. */
export function doiOf(ref: PaperRef): string | null {
  if (ref.doi) {
    const d = normalizeDoi(ref.doi);
    if (d) return d;
  }
  if (ref.url && /doi\.org\//i.test(ref.url)) return normalizeDoi(ref.url);
  return null;
}
