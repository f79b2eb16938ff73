/**
 * The one rule for what a tag is, shared by the protocol (lib/messages.ts), imported keywords
 * (lib/export/imported.ts) and every tag input (components/shared/tags.ts): what a chip shows as
 * the user types is what gets stored, and an imported "Deep Learning" meets a typed "#deep-learning".
 * Import-free, so the content script can use it without growing.
 */

/** Longest tag, in characters. */
export const TAG_MAX = 64;

/**
 * A tag as stored: no surrounding blanks or leading #, no commas or semicolons (they separate tags,
 * in tag inputs and in the keyword lists of BibTeX files, ours included), blanks as -, no other
 * control characters (pasted or imported ones are invisible, and the catalog joins tags with
 * them), lower case.
 */
export function tagText(raw: string): string {
  return raw
    .trim()
    .replace(/^#+/, '')
    .replace(/[,;]/g, '')
    .replace(/\s+/g, '-')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .toLowerCase();
}
