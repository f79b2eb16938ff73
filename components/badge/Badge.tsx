import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PanelField, PanelParams, PaperView, SightingView } from '../../lib/messages';
import type { CardAction } from '../../lib/page/keyboard';
import type { BadgeModel } from '../../lib/page/ui';
import { errorMessage } from '../../lib/errors';
import { send } from '../../lib/rpc';
import { copyOneBibtex } from '../shared/cite';
import { createEdits, targetOf } from './edits';
import { badgeLabel, badgeTooltip, hasNote, matchText } from './label';
import type { PanelHost, PanelRequest } from './panel-host';

/** What the page's keyboard shortcuts can ask of a badge; filled in by the badge as it renders. */
export type BadgeCommands = Partial<Record<CardAction, () => void>>;

/** How long the pill says what `c` did before it shows the paper's status again. */
export const CITED_MS = 2_000;

export interface BadgeProps {
  model: BadgeModel;
  onPaper: (paper: PaperView) => void;
  commands?: BadgeCommands;
  /** The page's one panel (panel-host.ts), opened for this badge from its pill or the `t` key. */
  panel?: PanelHost;
  /** Whether another card of the page shows paper `key` too (PanelParams.aOnPage). */
  shownElsewhere?: (key: string) => boolean;
}

const Star = ({ filled }: { filled: boolean }) => (
  <svg viewBox="0 0 24 24" aria-hidden="true" fill={filled ? 'currentColor' : 'none'} stroke="currentColor" stroke-width="2" stroke-linejoin="round">
    <path d="M12 3.2l2.7 5.5 6 .9-4.35 4.25 1.03 6-5.38-2.83-5.38 2.83 1.03-6L3.3 9.6l6-.9z" />
  </svg>
);

