import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DejaLuDB } from '../../lib/db';
import { SettingsPatchSchema } from '../../lib/messages';
import { readSettings, writeSettings } from '../../lib/settings';
import { SITE_IDS } from '../../lib/sites/directory';

describe('settings: one switch per site', () => {
  it('has a switch for every site, on by default', async () => {
    const db = new DejaLuDB('settings-default');
    expect(Object.keys((await readSettings(db)).sites)).toEqual(SITE_IDS);
    expect(Object.values((await readSettings(db)).sites).every(Boolean)).toBe(true);
    db.close();
  });

  it('turns on a site added since the settings were stored', async () => {
    const db = new DejaLuDB('settings-new-site');
    // Stored by a version that knew two sites.
    await db.settings.put({ key: 'settings', value: { seenMode: 'load', sites: { huggingface: false, arxiv: true } } });
    expect(await readSettings(db)).toMatchObject({ seenMode: 'load', sites: { huggingface: false, arxiv: true, scholar: true } });
    db.close();
  });

  it('changes only the switches a change names, so two pages turning two sites do not undo each other', async () => {
    const db = new DejaLuDB('settings-patch-sites');
    await writeSettings(db, SettingsPatchSchema.parse({ sites: { scholar: false } }));
    await writeSettings(db, SettingsPatchSchema.parse({ sites: { arxiv: false } }));
    expect((await readSettings(db)).sites).toEqual({ huggingface: true, arxiv: false, scholar: false, openreview: true, dblp: true });
    // A change that names no site leaves them all.
    await writeSettings(db, SettingsPatchSchema.parse({ fadeSeen: true }));
    expect((await readSettings(db)).sites).toEqual({ huggingface: true, arxiv: false, scholar: false, openreview: true, dblp: true });
    db.close();
  });

  it('refuses a switch for a site it does not know', () => {
    expect(SettingsPatchSchema.safeParse({ sites: { scholar: 'yes' } }).success).toBe(false);
    expect(SettingsPatchSchema.parse({ sites: { myspace: true } })).toEqual({ sites: {} });
  });
});
