/**
 * How a long job (an import) tells the page that started it how far it has got, without flooding
 * the message channel: a step change is always sent, progress within a step at most every
 * `everyMs`, and the step's last unit always, so a bar never stops short of full.
 */
import type { ImportStep, ProgressEvent } from './messages';

export type Progress = (step: ImportStep, done?: number, total?: number) => void;

export function progressReporter(
  job: string,
  send: (event: ProgressEvent) => void,
  { everyMs = 100, now = () => Date.now() }: { everyMs?: number; now?: () => number } = {},
): Progress {
  let lastStep: ImportStep | null = null;
  let lastAt = -Infinity;
  return (step, done = 0, total = 0) => {
    const t = now();
    if (step === lastStep && t - lastAt < everyMs && done < total) return;
    lastStep = step;
    lastAt = t;
    send({ type: 'dejalu.progress', job, step, done, total });
  };
}

/** For callers that follow nothing. */
export const noProgress: Progress = () => {};
