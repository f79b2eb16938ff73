/** The library page's reminder to make a backup: when (./backup.ts), and what its buttons do. */
import { useEffect, useState } from 'preact/hooks';
import type { LibraryStats } from '../../lib/messages';
import { errorMessage } from '../../lib/errors';
import { send } from '../../lib/rpc';
import { backupDue, laterUntil, putOff, unbackedText } from './backup';
import { useChanges } from './hooks';
import type { ToastData } from './Toast';
import { exportAndDownload } from './Transfer';

export interface BackupReminderProps {
  stats: LibraryStats | null;
  /** A backup was downloaded: the stats change. */
  onBackedUp(): void;
  say(text: string, extra?: Partial<ToastData>): void;
}

export function BackupReminder({ stats, onBackedUp, say }: BackupReminderProps) {
  // Off until the settings say otherwise: the reader may have said never, here or in Settings.
  // (null: not known yet; a change event that comes before the read's answer is the newer word.)
  const [remind, setRemind] = useState<boolean | null>(null);
  useEffect(() => {
    void send({ type: 'settings.get' }).then((r) => r.ok && setRemind((now) => now ?? r.settings.remindBackup));
  }, []);
  useChanges((e) => {
    if (e.settings) setRemind(e.settings.remindBackup);
  });
  const [later, setLater] = useState(laterUntil);
  const [busy, setBusy] = useState(false);
  if (!stats || !remind || !backupDue(stats, Date.now(), later)) return null;

  // A download like any export; the reminder then goes, as the stats say.
  const backUp = async () => {
    setBusy(true);
    try {
      say(await exportAndDownload('backup'));
      onBackedUp();
    } catch (err) {
      say(errorMessage(err), { kind: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const never = async () => {
    const r = await send({ type: 'settings.set', settings: { remindBackup: false } });
    if (!r.ok) return say(r.error.message, { kind: 'error' });
    setRemind(false);
    say('No more backup reminders. Settings can turn them back on.');
  };
  return (
    <div class="notice" role="status" data-testid="backup-notice">
      <p>
        {unbackedText(stats)} Déjà Lu keeps your library in this browser only: a backup file restores it, notes and all, if this profile
        is lost.
      </p>
      <div class="notice-actions">
        <button type="button" class="btn btn-primary" data-testid="backup-now" disabled={busy} onClick={() => void backUp()}>
          {busy ? 'Backing up…' : 'Back up now'}
        </button>
        <button type="button" class="btn btn-quiet" data-testid="backup-later" onClick={() => setLater(putOff(Date.now()))}>
          Later
        </button>
        <button type="button" class="btn btn-quiet" data-testid="backup-never" onClick={() => void never()}>
          Don’t remind me
        </button>
      </div>
    </div>
  );
}
