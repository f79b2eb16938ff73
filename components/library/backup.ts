/**
 * When the library page reminds the reader to make a backup, and the words it says it with. The
 * library lives in this browser profile only (nothing leaves it), so a lost profile loses every
 * note: the page says so once there is work worth keeping that no backup file holds, and not again
 * for a while if told "Later".
 */
import type { LibraryStats } from '../../lib/messages';
import { day, plural } from './format';

const DAY = 86_400_000;
/** Papers of the reader's own work (saved, tagged, noted) in no backup that are worth a reminder. */
export const REMIND_PAPERS = 5;
/** With a backup: that many papers since, once it is this old… */
export const REMIND_AFTER_DAYS = 7;
/** …or any paper since, once it is this old. */
export const REMIND_ANY_AFTER_DAYS = 30;
/** "Later" puts the reminder off this long. */
export const LATER_DAYS = 7;

const LATER_KEY = 'dejalu.backupLater';

export function backupDue(stats: Pick<LibraryStats, 'backup' | 'unbackedUp'>, now: number, laterUntil = 0): boolean {
  const n = stats.unbackedUp;
  if (n === 0 || now < laterUntil) return false;
  if (!stats.backup) return n >= REMIND_PAPERS;
  const days = (now - stats.backup.at) / DAY;
  return days >= REMIND_ANY_AFTER_DAYS || (n >= REMIND_PAPERS && days >= REMIND_AFTER_DAYS);
}

/** Until when the reader put the reminder off (this page's own storage: a preference of this window, not library data). */
export function laterUntil(storage: Pick<Storage, 'getItem'> = localStorage): number {
  return Number(storage.getItem(LATER_KEY)) || 0;
}

export function putOff(now: number, storage: Pick<Storage, 'setItem'> = localStorage): number {
  const until = now + LATER_DAYS * DAY;
  storage.setItem(LATER_KEY, String(until));
  return until;
}

/** What no backup holds, in the reader's words. */
export function unbackedText(stats: Pick<LibraryStats, 'backup' | 'unbackedUp'>): string {
  const one = stats.unbackedUp === 1;
  const papers = `${plural(stats.unbackedUp, 'paper')} you saved, tagged or noted`;
  if (!stats.backup) return `${papers} ${one ? 'is' : 'are'} in no backup yet.`;
  return `${papers} ${one ? 'has' : 'have'} changed since your last backup (${day(stats.backup.at)}).`;
}

/** The Import & export tab's line: when the last backup was made, and what changed since. */
export function backupLineText(stats: Pick<LibraryStats, 'backup' | 'unbackedUp'>): string {
  const n = stats.unbackedUp;
  const papers = `${plural(n, 'paper')} you saved, tagged or noted`;
  if (!stats.backup) return n > 0 ? `No backup yet: ${papers} ${n === 1 ? 'lives' : 'live'} only in this browser.` : 'No backup yet.';
  const last = `Last backup: ${day(stats.backup.at)}, ${plural(stats.backup.papers, 'paper')}.`;
  return n > 0 ? `${last} ${papers} ${n === 1 ? 'has' : 'have'} changed since.` : `${last} Nothing you saved, tagged or noted has changed since.`;
}
