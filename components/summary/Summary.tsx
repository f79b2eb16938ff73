import type { PaperStatus, Settings } from '../../lib/messages';

export interface SummaryProps {
  counts: Record<PaperStatus, number>;
  settings: Settings;
  onSettings: (patch: Partial<Settings>) => void;
}

/** "58 new · 23 seen · 2 saved", a fade-seen toggle, and a close button; bottom corner of the page. */
export function Summary({ counts, settings, onSettings }: SummaryProps) {
  const verb = settings.seenStyle === 'hide' ? 'Hide seen' : 'Dim seen';
  return (
    <div class="summary" role="status" aria-label="Déjà Lu page summary">
      <span class="brand" aria-hidden="true">
        DL
      </span>
      <span class="counts" data-testid="summary-counts">
        {counts.new} new · {counts.seen} seen · {counts.saved} saved
      </span>
      <label class="toggle">
        <input
          type="checkbox"
          data-action="fade-seen"
          checked={settings.fadeSeen}
          onChange={(e) => onSettings({ fadeSeen: (e.currentTarget as HTMLInputElement).checked })}
        />
        {verb}
      </label>
      <button
        type="button"
        class="close"
        data-action="dismiss"
        aria-label="Hide this summary"
        title="Hide this summary (turn it back on in the library's settings)"
        onClick={() => onSettings({ showSummary: false })}
      >
        ×
      </button>
    </div>
  );
}
