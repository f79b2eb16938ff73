// @vitest-environment happy-dom
/** The backup reminder follows the reader's word on it, whichever of the read and a change comes first. */
import { afterEach, expect, it, vi } from 'vitest';
import { BackupReminder } from '../../components/library/BackupReminder';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/messages';
import { fakeBackground, mount, settle } from './fake';

const DUE = { papers: 40, saved: 9, sightings: 40, tags: 2, unbackedUp: 9 };

let view: ReturnType<typeof mount> | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  vi.unstubAllGlobals();
});

it('shows when due and the settings ask for it', async () => {
  fakeBackground([], { 'settings.get': () => ({ settings: { ...DEFAULT_SETTINGS, remindBackup: true } }) });
  view = mount(<BackupReminder stats={DUE} onBackedUp={() => {}} say={() => {}} />);
  await settle();
  expect(view.testid('backup-notice')).not.toBeNull();
});

it('stays away when "don’t remind me" came from another tab before its first read answered', async () => {
  let answer: (s: { settings: Settings }) => void = () => {};
  // The read went out before the change: it answers what was true then.
  const bg = fakeBackground([], { 'settings.get': () => new Promise((r) => (answer = r)) });
  view = mount(<BackupReminder stats={DUE} onBackedUp={() => {}} say={() => {}} />);
  bg.push({ keys: [], settings: { ...DEFAULT_SETTINGS, remindBackup: false } });
  await settle(300);
  answer({ settings: { ...DEFAULT_SETTINGS, remindBackup: true } });
  await settle();
  expect(view.testid('backup-notice')).toBeNull();
});
