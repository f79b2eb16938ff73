import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../lib/messages';
import { progressReporter } from '../lib/progress';

describe('progressReporter', () => {
  it('sends every step change, progress within a step at most every interval, and each step\'s end', () => {
    let t = 0;
    const sent: ProgressEvent[] = [];
    const report = progressReporter('job-1', (e) => sent.push(e), { everyMs: 100, now: () => t });
    report('reading');
    report('checking');
    for (let done = 0; done <= 1_000; done += 100) {
      t += 30;
      report('writing', done, 1_000);
    }
    expect(sent.map((e) => [e.step, e.done])).toEqual([
      ['reading', 0],
      ['checking', 0],
      ['writing', 0],
      ['writing', 400],
      ['writing', 800],
      ['writing', 1_000],
    ]);
    expect(sent.every((e) => e.type === 'dejalu.progress' && e.job === 'job-1')).toBe(true);
  });
});
