/**
 * The badge panel page: loaded once per digest page in the frame components/badge/panel-host.ts
 * makes, then opened for one card at a time by that page's content script. Commands count only
 * with the token in this page's address (see PanelCommand).
 */
import { render } from 'preact';
import { PANEL_CSS } from '../../components/badge/styles';
import { PanelApp } from '../../components/panel/PanelApp';
import { typedKey } from '../../components/badge/typeahead';
import { PanelParamsSchema, type ChangeEvent, type PanelAppPost, type PanelCommand, type PanelField, type PanelPost } from '../../lib/messages';

const style = document.createElement('style');
style.textContent = PANEL_CSS;
document.head.append(style);
const app = document.getElementById('app')!;
const token = location.hash.slice(1);
// Posts go only to the page that holds the panel (what it could see anyway: PanelPost).
const parentOrigin = location.ancestorOrigins?.[0] ?? '*';
const post = (m: PanelPost) => parent.postMessage(m, parentOrigin);

const onChanged = (fn: (ev: ChangeEvent) => void) => {
  const listener = (msg: unknown) => {
    if (msg && typeof msg === 'object' && (msg as ChangeEvent).type === 'dejalu.changed') fn(msg as ChangeEvent);
  };
  chrome.runtime.onMessage.addListener(listener);
  return () => chrome.runtime.onMessage.removeListener(listener);
};
const focusListeners = new Set<(c: { field?: PanelField }) => void>();
const onCommand = (fn: (c: { field?: PanelField }) => void) => {
  focusListeners.add(fn);
  return () => void focusListeners.delete(fn);
};

/**
 * Typed after `t` or `n` before the field had focus (components/badge/typeahead.ts): on the page
 * while this page loaded (the `open` command's `typed`), then here while nothing in it had focus yet
 * — before the opening's command arrived (focus comes first), or after it, until the field takes it.
 */
let typed = '';
/**
 * A panel is shown; `collecting`: the field it was opened on by `t` or `n`, which has not taken the
 * keys yet; `fresh`: this page got focus and no command has come since (the key again: its `focus`
 * follows).
 */
let opened = false;
let collecting: PanelField | null = null;
let fresh = false;
const takeTyped = () => {
  collecting = null;
  const t = typed;
  typed = '';
  return t;
};
/** A command's field, checked: the message is data from another frame. */
function fieldOf(f: unknown): PanelField | undefined {
  return f === 'tags' || f === 'note' ? f : undefined;
}

addEventListener(
  'keydown',
  (e) => {
    const idle = !document.activeElement || document.activeElement === document.body;
    // Before a command says which field, Enter is kept as the note takes it, a line break: the tag
    // field takes a line break as it does a comma, the end of a tag.
    const next = idle && (collecting || !opened || fresh) ? typedKey(typed, e, collecting ?? 'note') : null;
    if (next === null) return;
    typed = next;
    e.preventDefault();
  },
  true,
);

// Keys typed before focus came here belong to the page; from here on, to the panel's next command.
addEventListener('focus', () => {
  if (opened && !collecting) typed = '';
  fresh = true;
  post({ dejalu: 'panel', kind: 'focused' });
});

addEventListener('message', (e) => {
  const d = e.data as PanelCommand | null;
  if (e.source !== parent || !token || !d || d.dejalu !== 'panel' || d.token !== token) return;
  const wasFresh = fresh;
  fresh = false;
  if (d.kind === 'close') {
    typed = '';
    opened = false;
    collecting = null;
    render(null, app);
  } else if (d.kind === 'focus') {
    // `t` or `n` again: the field takes what was typed on the page, then here, before it had focus.
    const field = fieldOf(d.field);
    if (field && opened) {
      typed = (typeof d.typed === 'string' ? d.typed.slice(0, 200) : '') + (wasFresh || collecting ? typed : '');
      collecting = field;
    } else if (!collecting) typed = '';
    focusListeners.forEach((fn) => fn(field ? { field } : {}));
  }
  else if (d.kind === 'open') {
    const parsed = PanelParamsSchema.safeParse(d.params);
    if (!parsed.success || typeof d.seq !== 'number') return;
    const params = parsed.data;
    const root = document.documentElement;
    if (params.theme) root.dataset['theme'] = params.theme;
    else delete root.dataset['theme'];
    if (params.font) root.style.setProperty('--page-font', params.font);
    else root.style.removeProperty('--page-font');
    const seq = d.seq;
    // Keys that came here before this opening was, after those typed on the page.
    const field = fieldOf(d.field);
    typed = field ? (typeof d.typed === 'string' ? d.typed.slice(0, 200) : '') + typed : '';
    opened = true;
    collecting = field ?? null;
    // A new opening is a new panel (its own state, drafts flushed by the last one's unmount).
    render(null, app);
    render(
      <PanelApp
        params={params}
        focus={field ?? 'panel'}
        post={(m: PanelAppPost) => post({ ...m, seq })}
        onChanged={onChanged}
        onCommand={onCommand}
        takeTyped={takeTyped}
      />,
      app,
    );
  }
});
post({ dejalu: 'panel', kind: 'ready' });
