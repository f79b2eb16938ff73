import type { DejaLuDB } from './db';
import { DEFAULT_SETTINGS, patchSettings, SettingsSchema, type Settings, type SettingsPatch } from './messages';

/** Settings live in the library database, so the JSON backup carries them. */
export async function readSettings(db: DejaLuDB): Promise<Settings> {
  const row = await db.settings.get('settings');
  const parsed = SettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function writeSettings(db: DejaLuDB, patch: SettingsPatch): Promise<Settings> {
  return db.transaction('rw', db.settings, async () => {
    const next = SettingsSchema.parse(patchSettings(await readSettings(db), patch));
    await db.settings.put({ key: 'settings', value: next });
    return next;
  });
}
