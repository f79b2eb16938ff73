/**
 * User Timing marks for the long operations (import, export): each phase is a `performance.measure`
 * named `dejalu:<phase>`, visible in DevTools' performance panel of the service worker and read by
 * profiling scripts, so where an import's time goes can be measured rather than guessed.
 */
export function measure(name: string, start: number): number {
  const end = performance.now();
  try {
    performance.measure(`dejalu:${name}`, { start, end });
  } catch {
    // Older engines without measure options: timing is a nicety, never a failure.
  }
  return end;
}
