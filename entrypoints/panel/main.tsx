/**
 * The badge panel page: loaded once per digest page in the frame components/badge/panel-host.ts
 * makes, then opened for one card at a time by that page's content script. Commands count only
 * with the token in this page's address (see PanelCommand).
 */
import { render } from 'preact';
import { PANEL_CSS } from '../../components/badge/styles';
import { PanelApp } from '../../components/panel/PanelApp';
import { PanelParamsSchema, type ChangeEvent, type PanelAppPost, type PanelCommand, type PanelPost } from '../../lib/messages';

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
const focusListeners = new Set<(c: { tags: boolean }) => void>();
const onCommand = (fn: (c: { tags: boolean }) => void) => {
  focusListeners.add(fn);
  return () => void focusListeners.delete(fn);
};

addEventListener('message', (e) => {
  const d = e.data as PanelCommand | null;
  if (e.source !== parent || !token || !d || d.dejalu !== 'panel' || d.token !== token) return;
  if (d.kind === 'close') render(null, app);
  else if (d.kind === 'focus') focusListeners.forEach((fn) => fn({ tags: d.tags === true }));
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
    // A new opening is a new panel (its own state, drafts flushed by the last one's unmount).
    render(null, app);
    render(
      <PanelApp
        params={params}
        focus={d.tags ? 'tags' : 'panel'}
        post={(m: PanelAppPost) => post({ ...m, seq })}
        onChanged={onChanged}
        onCommand={onCommand}
      />,
      app,
    );
  }
});
post({ dejalu: 'panel', kind: 'ready' });
