/**
 * A BibTeX reader: entries with `{…}` or `(…)` delimiters, braced and quoted values, numbers,
 * `@string` macros (and the month macros BibTeX predefines), `#` concatenation, `@comment`,
 * `@preamble`, free text between entries and `%` line comments. Values come back as raw LaTeX:
 * decoding is the caller's choice because verbatim fields (url, doi, eprint) must not be decoded.
 *
 * Malformed input throws an Error naming the line and entry, so an import can tell the user
 * where the file is broken instead of silently dropping papers.
 */

export interface BibEntry {
  /** Lower-case: `article`, `misc`, … */
  type: string;
  key: string;
  /** Lower-case field names → raw values. */
  fields: Record<string, string>;
  /** 1-based line of the `@`. */
  line: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function readBibtex(text: string): BibEntry[] {
  const s = text;
  const n = s.length;
  let pos = 0;
  const macros = new Map<string, string>(MONTHS.map((m, i) => [m, String(i + 1)]));
  const entries: BibEntry[] = [];

  // Entries come in order, so line numbers are counted on from the last one: linear overall.
  let countedTo = 0;
  let countedLine = 1;
  const lineAt = (at: number): number => {
    if (at < countedTo) {
      countedTo = 0;
      countedLine = 1;
    }
    for (let j = s.indexOf('\n', countedTo); j !== -1 && j < at; j = s.indexOf('\n', j + 1)) countedLine++;
    countedTo = at;
    return countedLine;
  };
  const fail = (message: string, at = pos): never => {
    // Callers may append their own sentence ("Nothing was imported."), so end this one.
    throw new Error(`BibTeX error on line ${lineAt(at)}: ${message}.`);
  };
  // Whitespace and, inside entries, `%` comments to the end of the line.
  const skip = (): void => {
    while (pos < n) {
      const c = s[pos]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') pos++;
      else if (c === '%') {
        const eol = s.indexOf('\n', pos);
        pos = eol === -1 ? n : eol + 1;
      } else break;
    }
  };
  const ident = (): string => {
    const m = /[A-Za-z_][\w\-.:+/]*/y;
    m.lastIndex = pos;
    const r = m.exec(s);
    if (!r) return '';
    pos += r[0].length;
    return r[0];
  };
  /** From an opening `{` to its match; returns the inner text. `\{` and `\}` do not count. */
  const braced = (what: () => string): string => {
    const start = pos;
    let depth = 0;
    for (; pos < n; pos++) {
      const c = s[pos];
      if (c === '\\' && (s[pos + 1] === '{' || s[pos + 1] === '}')) pos++;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        pos++;
        return s.slice(start + 1, pos - 1);
      }
    }
    return fail(`unbalanced braces: ${what()} is never closed`, start);
  };
  const quoted = (what: () => string): string => {
    const start = pos;
    let depth = 0;
    for (pos++; pos < n; pos++) {
      const c = s[pos];
      if (c === '\\' && (s[pos + 1] === '{' || s[pos + 1] === '}' || s[pos + 1] === '"')) pos++;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '"' && depth === 0) {
        pos++;
        return s.slice(start + 1, pos - 1);
      }
    }
    return fail(`unterminated quoted value: ${what()} is never closed`, start);
  };
  const value = (what: () => string): string => {
    let out = '';
    for (;;) {
      skip();
      const c = s[pos];
      if (c === '{') out += braced(what);
      else if (c === '"') out += quoted(what);
      else if (c !== undefined && /\d/.test(c)) {
        const m = /\d+/y;
        m.lastIndex = pos;
        const r = m.exec(s)!;
        pos += r[0].length;
        out += r[0];
      } else {
        const name = ident();
        if (name === '') return fail(`expected a value for ${what()}`);
        out += macros.get(name.toLowerCase()) ?? name;
      }
      skip();
      if (s[pos] !== '#') return out;
      pos++;
    }
  };
  /** Skips an `@comment` or `@preamble` body, balanced like BibTeX does. */
  const skipBody = (close: string, what: () => string): void => {
    if (close === '}') {
      pos--; // back onto the `{`
      braced(what);
      return;
    }
    const end = s.indexOf(')', pos);
    if (end === -1) fail(`${what()} is never closed`);
    pos = end + 1;
  };

  while (pos < n) {
    const at = s.indexOf('@', pos);
    if (at === -1) break;
    pos = at + 1;
    skip();
    const type = ident().toLowerCase();
    skip();
    const open = s[pos];
    // An `@` in free text (an e-mail address in a comment) is not an entry.
    if (type === '' || (open !== '{' && open !== '(')) continue;
    const close = open === '{' ? '}' : ')';
    pos++;
    const line = lineAt(at);
    if (type === 'comment' || type === 'preamble') {
      skipBody(close, () => `the @${type} starting on line ${line}`);
      continue;
    }
    if (type === 'string') {
      skip();
      const name = ident();
      if (name === '') fail('expected a macro name in @string');
      skip();
      if (s[pos] !== '=') fail(`expected "=" after @string name "${name}"`);
      pos++;
      const v = value(() => `@string "${name}"`);
      macros.set(name.toLowerCase(), v);
      skip();
      if (s[pos] !== close) fail(`expected "${close}" to end @string "${name}"`);
      pos++;
      continue;
    }

    skip();
    const keyMatch = /[^,\s{}()"=#%]*/y;
    keyMatch.lastIndex = pos;
    const key = keyMatch.exec(s)?.[0] ?? '';
    pos += key.length;
    const label = key ? `entry "${key}"` : `the @${type} entry`;
    const entryWhat = () => `${label} starting on line ${line}`;
    const fields: Record<string, string> = {};
    skip();
    if (s[pos] === ',') pos++;
    else if (s[pos] !== close) fail(`expected "," after the key of ${entryWhat()}`);
    for (;;) {
      skip();
      if (pos >= n) fail(`unbalanced braces: ${entryWhat()} is never closed`, at);
      if (s[pos] === close) {
        pos++;
        break;
      }
      // A new entry before this one closed: the braces of this one do not balance.
      if (s[pos] === '@') fail(`unbalanced braces: ${entryWhat()} is never closed`, at);
      const name = ident().toLowerCase();
      if (name === '') fail(`unexpected "${s[pos]}" in ${entryWhat()}`);
      skip();
      if (s[pos] !== '=') fail(`expected "=" after field "${name}" in ${entryWhat()}`);
      pos++;
      fields[name] = value(() => `field "${name}" of ${entryWhat()}`);
      skip();
      if (s[pos] === ',') pos++;
      else if (s[pos] !== close) {
        if (pos >= n) fail(`unbalanced braces: ${entryWhat()} is never closed`, at);
        fail(`expected "," or "${close}" after field "${name}" in ${entryWhat()}`);
      }
    }
    entries.push({ type, key, fields, line });
  }
  return entries;
}
