/**
 * What a paper is to the reader, as a badge says it: new, seen before, or saved. Apart from the
 * protocol (lib/messages.ts, which declares it with zod) so the content script can count by it
 * without bundling zod.
 */
export const PAPER_STATUSES = ['new', 'seen', 'saved'] as const;
export type PaperStatus = (typeof PAPER_STATUSES)[number];
