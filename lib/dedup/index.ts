/**
 * Is this the same paper? Identifiers first, titles second, numbers never fuzzed.
 *
 * Pure code, no browser dependency: the library persists `candidateKeys` in a Dexie multi-entry
 * index so a woken service worker can look titles up without rebuilding anything, and
 * `DedupIndex` is the in-memory equivalent for bulk work (imports, merges, tests).
 *
 * This file is the entry; each idea has its module: title-analysis (what a title is made of),
 * similar-titles (the near-equal rule), same-paper (identifiers, then titles: explainMatch),
 * candidate-keys (retrieval keys), title-digest (what the catalog keeps of a title) and
 * dedup-index (DedupIndex).
 */

export type { PaperRef } from '../types';
export { analysedTitleKey } from './title-analysis';
export { explainMatch, matcherFor, samePaper, type MatchExplanation, type MatchRule, type VersionedRef } from './same-paper';
export { CANDIDATE_KEYS_VERSION, candidateKeys, hashNumber } from './candidate-keys';
export { mayBeSameTitle, rowTitleDigest, titleDigest, titleKeys, type TitleDigest } from './title-digest';
export {
  DedupIndex,
  type DedupIndexOptions,
  type FindOptions,
  type FindResult,
  type IndexedPaper,
  type NotSame,
} from './dedup-index';
