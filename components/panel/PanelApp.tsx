import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChangeEvent, PanelAppPost, PanelField, PanelParams, PaperView, SightingView } from '../../lib/messages';
import type { BadgeModel } from '../../lib/page/ui';
import { statusAfter } from '../../lib/page/shown';
import { send } from '../../lib/rpc';
import { createEdits, storedKeyOf } from '../badge/edits';
import { Panel } from '../badge/Panel';

export interface PanelAppProps {
  params: PanelParams;
  /** Where focus goes once the paper is shown: the tag or note field (`t`, `n`) or the panel. */
  focus?: PanelField | 'panel';
  /** To the page that holds the panel (its content script listens): see PanelPost. */
  post: (message: PanelAppPost) => void;
  /** Change events from the background; returns how to stop listening. */
  onChanged: (fn: (event: ChangeEvent) => void) => () => void;
  /** Focus requests from the content script (the `t` or `n` shortcut again); returns how to stop listening. */
  onCommand: (fn: (command: { field?: PanelField }) => void) => () => void;
  /** Text typed after `t` or `n` before the field had focus, for that field (entrypoints/panel). */
  takeTyped?: () => string;
}

/**
 * The badge panel as a page of its own: reads the stored paper, edits it through the background,
 * follows changes made elsewhere, and tells the badge its height, that it closes, and which paper it
 * changed (the badge re-reads it).
 */
export function PanelApp({ params, focus = 'panel', post, onChanged, onCommand, takeTyped }: PanelAppProps) {
  /** undefined while the stored paper is read; null when there is none (yet). */
  const [paper, setPaper] = useState<PaperView | null | undefined>(params.key ? undefined : null);
  const [sightings, setSightings] = useState<SightingView[] | undefined>(params.key ? undefined : []);
  const [error, setError] = useState<string | null>(null);
  const [focusTags, setFocusTags] = useState(focus === 'tags' ? 1 : 0);
  const [focusNote, setFocusNote] = useState(focus === 'note' ? 1 : 0);
  const [focusPanel, setFocusPanel] = useState(focus === 'panel' ? 1 : 0);
  const key = useRef(params.key);
  /** The title of the paper the reader said this card is not (`papers.notSame`), once split. */
  const [splitFrom, setSplitFrom] = useState<string | null>(null);
  // Split, the card is a paper of its own, new unless the reader had saved it.
  const before = splitFrom === null ? params.before : paper?.savedAt !== undefined ? 'saved' : 'new';
  const seenBefore = splitFrom === null ? params.seenBefore : undefined;
  const model: BadgeModel = {
    status: paper ? statusAfter(paper, before, seenBefore) : params.status,
    before,
    seenBefore,
    visitId: params.visitId,
    paper: paper ?? undefined,
    card: params.card,
    page: params.page,
  };
  const modelRef = useRef(model);
  modelRef.current = model;

  // Edit replies and change events race: an older view must not undo a later edit (ShownPapers.apply).
  const show = (next: PaperView) =>
    setPaper((cur) => (cur && cur.key === next.key && cur.updatedAt > next.updatedAt ? cur : next));
  const load = async () => {
    let asked = key.current;
    if (!asked) {
      // A card new to the library when the panel opened is stored by its sighting a moment later:
      // from then on the panel shows (and cites) that paper.
      asked = await storedKeyOf(params.card);
      if (!asked || key.current) return;
      key.current = asked;
    }
    const reply = await send({ type: 'paper.get', key: asked });
    if (key.current !== asked) return;
    if (!reply.ok) {
      setError(reply.error.message);
      setPaper((cur) => (cur === undefined ? null : cur));
      return;
    }
    if (reply.paper) {
      key.current = reply.paper.key;
      show(reply.paper);
    } else setPaper(null);
    setSightings(reply.sightings);
  };
  const [edits] = useState(() =>
    createEdits(
      () => modelRef.current,
      (p) => {
        key.current = p.key;
        show(p);
        post({ dejalu: 'panel', kind: 'paper', key: p.key });
      },
      setError,
    ),
  );

  const notSame = async () => {
    const a = key.current;
    const was = paper;
    if (!a || !was) return;
    const reply = await send({ type: 'papers.notSame', a, b: { card: params.card, page: params.page }, ...(params.aOnPage ? { aOnPage: true } : {}) });
    if (!reply.ok) {
      setError(reply.error.message);
      return;
    }
    key.current = reply.b.key;
    setSplitFrom(was.title);
    setPaper(reply.b);
    post({ dejalu: 'panel', kind: 'paper', key: reply.b.key });
    void load();
  };

  // Subscribed in the opening's own task: a focus command (the `t` key again) may follow it at once.
  useLayoutEffect(() => {
    void load();
    const stopChanged = onChanged((ev) => {
      const k = key.current;
      if (!k) {
        if (ev.all || ev.keys.length) void load();
        return;
      }
      const moved = ev.moved?.[k];
      if (moved) key.current = moved;
      if (ev.all || moved || ev.keys.includes(k)) void load();
    });
    const stopCommand = onCommand((c) => (c.field === 'tags' ? setFocusTags : c.field === 'note' ? setFocusNote : setFocusPanel)((n) => n + 1));
    return () => {
      stopChanged();
      stopCommand();
    };
  }, []);

  // The badge sizes the panel's frame to the panel; it stays hidden until the first size.
  const box = useRef<HTMLDivElement>(null);
  const loaded = paper !== undefined;
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    let last = -1;
    const tell = () => {
      const height = Math.ceil(el.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      post({ dejalu: 'panel', kind: 'size', height });
    };
    tell();
    if (typeof ResizeObserver !== 'function') return;
    const watch = new ResizeObserver(tell);
    watch.observe(el);
    return () => watch.disconnect();
  }, [loaded]);

  /**
   * Tab past the panel's last control, or Shift+Tab before its first, leaves it as it would leave a
   * panel in the page: it closes, and focus goes on from the badge (the frame sits at the end of the
   * page's body, so the browser would move on from there). Focus coming in from outside the frame
   * (no related target) goes to the panel instead.
   */
  const edge = (forward: boolean) => (e: FocusEvent) => {
    if (e.relatedTarget === null) {
      setFocusPanel((n) => n + 1);
      return;
    }
    post({ dejalu: 'panel', kind: 'close', refocus: true, forward });
  };

  if (!loaded) return null;
  return (
    <div ref={box}>
      <span class="sr" tabIndex={0} data-edge="start" onFocus={edge(false)} />
      <Panel
        model={model}
        edits={edits}
        sightings={sightings}
        focusTags={focusTags}
        focusNote={focusNote}
        takeTyped={takeTyped}
        focusPanel={focusPanel}
        error={error}
        match={splitFrom === null ? params.match : `Not the same as “${splitFrom}”, now its own paper`}
        onNotSame={params.fuzzy && splitFrom === null ? () => void notSame() : undefined}
        onClose={(refocus) => post({ dejalu: 'panel', kind: 'close', refocus })}
      />
      <span class="sr" tabIndex={0} data-edge="end" onFocus={edge(true)} />
    </div>
  );
}
