/** The library page's reminder to make a backup (./backup.ts says when), and what the Import & export tab says of backups. */
import type { LibraryStats } from '../../lib/messages';
import { day, plural } from './format';

/** What no backup holds, in the reader's words. */
export function unbackedText(stats: Pick<LibraryStats, 'backup' | 'unbackedUp'>): string {
  const one = stats.unbackedUp === 1;
  const papers = `${plural(stats.unbackedUp, 'paper')} you saved, tagged or noted`;
  if (!stats.backup) return `${papers} ${one ? 'is' : 'are'} in no backup yet.`;
  return `${papers} ${one ? 'has' : 'have'} changed since your last backup (${day(stats.backup.at)}).`;
}

export function BackupNotice({
  stats,
  busy,
  onBackUp,
  onLater,
  onNever,
}: {
  stats: LibraryStats;
  busy: boolean;
  onBackUp: () => void;
  onLater: () => void;
  onNever: () => void;
}) {
  return (
    <div class="notice" role="status" data-testid="backup-notice">
      <p>
        {unbackedText(stats)} Déjà Lu keeps your library in this browser only: a backup file restores it, notes and all, if this profile
        is lost.
      </p>
      <div class="notice-actions">
        <button type="button" class="btn btn-primary" data-testid="backup-now" disabled={busy} onClick={onBackUp}>
          {busy ? 'Backing up…' : 'Back up now'}
        </button>
        <button type="button" class="btn btn-quiet" data-testid="backup-later" onClick={onLater}>
          Later
        </button>
        <button type="button" class="btn btn-quiet" data-testid="backup-never" onClick={onNever}>
          Don’t remind me
        </button>
      </div>
    </div>
  );
}

/** The Import & export tab's line: when the last backup was made, and what changed since. */
export function backupLineText(stats: Pick<LibraryStats, 'backup' | 'unbackedUp'>): string {
  const n = stats.unbackedUp;
  const papers = `${plural(n, 'paper')} you saved, tagged or noted`;
  if (!stats.backup) return n > 0 ? `No backup yet: ${papers} ${n === 1 ? 'lives' : 'live'} only in this browser.` : 'No backup yet.';
  const last = `Last backup: ${day(stats.backup.at)}, ${plural(stats.backup.papers, 'paper')}.`;
  return n > 0 ? `${last} ${papers} ${n === 1 ? 'has' : 'have'} changed since.` : `${last} Nothing you saved, tagged or noted has changed since.`;
}
