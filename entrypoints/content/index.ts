import { createPageUi } from '../../components/page-ui';
import { runPage } from '../../lib/page/run';
import { siteFor } from '../../lib/sites';
import { SUPPORTED_MATCHES } from '../../lib/sites/directory';

export default defineContentScript({
  matches: SUPPORTED_MATCHES,
  // The DOM is whole then; Chromium runs it in a task of its own just after DOMContentLoaded (not
  // inside the parser's task), never later than document_idle, so the first lookup leaves sooner.
  runAt: 'document_end',
  // WXT's "started" note to older copies of this script goes by a DOM event; the extra
  // window.postMessage would wake every message listener of the page for nothing.
  noScriptStartedPostMessage: true,
  main() {
    const site = siteFor(location.href);
    if (!site) return;
    runPage(site, createPageUi);
  },
});
