import { describe, expect, it } from 'vitest';
import { backupDue, backupLineText, laterUntil, LATER_DAYS, putOff, REMIND_PAPERS, unbackedText } from '../../components/library/backup';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-07T10:00:00');

describe('when the library page reminds to back up', () => {
  it('never without work of the reader that no backup holds', () => {
    expect(backupDue({ unbackedUp: 0 }, NOW)).toBe(false);
    expect(backupDue({ unbackedUp: 0, backup: { at: NOW - 400 * DAY, papers: 9 } }, NOW)).toBe(false);
  });

  it('without any backup, once there are a few papers worth keeping', () => {
    expect(backupDue({ unbackedUp: REMIND_PAPERS - 1 }, NOW)).toBe(false);
    expect(backupDue({ unbackedUp: REMIND_PAPERS }, NOW)).toBe(true);
  });

  it('after a backup: many changes after a week, any after a month', () => {
    const backup = (days: number) => ({ at: NOW - days * DAY, papers: 100 });
    expect(backupDue({ unbackedUp: 50, backup: backup(6) }, NOW)).toBe(false);
    expect(backupDue({ unbackedUp: REMIND_PAPERS, backup: backup(7) }, NOW)).toBe(true);
    expect(backupDue({ unbackedUp: 1, backup: backup(29) }, NOW)).toBe(false);
    expect(backupDue({ unbackedUp: 1, backup: backup(30) }, NOW)).toBe(true);
  });

  it('not while put off', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(laterUntil(storage)).toBe(0);
    const until = putOff(NOW, storage);
    expect(until).toBe(NOW + LATER_DAYS * DAY);
    expect(laterUntil(storage)).toBe(until);
    expect(backupDue({ unbackedUp: 20 }, NOW + DAY, until)).toBe(false);
    expect(backupDue({ unbackedUp: 20 }, until, until)).toBe(true);
  });
});

describe('what the library page says of backups', () => {
  const backup = { at: Date.parse('2026-11-03T10:00:00'), papers: 1234 };
  it('the reminder', () => {
    expect(unbackedText({ unbackedUp: 5 })).toBe('5 papers you saved, tagged or noted are in no backup yet.');
    expect(unbackedText({ unbackedUp: 1 })).toBe('1 paper you saved, tagged or noted is in no backup yet.');
    expect(unbackedText({ unbackedUp: 12, backup })).toMatch(/^12 papers you saved, tagged or noted have changed since your last backup \(.*2026\)\.$/);
  });

  it("the Import & export tab's line", () => {
    expect(backupLineText({ unbackedUp: 0 })).toBe('No backup yet.');
    expect(backupLineText({ unbackedUp: 1 })).toBe('No backup yet: 1 paper you saved, tagged or noted lives only in this browser.');
    expect(backupLineText({ unbackedUp: 0, backup })).toMatch(/^Last backup: .*2026, 1,234 papers\. Nothing you saved, tagged or noted has changed since\.$/);
    expect(backupLineText({ unbackedUp: 2, backup })).toMatch(/^Last backup: .*2026, 1,234 papers\. 2 papers you saved, tagged or noted have changed since\.$/);
  });
});
