/**
 * Title digests, what the catalog keeps of every title to rule candidates out cheaply, and the
 * per-row cache that spares an import a second analysis of every title.
 */
import { hashNumber, keysOf } from './candidate-keys';
import { nearCompacts } from './similar-titles';
import { analyseTitle, type TitleInfo } from './title-analysis';

/**
 * What a title must share with another to be the same paper by title, in a few numbers a 100k
 * catalog can keep for every paper (lib/library/catalog.ts): comparing two digests rejects most
 * candidate pairs without analysing the stored title, and never rejects a pair `explainMatch`
 * would accept on titles.
 */
export type TitleDigest = { key: number; markers: string; compact: string; short: boolean; spaceless: number; hasBase: boolean };

export function titleDigest(title: string): TitleDigest {
  return digestOf(analyseTitle(title));
}

function digestOf(info: TitleInfo): TitleDigest {
  return {
    key: hashNumber(info.key),
    markers: info.markers,
    compact: info.compact,
    short: info.short,
    spaceless: hashNumber(info.key.replace(/ /g, '')),
    hasBase: info.base !== undefined,
  };
}

/**
 * Digests worked out while a row's stored keys were (`titleKeys`), for the catalog to take when
 * the same row object reaches it: an import would otherwise analyse 100k titles a second time,
 * since they overflow `analyseTitle`'s cache. Weak, so rows are never kept alive by it.
 */
const rowDigests = new WeakMap<object, { title: string; digest: TitleDigest }>();

/**
 * `titleKey` and `candidateKeys` of a row's title from one analysis (they are the same key and the
 * keys `candidateKeys(title)` gives).
 */
export function titleKeys(row: { title: string }): { titleKey: string; candidateKeys: string[] } {
  const info = analyseTitle(row.title);
  rowDigests.set(row, { title: row.title, digest: digestOf(info) });
  return { titleKey: info.key, candidateKeys: keysOf(info) };
}

/** `titleDigest(row.title)`, taken from `titleKeys` when it saw this row with this title. */
export function rowTitleDigest(row: { title: string }): TitleDigest {
  const got = rowDigests.get(row);
  return got && got.title === row.title ? got.digest : titleDigest(row.title);
}

/**
 * False only when the titles can be neither equal nor near-equal: the same key, else the same
 * markers (a trailing note only exists with its title's markers) and, without notes, the edit
 * ratio `similarTitles` checks first.
 */
export function mayBeSameTitle(a: TitleDigest, b: TitleDigest): boolean {
  if (a.key === b.key) return true;
  if (a.markers !== b.markers) return false;
  if (a.hasBase || b.hasBase) return true;
  if (a.short || b.short) return a.spaceless === b.spaceless;
  return nearCompacts(a.compact, b.compact);
}
