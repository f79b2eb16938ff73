/**
 * The badge panel's one frame on a digest page: an extension page (entrypoints/panel) in an iframe
 * inside a closed shadow root, shown as a popover in the top layer (a card's `overflow: hidden` or
 * `content-visibility` cannot clip it), placed against the badge it was opened from and following
 * scrolling. What the reader types there (keys included) stays in that document.
 *
 * The frame is loaded once, when the pointer first reaches a badge (`warm`), and then opened for one
 * card at a time: loading an extension page takes a noticeable moment, opening a loaded one does
 * not.
 */
import type { PanelCommand, PanelField, PanelParams, PanelPost } from '../../lib/messages';
import { panelPosition } from './position';
import { PANEL_FRAME_CSS } from './styles';
import { collectTyping, TYPEAHEAD_MS, type Typeahead } from './typeahead';

export interface PanelRequest {
  params: PanelParams;
  /** Focus this field (the `t` or `n` shortcut) rather than the panel. */
  field?: PanelField;
  /** What the panel is placed against (the badge). */
  anchor: () => Element | null;
  /** The badge's host on the page: a press on it is not an outside click. */
  owner: Element;
  theme?: string;
  /**
   * The panel closed (it asked, Escape or a click elsewhere on the page); not called by `close`.
   * `refocus`: focus goes back to the badge; `forward`: to what follows the badge's pill.
   */
  onClose: (refocus: boolean, forward?: boolean) => void;
  /** The panel changed the paper with this key. */
  onPaper: (key: string) => void;
}

export interface PanelHost {
  /** Loads the panel page ahead of its first use. */
  warm(): void;
  /** Opens the panel for `req`, closing the one open for another badge. */
  open(req: PanelRequest): void;
  /** Moves focus to the open panel's tag or note field (the `t` or `n` shortcut while it is open). */
  focusField(req: PanelRequest, field: PanelField): void;
  /** Closes the panel if it is open for `req`. */
  close(req: PanelRequest): void;
  destroy(): void;
}

type PopoverEl = HTMLDivElement & { showPopover?: () => void; hidePopover?: () => void };
/** A command before the host adds who it is from. */
type Command = PanelCommand extends infer C ? (C extends unknown ? Omit<C, 'dejalu' | 'token'> : never) : never;

function isPost(data: unknown): data is PanelPost {
  const d = data as Partial<PanelPost> | null;
  return !!d && typeof d === 'object' && d.dejalu === 'panel' && typeof d.kind === 'string';
}

/** A token no page script can guess, for the commands the frame takes (see PanelCommand). */
function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Openings whose late posts (a note saved as the panel closed) still reach their badge. */
const REMEMBERED = 8;

