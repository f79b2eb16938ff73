import type { SightingView } from '../../lib/messages';
import { safeHttpUrl } from '../shared/urls';
import { sightingLine } from './label';

const SHOWN = 8;

/** Where and when the paper was seen, newest first; each line links back to its page. */
export function History({ sightings }: { sightings: SightingView[] | undefined }) {
  if (sightings === undefined) return <p class="history">Loading history…</p>;
  if (!sightings.length) return null;
  const newest = [...sightings].reverse();
  const shown = newest.slice(0, SHOWN);
  return (
    <div class="section">
      <span class="label">Seen {sightings.length}×</span>
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
