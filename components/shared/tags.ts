/**
 * Tag input rules and autocomplete for the badge panel, the popup and the library page. Pure, and
 * importing only the tag rule, so the content script stays small.
 */
import { TAG_MAX, tagText } from '../../lib/tags';

export interface TagCount {
  tag: string;
  count: number;
}

/** A tag as the background will store it (lib/tags.ts), cut to length as it is typed. */
export function normalizeTag(raw: string): string {
  return tagText(raw).slice(0, TAG_MAX);
}

/**
 * Library tags worth offering for what has been typed: prefix matches first, then substring
 * matches, each by use. With nothing typed, the most used tags. `limit` is the list's length, which
 * each UI picks for its room (the badge panel 6, the popup 8).
 */
export function suggestTags(all: readonly TagCount[], typed: string, exclude: readonly string[], limit: number): TagCount[] {
  const q = normalizeTag(typed);
  const skip = new Set(exclude);
  const byUse = (a: TagCount, b: TagCount) => b.count - a.count || a.tag.localeCompare(b.tag);
  const free = all.filter((t) => !skip.has(t.tag));
  if (!q) return [...free].sort(byUse).slice(0, limit);
  const prefix = free.filter((t) => t.tag.startsWith(q)).sort(byUse);
  const inner = free.filter((t) => !t.tag.startsWith(q) && t.tag.includes(q)).sort(byUse);
  return [...prefix, ...inner].slice(0, limit);
}
