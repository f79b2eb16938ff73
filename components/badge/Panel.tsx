import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../../lib/errors';
import { texToUnicode } from '../../lib/tex-unicode';
import { shownVenue } from '../../lib/venue';
import type { SightingView } from '../../lib/messages';
import type { BadgeModel } from '../../lib/page/ui';
import { targetOf, type Edits } from './edits';
import { History } from './History';
import { hasHistory, panelStatus } from './label';
import { NoteField } from './NoteField';
import { send } from '../../lib/rpc';
import { copyOneBibtex } from '../shared/cite';
import { libraryUrl, openLibrary } from '../shared/library-link';
import { TagEditor } from '../shared/TagEditor';
import type { TagCount } from '../shared/tags';

export interface PanelProps {
  model: BadgeModel;
  edits: Edits;
  /** undefined while loading; [] when the paper has no history. */
  sightings: SightingView[] | undefined;
  /** Non-zero: focus the tag field, again each time it changes. */
  focusTags: number;
  /** Non-zero: focus the note, again each time it changes (the `n` shortcut). */
  focusNote?: number;
  /** Text typed ahead of the tag field's or the note's focus (TagEditor `takeTyped`). */
  takeTyped?: () => string;
  /** Non-zero: focus the panel itself, again each time it changes. */
  focusPanel?: number;
  error: string | null;
  /** How the card was matched to the library, when not simply by its arXiv id (matchText). */
  match?: string;
  /** The card was matched by a similar title: the reader can say it is another paper. */
  onNotSame?: () => void;
  onClose: (refocus: boolean) => void;
}

/** The panel is small: this many library tags are offered at once. */
const SUGGESTIONS = 6;

/** The library's tags with `tag` used once more. */
function usedOnce(all: TagCount[], tag: string): TagCount[] {
  return all.some((t) => t.tag === tag) ? all.map((t) => (t.tag === tag ? { ...t, count: t.count + 1 } : t)) : [...all, { tag, count: 1 }];
}

/**
 * Save, tags, note and history for one paper: the body of the panel page (entrypoints/panel), which
 * the page's panel frame shows (panel-host.ts), so page scripts see neither what is shown nor what
 * is typed.
 */
export function Panel({ model, edits, sightings, focusTags, focusNote = 0, takeTyped, focusPanel = 0, error, match, onNotSame, onClose }: PanelProps) {
  const ref = useRef<HTMLDivElement>(null);
  // The library's tags, asked for once the reader starts tagging.
  const [known, setKnown] = useState<TagCount[] | null>(null);
  const asked = useRef(false);
  const wantKnown = () => {
    if (asked.current) return;
    asked.current = true;
    void send({ type: 'tags.list' }).then((r) => {
      if (r.ok) setKnown(r.tags);
    });
  };
  useLayoutEffect(() => {
    if (focusPanel) ref.current?.focus({ preventScroll: true });
  }, [focusPanel]);

  const paper = model.paper;
  const saved = model.status === 'saved';
  const venue = shownVenue(paper, model.card);
  // What the last Copy BibTeX said: the key to \cite, or why the clipboard refused.
  const [cited, setCited] = useState<{ ok: boolean; text: string } | null>(null);
  const cite = () =>
    void copyOneBibtex(targetOf(model)).then(
      (text) => setCited({ ok: true, text }),
      (e: unknown) => setCited({ ok: false, text: errorMessage(e) }),
    );
  return (
    <div
      ref={ref}
      class="panel"
      role="dialog"
      aria-label="Déjà Lu: save, tag and annotate this paper"
      tabIndex={-1}
      data-panel=""
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose(true);
        }
      }}
    >
      <div class="head">
        <div class="title" data-field="title">
          {texToUnicode(model.card.title)}
        </div>
        <button type="button" class="x" aria-label="Close" title="Close (Esc)" onClick={() => onClose(true)}>
          ×
        </button>
      </div>
      <div class="status">
        <span class="text" data-field="status">
          {panelStatus(model)}
          {venue && (
            <>
              {' · '}
              <span class="venue" data-field="venue">
                {venue}
              </span>
            </>
          )}
          {match && (
            <span class="match" data-field="match">
              {match}
              {onNotSame && (
                <>
                  {' · '}
                  <button type="button" class="link" data-action="panel-not-same" onClick={onNotSame}>
                    Not the same paper
                  </button>
                </>
              )}
            </span>
          )}
        </span>
        <button
          type="button"
          class={saved ? 'btn' : 'btn primary'}
          data-action="panel-save"
          aria-pressed={saved}
          onClick={() => void edits.save(!saved)}
        >
          {saved ? 'Unsave' : '★ Save'}
        </button>
      </div>
      <div class="section">
        {/* Tagging is a way of keeping a paper, so a first tag saves it too. */}
        <span class="label">Tags</span>
        <TagEditor
          tags={paper?.tags ?? []}
          known={known}
          limit={SUGGESTIONS}
          focusToken={focusTags}
          takeTyped={takeTyped}
          onWantKnown={wantKnown}
          onAdd={(t) =>
            void (async () => {
              if ((saved || (await edits.save(true))) && (await edits.tags([t], []))) setKnown((all) => all && usedOnce(all, t));
            })()
          }
          onRemove={(t) => void edits.tags([], [t])}
          onOpenTag={(tag) => openLibrary({ tag })}
        />
      </div>
      <NoteField note={paper?.note ?? ''} save={(t) => edits.note(t)} focusToken={focusNote} takeTyped={takeTyped} />
      {/* Not for a card met first on this visit: the panel would also grow under the reader's
          pointer a moment after opening, when the visit's sighting stores the card. */}
      {hasHistory(model) && <History sightings={sightings} visitId={model.visitId} />}
      {/* A card not stored yet is cited from what it shows (`paper.cite`). */}
      <div class="foot">
        <button
          type="button"
          class="link"
          data-action="panel-cite"
          title="Copy this paper's BibTeX, to paste into a manuscript's .bib (no notes, tags or abstract)"
          onClick={cite}
        >
          Copy BibTeX
        </button>
        {paper && (
          <a
            class="link"
            data-action="panel-library"
            href={libraryUrl({ paper: paper.key })}
            title="Everything about this paper in the library page: details, history, merge"
            onClick={(e) => {
              e.preventDefault();
              openLibrary({ paper: paper.key });
            }}
          >
            Open in library ↗
          </a>
        )}
        {cited && (
          <span class={cited.ok ? 'cited' : 'cited error'} role="status" data-field="cited">
            {cited.text}
          </span>
        )}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
