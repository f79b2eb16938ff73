import { describe, expect, it } from 'vitest';
import { parseObjectSplitting } from '../../lib/sites/json-steps';

function run<R>(g: Generator<void, R, void>): { value: R; steps: number } {
  let steps = 0;
  for (;;) {
    const r = g.next();
    if (r.done) return { value: r.value, steps };
    steps++;
  }
}

/** What the split parse must equal: the object as JSON.parse reads it. */
function viaSplit(text: string, key: string): unknown {
  const { value } = run(parseObjectSplitting(text, key));
  if (!value) return null;
  return value.items === null ? value.members : { ...value.members, [key]: value.items };
}

describe('parseObjectSplitting', () => {
  const tricky = {
    canSubmit: false,
    dailyPapers: [
      { paper: { id: '2501.00001', title: 'Brackets ] } [ { and "quotes"', summary: 'a \\" b \\\\', authors: [{ name: 'X' }] } },
      { paper: { id: '2501.00002', title: 'Commas, colons: and \\u00e9', upvotes: 3, n: [1, [2, { x: null }]] } },
      [],
      'a string item',
      42,
    ],
    periodType: 'day',
    dateString: '2025-11-03',
    nested: { dailyPapers: [1, 2] },
  };

  it('gives the same object as JSON.parse, with the array split into items', () => {
    for (const text of [JSON.stringify(tricky), JSON.stringify(tricky, null, 2), ` \n${JSON.stringify(tricky, null, '\t')}\n `]) {
      expect(viaSplit(text, 'dailyPapers')).toEqual(JSON.parse(text));
    }
  });

  it('yields while it works, so a caller can slice it', () => {
    const big = { dailyPapers: Array.from({ length: 3_000 }, (_, i) => ({ paper: { id: `2501.${i}`, summary: 'x'.repeat(50) } })) };
    const { value, steps } = run(parseObjectSplitting(JSON.stringify(big), 'dailyPapers'));
    expect(value?.items).toHaveLength(3_000);
    expect(steps).toBeGreaterThanOrEqual(3_000);
  });

  it('handles an empty array, a missing key and a non-array value', () => {
    expect(viaSplit('{"dailyPapers":[]}', 'dailyPapers')).toEqual({ dailyPapers: [] });
    expect(viaSplit('{"a":1}', 'dailyPapers')).toEqual({ a: 1 });
    expect(viaSplit('{"dailyPapers":null,"b":"x"}', 'dailyPapers')).toEqual({ dailyPapers: null, b: 'x' });
    expect(viaSplit('{}', 'dailyPapers')).toEqual({});
  });

  it('gives null for what JSON.parse rejects or reads differently, so the caller falls back to it', () => {
    for (const bad of [
      '',
      '[1,2]',
      '{"dailyPapers":[1,2]',
      '{"dailyPapers":[1,,2]}',
      '{"dailyPapers":[1,]}',
      '{"a":1,}',
      '{"dailyPapers":[{"x":1}}]}',
      '{"a":"unterminated}',
      '{"dailyPapers":[1]} trailing',
      '{"dailyPapers":[1],"dailyPapers":[2]}',
    ]) {
      expect(run(parseObjectSplitting(bad, 'dailyPapers')).value, bad).toBeNull();
    }
  });

  it('parses only one member of each item when asked, the last of repeated keys as JSON.parse does', () => {
    const text = JSON.stringify({
      dailyPapers: [
        { summary: 'x'.repeat(50), paper: { id: 'a', t: 'p, "q" } {' }, title: 'dup' },
        { paper: { id: 'b' } },
        { other: 1 },
        [1, 2],
      ],
    }).replace('"title":"dup"', '"title":"dup","paper":{"id":"a2"}');
    const { value } = run(parseObjectSplitting(text, 'dailyPapers', 'paper'));
    expect(value?.items).toEqual([{ paper: { id: 'a2' } }, { paper: { id: 'b' } }, { other: 1 }, [1, 2]]);
  });
});
