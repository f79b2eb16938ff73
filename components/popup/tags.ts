/** Tag text rules and autocomplete, pure. */

export interface TagCount {
  tag: string;
  count: number;
}

/** The same normalisation the background applies (lib/messages.ts `tag`), so chips match storage. */
export function normalizeTag(raw: string): string {
  return raw
    .trim()
    .replace(/^#+/, '')
    .replace(/,/g, '')
    .replace(/\s+/g, '-')
    .toLowerCase()
    .slice(0, 64);
}

/**
 * Existing tags worth offering for what has been typed: prefix matches first, then substring
 * matches, each by use count. With nothing typed, the most used tags.
 */
export function suggestTags(all: readonly TagCount[], typed: string, exclude: readonly string[], limit = 8): TagCount[] {
  const q = normalizeTag(typed);
  const skip = new Set(exclude);
  const byUse = (a: TagCount, b: TagCount) => b.count - a.count || a.tag.localeCompare(b.tag);
  const free = all.filter((t) => !skip.has(t.tag));
  if (!q) return [...free].sort(byUse).slice(0, limit);
  const prefix = free.filter((t) => t.tag.startsWith(q)).sort(byUse);
  const inner = free.filter((t) => !t.tag.startsWith(q) && t.tag.includes(q)).sort(byUse);
  return [...prefix, ...inner].slice(0, limit);
}