export function createPanelHost(doc: Document = document): PanelHost {
  const token = newToken();
  let host: HTMLElement | null = null;
  let box: PopoverEl | null = null;
  let frame: HTMLIFrameElement | null = null;
  let ready = false;
  let seq = 0;
  let current: { seq: number; req: PanelRequest } | null = null;
  /** Recent openings by seq, for posts that come after the panel moved on. */
  const recent = new Map<number, PanelRequest>();
  let stopListening: AbortController | null = null;
  /** Keys typed after `t` or `n` while the panel page loads (typeahead.ts). */
  let typeahead: Typeahead | null = null;
  /** What waits for focus to reach the panel (whenFocusMoved). */
  let focusMoved: (() => void) | null = null;
  let raf = 0;
  const win = doc.defaultView ?? window;
  // The dynamic address redirects to the extension's own origin, which is the frame's.
  const frameOrigin = `chrome-extension://${chrome.runtime.id}`;

  const command = (c: Command) =>
    frame?.contentWindow?.postMessage({ dejalu: 'panel', token, ...c }, frameOrigin);

  const place = () => {
    const a = current?.req.anchor();
    if (!box || !a) return;
    const p = panelPosition(a.getBoundingClientRect(), { width: box.offsetWidth, height: box.offsetHeight }, {
      width: doc.documentElement.clientWidth || win.innerWidth,
      height: win.innerHeight,
    });
    box.style.left = `${p.left}px`;
    box.style.top = `${p.top}px`;
  };
  const later = () => {
    cancelAnimationFrame(raf);
    raf = requestAnimationFrame(place);
  };

  /** The panel page is loaded and `current` is shown: focus moves into it, then it opens. */
  const send = () => {
    if (!ready || !current || !frame) return;
    frame.focus({ preventScroll: true });
    const opening = current;
    whenFocusMoved((typed) =>
      command({
        kind: 'open',
        seq: opening.seq,
        params: opening.req.params,
        ...(opening.req.field ? { field: opening.req.field } : {}),
        ...(typed ? { typed } : {}),
      }),
    );
  };

  /**
   * Runs `then` once, with what was typed on the way, when the keys typed from now on reach the
   * panel — unless another opening has come meanwhile. The frame is another process: keys typed
   * until focus has moved there still reach this page, and are kept, until the window's blur says
   * the next ones go to the panel. On a busy machine that takes a while; a fixed short wait let the
   * keys after it reach the page (and `s` save).
   */
  const whenFocusMoved = (then: (typed: string | undefined) => void) => {
    const at = current;
    let sent = false;
    const go = () => {
      if (sent || current !== at) return;
      sent = true;
      const typed = typeahead?.take();
      typeahead = null;
      then(typed);
    };
    if (!typeahead || !doc.hasFocus()) return go();
    // Either says so: the window's blur, or the panel page's word that it has focus (Chromium
    // leaves out the blur when focus goes back into the frame after a click on the page).
    focusMoved = go;
    win.addEventListener('blur', go, { once: true });
    setTimeout(go, TYPEAHEAD_MS);
  };

  // Only our own frame's posts count. A page script can post to this window too, and can learn the
  // frame's window from the frame's own posts and dispatch a made-up message event naming it as
  // the source: such an event is not trusted, and a page cannot make it so.
  const onMessage = (e: MessageEvent) => {
    const own = frame?.contentWindow;
    if (!e.isTrusted || !own || e.source !== own || !isPost(e.data)) return;
    const d = e.data;
    if (d.kind === 'ready') {
      ready = true;
      send();
      return;
    }
    if (d.kind === 'focused') {
      const go = focusMoved;
      focusMoved = null;
      go?.();
      return;
    }
    const req = recent.get(d.seq);
    if (d.kind === 'paper' && typeof d.key === 'string') req?.onPaper(d.key);
    if (!current || d.seq !== current.seq) return;
    if (d.kind === 'size' && typeof d.height === 'number' && d.height > 0 && box) {
      box.style.height = `${Math.min(d.height + 2, win.innerHeight - 16)}px`;
      box.classList.add('sized');
      place();
    } else if (d.kind === 'close') {
      const { req: closing } = current;
      hide();
      closing.onClose(d.refocus === true, d.forward === true);
    }
  };

  const build = () => {
    if (host) return;
    host = doc.createElement('dejalu-panel');
    const root = host.attachShadow({ mode: 'closed' });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(PANEL_FRAME_CSS);
      root.adoptedStyleSheets = [sheet];
    } catch {
      const style = doc.createElement('style');
      style.textContent = PANEL_FRAME_CSS;
      root.append(style);
    }
    box = doc.createElement('div') as PopoverEl;
    box.className = 'frame';
    box.setAttribute('popover', 'manual');
    box.setAttribute('data-panel-frame', '');
    frame = doc.createElement('iframe');
    frame.title = 'Déjà Lu: save, tag and annotate this paper';
    frame.src = `${chrome.runtime.getURL('/panel.html')}#${token}`;
    box.append(frame);
    root.append(box);
    win.addEventListener('message', onMessage);
    doc.body.append(host);
  };

  const hide = () => {
    typeahead?.stop();
    typeahead = null;
    focusMoved = null;
    if (!current) return;
    current = null;
    stopListening?.abort();
    stopListening = null;
    cancelAnimationFrame(raf);
    command({ kind: 'close' });
    box?.classList.remove('sized');
    try {
      box?.hidePopover?.();
    } catch {
      // Not shown: nothing to hide.
    }
    box?.removeAttribute('data-open');
  };

  return {
    warm: build,

    open(req) {
      build();
      if (current) {
        const was = current.req;
        hide();
        if (was !== req) was.onClose(false);
      }
      current = { seq: ++seq, req };
      recent.set(current.seq, req);
      for (const k of recent.keys()) if (recent.size > REMEMBERED) recent.delete(k);
      if (req.theme) host!.setAttribute('data-theme', req.theme);
      else host!.removeAttribute('data-theme');
      box!.setAttribute('data-open', '');
      try {
        box!.showPopover?.();
      } catch {
        // Popovers unsupported: `position: fixed` and a high z-index still apply.
      }
      place();
      // Opened by `t` or `n`: what is typed before the field has focus is its start (the panel
      // page may still be loading, and focus takes a moment to move into its frame even when not).
      if (req.field) {
        typeahead?.stop();
        typeahead = collectTyping(win, req.field);
      }
      stopListening = new AbortController();
      const opts = { signal: stopListening.signal };
      const outside = (e: Event) => {
        const path = e.composedPath();
        return !path.includes(host!) && !path.includes(req.owner);
      };
      const dismiss = () => {
        if (current?.req !== req) return;
        hide();
        req.onClose(false);
      };
      win.addEventListener('scroll', later, { capture: true, passive: true, signal: stopListening.signal });
      win.addEventListener('resize', later, opts);
      doc.addEventListener('pointerdown', (e) => outside(e) && dismiss(), { capture: true, signal: stopListening.signal });
      doc.addEventListener('keydown', (e) => e.key === 'Escape' && outside(e) && dismiss(), { capture: true, signal: stopListening.signal });
      send();
    },

    focusField(req, field) {
      if (current?.req !== req || !frame) return;
      // `t` or `n` with the panel open: what follows is the field's start, as after the first press.
      typeahead?.stop();
      typeahead = collectTyping(win, field);
      frame.focus({ preventScroll: true });
      whenFocusMoved((typed) => command({ kind: 'focus', field, ...(typed ? { typed } : {}) }));
    },

    close(req) {
      if (current?.req === req) hide();
    },

    destroy() {
      hide();
      win.removeEventListener('message', onMessage);
      host?.remove();
      host = box = frame = null;
      ready = false;
    },
  };
}
