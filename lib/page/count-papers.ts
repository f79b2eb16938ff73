/**
 * How many papers of each status a page's cards are: the cards of one paper (dblp lists a CoRR
 * entry beside its conference version) count once; a card no paper holds yet counts alone. The
 * page's strip (PageController.counts) and the popup (components/popup/model.ts) count with this,
 * so the two always agree.
 */
export function countPapers<T, S extends string>(
  items: Iterable<T>,
  statuses: readonly S[],
  statusOf: (item: T) => S,
  paperOf: (item: T) => string | undefined,
): Record<S, number> {
  const counts = {} as Record<S, number>;
  const counted = new Map<S, Set<string>>();
  for (const s of statuses) {
    counts[s] = 0;
    counted.set(s, new Set());
  }
  for (const item of items) {
    const status = statusOf(item);
    const key = paperOf(item);
    if (key !== undefined) {
      const keys = counted.get(status)!;
      if (keys.has(key)) continue;
      keys.add(key);
    }
    counts[status]++;
  }
  return counts;
}
