import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PanelCommand, PanelParams, PanelPost } from '../../lib/messages';
import { panelPosition } from './position';

export interface PanelFrameProps {
  /** What the panel opens with, asked for once. */
  params: () => PanelParams;
  /** Non-zero: the tag field takes focus, again each time it changes (the `t` shortcut). */
  focusTags: number;
  /** What the panel is placed against (the badge). */
  anchor: () => Element | null;
  onClose: (refocus: boolean) => void;
  /** The panel changed the paper with this key: the badge reads it. */
  onPaper: (key: string) => void;
}

type PopoverEl = HTMLDivElement & { showPopover?: () => void; hidePopover?: () => void };

/** The panel page's address: the extension's own (dynamic, see wxt.config.ts), parameters in the fragment. */
export function panelUrl(params: PanelParams): string {
  return `${chrome.runtime.getURL('/panel.html')}#${encodeURIComponent(JSON.stringify(params))}`;
}

function isPost(data: unknown): data is PanelPost {
  const d = data as Partial<PanelPost> | null;
  return !!d && typeof d === 'object' && d.dejalu === 'panel' && typeof d.kind === 'string';
}

/**
 * The badge panel on the page: a popover in the top layer (so a card's `overflow: hidden` or
 * `content-visibility` cannot clip it), placed against the badge and following scrolling, that
 * holds the panel page in an iframe of the extension's origin. What the reader types there (keys
 * included) stays in that document; the page's scripts cannot read it, nor what it shows.
 */
export function PanelFrame({ params, focusTags, anchor, onClose, onPaper }: PanelFrameProps) {
  const ref = useRef<PopoverEl>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(0);
  const [src] = useState(() => panelUrl(params()));
  const loaded = useRef(false);
  const handlers = useRef({ onClose, onPaper });
  handlers.current = { onClose, onPaper };

  /** Moves focus into the panel, then tells it where (it cannot take focus on its own). */
  const focusInside = (tags: boolean) => {
    const f = frame.current;
    if (!f?.contentWindow || !loaded.current) return;
    f.focus({ preventScroll: true });
    const command: PanelCommand = { dejalu: 'panel', kind: 'focus', tags };
    // The dynamic address redirects to the extension's own origin, which is the frame's.
    f.contentWindow.postMessage(command, `chrome-extension://${chrome.runtime.id}`);
  };

  const place = () => {
    const el = ref.current;
    const a = anchor();
    if (!el || !a) return;
    const p = panelPosition(a.getBoundingClientRect(), { width: el.offsetWidth, height: el.offsetHeight }, {
      width: document.documentElement.clientWidth || innerWidth,
      height: innerHeight,
    });
    el.style.left = `${p.left}px`;
    el.style.top = `${p.top}px`;
  };

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    try {
      el.showPopover?.();
    } catch {
      // Already shown, or popovers unsupported: `position: fixed` and a high z-index still apply.
    }
    place();
    let raf = 0;
    const later = () => {
      cancelAnimationFrame(raf);
      raf = requestAnimationFrame(place);
    };
    const host = (el.getRootNode() as ShadowRoot).host;
    const outside = (e: Event) => !e.composedPath().includes(host);
    const onDown = (e: Event) => outside(e) && handlers.current.onClose(false);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && outside(e) && handlers.current.onClose(false);
    // Only our own iframe's posts count. A page script can post to this window too, and can even
    // dispatch a made-up message event naming our frame (`window.frames`) as its source: such an
    // event is not trusted, and a page cannot make it so.
    const onMessage = (e: MessageEvent) => {
      const own = frame.current?.contentWindow;
      if (!e.isTrusted || !own || e.source !== own || !isPost(e.data)) return;
      const d = e.data;
      if (d.kind === 'size' && typeof d.height === 'number' && d.height > 0) setHeight(d.height);
      else if (d.kind === 'close') handlers.current.onClose(d.refocus === true);
      else if (d.kind === 'paper' && typeof d.key === 'string') handlers.current.onPaper(d.key);
    };
    addEventListener('scroll', later, { capture: true, passive: true });
    addEventListener('resize', later);
    addEventListener('message', onMessage);
    document.addEventListener('pointerdown', onDown, true);
    document.addEventListener('keydown', onKey, true);
    return () => {
      cancelAnimationFrame(raf);
      removeEventListener('scroll', later, { capture: true });
      removeEventListener('resize', later);
      removeEventListener('message', onMessage);
      document.removeEventListener('pointerdown', onDown, true);
      document.removeEventListener('keydown', onKey, true);
      try {
        el.hidePopover?.();
      } catch {
        // Not shown (or already detached): nothing to hide.
      }
    };
  }, []);

  // As tall as the panel, within the viewport (the panel page scrolls beyond that).
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !height) return;
    el.style.height = `${Math.min(height + 2, innerHeight - 16)}px`;
    place();
  }, [height]);

  const first = useRef(focusTags);
  useEffect(() => {
    if (focusTags !== first.current) focusInside(true);
  }, [focusTags]);

  return (
    <div ref={ref} class={height ? 'frame sized' : 'frame'} popover="manual" data-panel="">
      <iframe
        ref={frame}
        src={src}
        title="Déjà Lu: save, tag and annotate this paper"
        onLoad={() => {
          loaded.current = true;
          focusInside(first.current > 0);
        }}
      />
    </div>
  );
}
