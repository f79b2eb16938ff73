import type { SightingView } from '../../lib/messages';
import { safeHttpUrl } from '../shared/urls';
import { seenBefore } from '../shared/seen-before';
import { sightingLine } from './label';

const SHOWN = 8;

/**
 * Where and when the paper was seen before this visit (`visitId`: the pill's "Seen 2×" counts the
 * same), newest first; each line links back to its page.
 */
export function History({ sightings, visitId }: { sightings: SightingView[] | undefined; visitId?: string }) {
  if (sightings === undefined) return <p class="history">Loading history…</p>;
  const before = seenBefore(sightings, visitId);
  if (!before.length) return null;
  const newest = [...before].reverse();
  const shown = newest.slice(0, SHOWN);
  return (
    <div class="section">
      <span class="label">Seen {before.length}×</span>
      <ul class="history" data-field="history">
        {shown.map((s, i) => {
          const href = safeHttpUrl(s.pageUrl);
          const line = sightingLine(s);
          return (
            <li key={`${s.at}-${i}`}>
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer" title={s.pageUrl}>
                  {line}
                </a>
              ) : (
                line
              )}
            </li>
          );
        })}
        {newest.length > SHOWN && <li>… and {newest.length - SHOWN} earlier</li>}
      </ul>
    </div>
  );
}
