/**
 * JSON.parse of one large object, in steps. A page's hydration island can be megabytes of JSON (a
 * Hugging Face month view of 5,000 papers: ~12 MB, abstracts twice); one `JSON.parse` of it takes
 * 30–170 ms, a long task no slicing can split. Here the text is first scanned for the top-level
 * members and for the items of one array member (cheap: string bodies are skipped with `indexOf`),
 * yielding every few thousand tokens, and then each item is parsed on its own, yielding between
 * items. The caller runs the generator at once or in slices (lib/page/slices.ts).
 *
 * Anything that does not scan as a well-formed object gives `null`: the caller then falls back to
 * one `JSON.parse`, so malformed input behaves exactly as before.
 */

export interface ObjectWithItems {
  /** Every top-level member except the split array, parsed. */
  members: Record<string, unknown>;
  /** The split array's items, each parsed on its own (null when an item does not parse). */
  items: unknown[] | null;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

/** Index just past the string starting at `i` (a quote), or -1. */
function stringEnd(s: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const k = s.indexOf('"', j);
    if (k < 0) return -1;
    let slashes = 0;
    for (let b = k - 1; b > i && s.charCodeAt(b) === BACKSLASH; b--) slashes++;
    if (slashes % 2 === 0) return k + 1;
    j = k + 1;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Tokens scanned between two yields. */
const TOKENS_PER_STEP = 4_000;

/**
 * Parse the JSON object `text`, splitting the array member `arrayKey` into items parsed one by one.
 * Yields between steps; returns null when `text` is not a well-formed object.
 */
export function* parseObjectSplitting(
  text: string,
  arrayKey: string,
  /** Parse only this member of each item (an item then reads `{ [itemKey]: value }`): less to allocate. */
  itemKey?: string,
): Generator<void, ObjectWithItems | null, void> {
  const n = text.length;
  let i = 0;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== OPEN_BRACE) return null;

  const spans: { key: string; start: number; end: number }[] = [];
  const itemSpans: [number, number][] = [];
  let split: { start: number; end: number } | null = null;
  let depth = 0;
  let key: string | null = null;
  let expectKey = false;
  let valueStart = -1;
  let inArray = false;
  let itemStart = -1;
  let tokens = 0;

  for (; i < n; i++) {
    if (++tokens % TOKENS_PER_STEP === 0) yield;
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (end < 0) return null;
      if (depth === 1 && expectKey) {
        try {
          key = JSON.parse(text.slice(i, end)) as string;
        } catch {
          return null;
        }
        expectKey = false;
      }
      i = end - 1;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth === 1) expectKey = true;
      else if (depth === 2 && c === OPEN_BRACKET && key === arrayKey) {
        inArray = true;
        itemStart = i + 1;
      }
      continue;
    }
    if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 2 && inArray) {
        if (c !== CLOSE_BRACKET) return null;
        if (!pushItem(text, itemStart, i, itemSpans) && itemSpans.length > 0) return null; // `[1,]`
        inArray = false;
      }
      if (depth === 1) {
        if (c !== CLOSE_BRACE || (expectKey && spans.length > 0)) return null; // `{"a":1,}`
        if (key !== null && valueStart >= 0) {
          if (key === arrayKey && spans.some((s) => s.key === arrayKey)) return null;
          spans.push({ key, start: valueStart, end: i });
        }
        depth = 0;
        i++;
        break;
      }
      depth--;
      if (depth < 1) return null;
      continue;
    }
    if (c === COLON && depth === 1) {
      valueStart = i + 1;
      continue;
    }
    if (c === COMMA) {
      if (depth === 1) {
        if (key === null || valueStart < 0) return null;
        // JSON.parse keeps the last of repeated keys; the split array must be the one it keeps.
        if (key === arrayKey && spans.some((s) => s.key === arrayKey)) return null;
        spans.push({ key, start: valueStart, end: i });
        key = null;
        valueStart = -1;
        expectKey = true;
      } else if (depth === 2 && inArray) {
        if (!pushItem(text, itemStart, i, itemSpans)) return null; // `[,1]`, `[1,,2]`
        itemStart = i + 1;
      }
    }
  }
  if (depth !== 0) return null;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  if (i !== n) return null;

  const members: Record<string, unknown> = {};
  for (const span of spans) {
    if (span.key === arrayKey && split === null && isArrayText(text, span.start, span.end)) {
      split = span;
      continue;
    }
    try {
      members[span.key] = JSON.parse(text.slice(span.start, span.end));
    } catch {
      return null;
    }
    yield;
  }
  if (!split) return { members, items: null };
  const items: unknown[] = [];
  for (const [start, end] of itemSpans) {
    try {
      const member = itemKey === undefined ? null : memberSpan(text, start, end, itemKey);
      items.push(member ? { [itemKey!]: JSON.parse(text.slice(member[0], member[1])) } : JSON.parse(text.slice(start, end)));
    } catch {
      return null;
    }
    yield;
  }
  return { members, items };
}

/**
 * Where the value of `key` lies in the object text[start, end) (the last one, as JSON.parse keeps
 * the last of repeated keys); null when the text is not an object or holds no such key.
 */
function memberSpan(text: string, start: number, end: number, key: string): [number, number] | null {
  if (text.charCodeAt(start) !== OPEN_BRACE) return null;
  let depth = 0;
  let expectKey = false;
  let current: string | null = null;
  let valueStart = -1;
  let found: [number, number] | null = null;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const close = stringEnd(text, i);
      if (close < 0 || close > end) return null;
      if (depth === 1 && expectKey) {
        current = JSON.parse(text.slice(i, close)) as string;
        expectKey = false;
      }
      i = close - 1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth === 1) expectKey = true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 1 && current === key && valueStart >= 0) found = [valueStart, i];
      depth--;
    } else if (depth === 1 && c === COLON) {
      valueStart = i + 1;
    } else if (depth === 1 && c === COMMA) {
      if (current === key && valueStart >= 0) found = [valueStart, i];
      current = null;
      valueStart = -1;
      expectKey = true;
    }
  }
  return found;
}

function isArrayText(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return text.charCodeAt(i) === OPEN_BRACKET;
}

/** Record a non-empty item; false when the span holds only blanks. */
function pushItem(text: string, start: number, end: number, out: [number, number][]): boolean {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e <= s) return false;
  out.push([s, e]);
  return true;
}
