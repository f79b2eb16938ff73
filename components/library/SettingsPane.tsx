/** Settings: what counts as seen, how seen cards look, which sites, and clearing all data. */
import { useEffect, useState } from 'preact/hooks';
import { patchSettings, type Settings, type SettingsPatch } from '../../lib/messages';
import { PAGE_SITES } from '../../lib/sites/directory';
import { call, send } from '../../lib/rpc';
import { errorMessage } from '../../lib/errors';

export const CLEAR_PHRASE = 'delete everything';

const SEEN_MODES: { id: Settings['seenMode']; label: string; hint: string }[] = [
  { id: 'visible', label: 'When I scroll past it', hint: 'A card counts as seen once at least half of it has been on screen for 0.6 s.' },
  { id: 'load', label: 'As soon as the page loads', hint: 'Every card on a digest page counts as seen, even below the fold.' },
  { id: 'never', label: 'Only when I mark it', hint: 'Nothing is recorded by itself; save papers by hand.' },
];

const SEEN_STYLES: { id: Settings['seenStyle']; label: string }[] = [
  { id: 'dim', label: 'Dim them' },
  { id: 'hide', label: 'Hide them' },
];

type Switch = { id: 'fadeSeen' | 'showSummary' | 'remindBackup'; label: string };

/** The library page's own switches. */
const LIBRARY_SWITCHES: Switch[] = [
  { id: 'remindBackup', label: 'Remind me to make a backup when papers I saved, tagged or noted are in none' },
];

/** The switches for digest pages (the page summary has the dimming one too). */
const PAGE_SWITCHES: Switch[] = [
  { id: 'fadeSeen', label: 'Dim or hide the cards you have seen before (never a search’s results nor a paper’s own page)' },
  { id: 'showSummary', label: 'Show the page summary (counts and the dim toggle, bottom corner)' },
];

function Switches({ items, settings, update }: { items: Switch[]; settings: Settings; update: (patch: SettingsPatch) => void }) {
  return (
    <>
      {items.map((s) => (
        <label class="choice" key={s.id}>
          <input type="checkbox" data-testid={`settings-${s.id}`} checked={settings[s.id]} onChange={(e) => update({ [s.id]: e.currentTarget.checked })} />
          <span>{s.label}</span>
        </label>
      ))}
    </>
  );
}

export interface SettingsPaneProps {
  /** Settings pushed by a change event, newer than what this pane loaded. */
  pushed?: Settings;
  onCleared(): void;
}

export function SettingsPane({ pushed, onCleared }: SettingsPaneProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [phrase, setPhrase] = useState('');
  const [clearing, setClearing] = useState<'idle' | 'busy' | 'done'>('idle');

  useEffect(() => {
    // Settings a change event pushed before this answer came, or a switch the reader turned since,
    // are newer than what the read found: the answer must not undo them.
    void send({ type: 'settings.get' }).then((r) => (r.ok ? setSettings((now) => now ?? r.settings) : setError(r.error.message)));
  }, []);
  useEffect(() => {
    if (pushed) setSettings(pushed);
  }, [pushed]);

  const update = async (patch: SettingsPatch) => {
    if (!settings) return;
    setSettings(patchSettings(settings, patch));
    setSaved(false);
    const r = await send({ type: 'settings.set', settings: patch });
    if (r.ok) {
      setSettings(r.settings);
      setError(null);
      setSaved(true);
    } else setError(r.error.message);
  };

  const clearAll = async () => {
    setClearing('busy');
    try {
      await call({ type: 'library.clear', confirm: CLEAR_PHRASE });
      setPhrase('');
      setClearing('done');
      onCleared();
    } catch (err) {
      setError(errorMessage(err));
      setClearing('idle');
    }
  };

  return (
    <div class="pane">
      <section class="card">
        <h2>Settings</h2>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {!settings ? (
          <p class="muted">Loading…</p>
        ) : (
          <>
            <fieldset>
              <legend>What counts as seen</legend>
              {SEEN_MODES.map((m) => (
                <label class="choice" key={m.id}>
                  <input
                    type="radio"
                    name="seenMode"
                    value={m.id}
                    data-testid={`settings-seenMode-${m.id}`}
                    checked={settings.seenMode === m.id}
                    onChange={() => void update({ seenMode: m.id })}
                  />
                  <span>
                    {m.label}
                    <small>{m.hint}</small>
                  </span>
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>On digest pages</legend>
              <Switches items={PAGE_SWITCHES} settings={settings} update={(p) => void update(p)} />
            </fieldset>
            <fieldset>
              <legend>Seen cards on digest pages, when fading is on</legend>
              {SEEN_STYLES.map((s) => (
                <label class="choice" key={s.id}>
                  <input
                    type="radio"
                    name="seenStyle"
                    value={s.id}
                    data-testid={`settings-seenStyle-${s.id}`}
                    checked={settings.seenStyle === s.id}
                    onChange={() => void update({ seenStyle: s.id })}
                  />
                  <span>{s.label}</span>
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>Sites</legend>
              {PAGE_SITES.map((site) => (
                <label class="choice" key={site.id}>
                  <input
                    type="checkbox"
                    data-testid={`settings-site-${site.id}`}
                    checked={settings.sites[site.id]}
                    onChange={(e) => void update({ sites: { [site.id]: e.currentTarget.checked } })}
                  />
                  <span>{site.pages}</span>
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>Library</legend>
              <Switches items={LIBRARY_SWITCHES} settings={settings} update={(p) => void update(p)} />
            </fieldset>
            <p class="status" aria-live="polite" data-testid="settings-status">
              {saved ? 'Settings saved.' : ''}
            </p>
          </>
        )}
      </section>

      <section class="card card-danger">
        <h2>Clear all data</h2>
        <p>Deletes every paper, sighting, tag and note from this browser. This cannot be undone: export a backup first.</p>
        <label class="field field-wide">
          <span>
            Type <code>{CLEAR_PHRASE}</code> to confirm
          </span>
          <input
            data-testid="clear-confirm-input"
            value={phrase}
            autocomplete="off"
            spellcheck={false}
            onInput={(e) => {
              setPhrase(e.currentTarget.value);
              setClearing('idle');
            }}
          />
        </label>
        <button type="button" class="btn btn-danger" data-testid="clear-button" disabled={phrase.trim() !== CLEAR_PHRASE || clearing === 'busy'} onClick={() => void clearAll()}>
          {clearing === 'busy' ? 'Deleting…' : 'Delete everything'}
        </button>
        {clearing === 'done' && (
          <p class="status" role="status" data-testid="clear-status">
            The library is empty.
          </p>
        )}
      </section>
    </div>
  );
}
