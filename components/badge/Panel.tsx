import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SightingView } from '../../lib/messages';
import type { BadgeModel } from '../../lib/page/controller';
import type { Edits } from './edits';
import { History } from './History';
import { panelStatus } from './label';
import { NoteField } from './NoteField';
import { panelPosition } from './position';
import { send } from '../../lib/rpc';
import { TagEditor } from '../shared/TagEditor';
import type { TagCount } from '../shared/tags';

export interface PanelProps {
  model: BadgeModel;
  edits: Edits;
  /** undefined while loading; [] when the paper has no history. */
  sightings: SightingView[] | undefined;
  /** Non-zero: focus the tag field, again each time it changes. */
  focusTags: number;
  error: string | null;
  /** What the panel is placed against (the badge). */
  anchor: () => Element | null;
  onClose: (refocus: boolean) => void;
}

type PopoverEl = HTMLDivElement & { showPopover?: () => void; hidePopover?: () => void };

/**
 * Save, tags, note and history for one paper. It lives in the badge's closed shadow root but is
 * shown in the top layer (popover), so a card's `overflow: hidden` or `content-visibility` cannot
 * clip it; it is placed against the badge in viewport coordinates and follows scrolling.
 */
/** The panel is small: this many library tags are offered at once. */
const SUGGESTIONS = 6;

/** The library's tags with `tag` used once more. */
function usedOnce(all: TagCount[], tag: string): TagCount[] {
  return all.some((t) => t.tag === tag) ? all.map((t) => (t.tag === tag ? { ...t, count: t.count + 1 } : t)) : [...all, { tag, count: 1 }];
}

/**
 * Events that carry what the reader types or pastes (InputEvent.data, clipboardData, a composition's
 * text). They are composed: without this they would reach the page's listeners, which a closed
 * shadow root only hides the target from. Key events are stopped too (below), but a page listener
 * on window in the capture phase runs before ours and sees keys: README says so.
 */
const TYPED_EVENTS = ['beforeinput', 'input', 'textInput', 'change', 'paste', 'copy', 'cut', 'compositionstart', 'compositionupdate', 'compositionend'];

export function Panel({ model, edits, sightings, focusTags, error, anchor, onClose }: PanelProps) {
  const ref = useRef<PopoverEl>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const stop = (e: Event) => e.stopPropagation();
    for (const type of TYPED_EVENTS) el.addEventListener(type, stop);
    return () => {
      for (const type of TYPED_EVENTS) el.removeEventListener(type, stop);
    };
  }, []);
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
    const el = ref.current;
    if (!el) return;
    try {
      el.showPopover?.();
    } catch {
      // Already shown, or popovers unsupported: `position: fixed` and a high z-index still apply.
    }
    const place = () => {
      const a = anchor();
      if (!a) return;
      const p = panelPosition(a.getBoundingClientRect(), { width: el.offsetWidth, height: el.offsetHeight }, {
        width: document.documentElement.clientWidth || innerWidth,
        height: innerHeight,
      });
      el.style.left = `${p.left}px`;
      el.style.top = `${p.top}px`;
    };
    place();
    if (focusTags === 0) el.focus({ preventScroll: true });
    let frame = 0;
    const later = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(place);
    };
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(later) : null;
    resize?.observe(el);
    const host = (el.getRootNode() as ShadowRoot).host;
    const outside = (e: Event) => !e.composedPath().includes(host);
    const onDown = (e: Event) => outside(e) && onClose(false);
    // Keys typed inside the panel are handled (and Escape too) by the panel itself.
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && outside(e) && onClose(false);
    addEventListener('scroll', later, { capture: true, passive: true });
    addEventListener('resize', later);
    document.addEventListener('pointerdown', onDown, true);
    document.addEventListener('keydown', onKey, true);
    return () => {
      cancelAnimationFrame(frame);
      resize?.disconnect();
      removeEventListener('scroll', later, { capture: true });
      removeEventListener('resize', later);
      document.removeEventListener('pointerdown', onDown, true);
      document.removeEventListener('keydown', onKey, true);
      try {
        el.hidePopover?.();
      } catch {
        // Not shown (or already detached): nothing to hide.
      }
    };
  }, []);

  const paper = model.paper;
  const saved = model.status === 'saved';
  // How the card was matched to the library, when it was not simply by its arXiv id.
  const match = model.match && model.match.rule !== 'arxiv-id' ? model.match.text : undefined;
  return (
    <div
      ref={ref}
      class="panel"
      popover="manual"
      role="dialog"
      aria-label="Déjà Lu: save, tag and annotate this paper"
      tabIndex={-1}
      data-panel=""
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose(true);
        }
        // The page's own shortcuts must not fire while the user types here.
        e.stopPropagation();
      }}
      onKeyUp={(e) => e.stopPropagation()}
      onKeyPress={(e) => e.stopPropagation()}
      onClick={(e) => e.stopPropagation()}
    >
      <div class="head">
        <div class="title" data-field="title">
          {model.card.title}
        </div>
        <button type="button" class="x" aria-label="Close" title="Close (Esc)" onClick={() => onClose(true)}>
          ×
        </button>
      </div>
      <div class="status">
        <span class="text" data-field="status">
          {panelStatus(model)}
          {match && <span class="match">{match}</span>}
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
          onWantKnown={wantKnown}
          onAdd={(t) =>
            void (async () => {
              if ((saved || (await edits.save(true))) && (await edits.tags([t], []))) setKnown((all) => all && usedOnce(all, t));
            })()
          }
          onRemove={(t) => void edits.tags([], [t])}
        />
      </div>
      <NoteField note={paper?.note ?? ''} save={(t) => edits.note(t)} />
      {paper && paper.seenCount > 0 && <History sightings={sightings} />}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
