/**
 * Sorted arrays: the catalog keeps its words and candidate-key hashes sorted, its search pages
 * through results in order, and its snapshot merges sorted runs.
 */

/** Strings in code-unit order, as `<` compares them. */
export const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** First index in sorted `arr` whose value is ≥ `x` (`lt` is the order). */
export function lowerBound<T>(len: number, at: (i: number) => T, x: T, lt: (a: T, b: T) => boolean): number {
  let a = 0;
  let b = len;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (lt(at(m), x)) a = m + 1;
    else b = m;
  }
  return a;
}

/** Two runs sorted by `lt`, merged. */
export function mergeSorted(x: number[], y: number[], lt: (a: number, b: number) => boolean): number[] {
  if (!y.length) return x;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) out.push(lt(y[j]!, x[i]!) ? y[j++]! : x[i++]!);
  while (i < x.length) out.push(x[i++]!);
  while (j < y.length) out.push(y[j++]!);
  return out;
}
