import type { PaperStatus, Settings } from '../../lib/messages';

export interface SummaryProps {
  counts: Record<PaperStatus, number>;
  settings: Settings;
  onSettings: (patch: Partial<Settings>) => void;
  /** Some card on the page may be dimmed or hidden; else the toggle is there but not shown. */
  canFade: boolean;
}

/** "58 new · 23 seen · 2 saved", a fade-seen toggle, and a close button; bottom corner of the page. */
export function Summary({ counts, settings, onSettings, canFade }: SummaryProps) {
  // Only what was clicked (SettingsPatchSchema has no defaults): the whole object, as this page last
  // heard it, would undo a change made in the library page since.
  const change = (patch: Partial<Settings>) => onSettings(patch);
  const verb = settings.seenStyle === 'hide' ? 'Hide seen' : 'Dim seen';
  return (
    <div class="summary" role="region" aria-label="Déjà Lu page summary">
      <span class="brand" aria-hidden="true" title="Déjà Lu">
        DL
      </span>
      <span class="counts" data-field="counts" aria-live="polite">
        <span class="n-new">
          <b>{counts.new}</b> new
        </span>
        <span class="sep"> · </span>
        <span class="n-seen">
          <b>{counts.seen}</b> seen
        </span>
        <span class="sep"> · </span>
        <span class="n-saved">
          <b>{counts.saved}</b> saved
        </span>
      </span>
      <label class="toggle" hidden={!canFade} title={settings.seenStyle === 'hide' ? 'Hide the cards you have seen before' : 'Dim the cards you have seen before'}>
        <input
          type="checkbox"
          data-action="fade-seen"
          checked={settings.fadeSeen}
          onChange={(e) => change({ fadeSeen: e.currentTarget.checked })}
        />
        {verb}
      </label>
      <button
        type="button"
        class="close"
        data-action="dismiss"
        aria-label="Hide this summary"
        title="Hide this summary (turn it back on in the library's settings)"
        onClick={() => change({ showSummary: false })}
      >
        ×
      </button>
    </div>
  );
}