/** The pill on a card (opens the panel), with a one-click save control beside it. */
export function Badge({ model, onPaper, commands, panel, shownElsewhere }: BadgeProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  /**
   * What `s` or `c` just did, for a screen reader: the keys act on the card holding focus too, and
   * a pill's new words are not announced by themselves. The region is there (empty) from the
   * component's first render, as a live region must be for a change to be announced: a key makes
   * a plain badge the component before it acts (page-ui.tsx), and what it did is said after a reply.
   */
  const [spoken, setSpoken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<{ key: string; count: number; sightings: SightingView[] } | null>(null);
  const modelRef = useRef(model);
  modelRef.current = model;
  const onPaperRef = useRef(onPaper);
  onPaperRef.current = onPaper;
  const wrap = useRef<HTMLSpanElement>(null);
  const pill = useRef<HTMLButtonElement>(null);
  const [edits] = useState(() => createEdits(() => modelRef.current, (p) => onPaperRef.current(p), setError));

  const paper = model.paper;
  const sightings = paper && history?.key === paper.key && history.count === paper.seenCount ? history.sightings : undefined;
  const loading = useRef<string | null>(null);
  /** History is fetched only when asked for (hover, focus, panel), once per paper and count. */
  const loadHistory = () => {
    const p = modelRef.current.paper;
    if (!p || p.seenCount === 0) return;
    const want = `${p.key}#${p.seenCount}`;
    if (loading.current === want) return;
    loading.current = want;
    void send({ type: 'paper.get', key: p.key }).then((r) => {
      if (r.ok) setHistory({ key: p.key, count: p.seenCount, sightings: r.sightings });
      else loading.current = null;
    });
  };

  /** What the panel page opens with; the page's theme and font from the badge's host. */
  const panelParams = (host: Element): PanelParams => {
    const m = modelRef.current;
    const theme = host.getAttribute('data-theme');
    const font = getComputedStyle(host).fontFamily;
    return {
      card: m.card,
      page: m.page,
      key: m.paper?.key,
      status: m.status,
      before: m.before ?? m.status,
      seenBefore: m.seenBefore,
      visitId: m.visitId,
      match: matchText(m),
      fuzzy: m.match?.rule === 'similar-title' || undefined,
      aOnPage: (m.match?.rule === 'similar-title' && m.paper && shownElsewhere?.(m.paper.key)) || undefined,
      theme: theme === 'dark' || theme === 'light' ? theme : undefined,
      font: font ? font.slice(0, 500) : undefined,
    };
  };
  /** The panel changed a paper: every card of it shows the change (the panel holds the view). */
  const panelChanged = (key: string) => {
    void send({ type: 'papers.get', keys: [key] }).then((r) => {
      const p = r.ok ? r.papers[0] : null;
      if (p) onPaperRef.current(p);
    });
  };

  const saved = model.status === 'saved';
  // A ref, not the state: two quick presses of `s` land before a re-render.
  const saving = useRef(false);
  const toggleSave = async () => {
    if (saving.current) return;
    saving.current = true;
    setBusy(true);
    const want = modelRef.current.status !== 'saved';
    const ok = await edits.save(want);
    saving.current = false;
    setBusy(false);
    setSpoken(ok ? (want ? 'Saved to your library' : 'No longer saved') : '');
  };

  /** This badge's opening of the page's panel, while it is open. */
  const opened = useRef<PanelRequest | null>(null);
  const star = useRef<HTMLButtonElement>(null);
  const closed = (refocus: boolean, forward = false) => {
    opened.current = null;
    setOpen(false);
    // Tabbed past the panel's end: on to the control after the pill, as from the pill itself.
    if (refocus) (forward ? star : pill).current?.focus({ preventScroll: true });
  };
  const close = () => {
    if (opened.current) panel?.close(opened.current);
    closed(false);
  };
  useLayoutEffect(
    () => () => {
      if (opened.current) panel?.close(opened.current);
    },
    [],
  );
  /** Opens the panel (a click), or its tag or note field (`t`, `n`; again while it is open). */
  const show = (field?: PanelField) => {
    if (!panel || !wrap.current) return;
    if (opened.current) {
      if (field) panel.focusField(opened.current, field);
      return;
    }
    // The badge's host on the page (the span itself where there is no shadow root: tests).
    const owner = (wrap.current.getRootNode() as ShadowRoot).host ?? wrap.current;
    const req: PanelRequest = {
      params: panelParams(owner),
      ...(field ? { field } : {}),
      anchor: () => wrap.current,
      owner,
      theme: owner.getAttribute('data-theme') ?? undefined,
      onClose: closed,
      onPaper: panelChanged,
    };
    opened.current = req;
    setOpen(true);
    panel.open(req);
  };

  // What the `c` key did, said by the pill for a moment (the panel says more: Copy BibTeX).
  const [cited, setCited] = useState<string | null>(null);
  const citedTimer = useRef<ReturnType<typeof setTimeout>>();
  const say = (text: string) => {
    clearTimeout(citedTimer.current);
    setCited(text);
    setSpoken(text);
    citedTimer.current = setTimeout(() => {
      setCited(null);
      // Emptied, so the same words said again are a change, and announced again.
      setSpoken('');
    }, CITED_MS);
  };
  useLayoutEffect(() => () => clearTimeout(citedTimer.current), []);
  const cite = async () => {
    try {
      say(await copyOneBibtex(targetOf(modelRef.current)));
    } catch (err) {
      say(`Not copied: ${errorMessage(err)}`);
    }
  };

  if (commands) {
    commands.toggleSave = () => void toggleSave();
    commands.openTags = () => show('tags');
    commands.openNote = () => show('note');
    commands.copyBibtex = () => void cite();
  }

  const stop = (e: Event) => {
    e.preventDefault();
    e.stopPropagation();
  };
  const label = cited ?? badgeLabel(model);
  return (
    <span
      ref={wrap}
      class={`wrap ${model.status}`}
      data-status={model.status}
      data-note={hasNote(model) ? '' : undefined}
      onClick={(e) => e.stopPropagation()}
    >
      <button
        ref={pill}
        type="button"
        class="pill"
        data-action="open"
        aria-haspopup="dialog"
        aria-expanded={open}
        title={badgeTooltip(model, sightings)}
        onMouseEnter={loadHistory}
        onFocus={loadHistory}
        onClick={(e) => {
          stop(e);
          if (open) close();
          else show();
        }}
      >
        <span class="label-text">{label}</span>
      </button>
      <button
        type="button"
        ref={star}
        class={busy ? 'save busy' : 'save'}
        data-action="save"
        aria-pressed={saved}
        aria-label={saved ? 'Unsave paper' : 'Save paper'}
        title={error ? `Not saved: ${error}` : saved ? 'Saved — click to unsave (s)' : 'Save to your library (s)'}
        onClick={(e) => {
          stop(e);
          void toggleSave();
        }}
      >
        <Star filled={saved} />
      </button>
      <span class="sr" role="status">
        {spoken}
      </span>
    </span>
  );
}
