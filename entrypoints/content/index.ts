import { createPageUi } from '../../components/page-ui';
import { PageController } from '../../lib/page/controller';
import { siteFor } from '../../lib/sites';
import { SUPPORTED_MATCHES } from '../../lib/sites/matches';

export default defineContentScript({
  matches: SUPPORTED_MATCHES,
  runAt: 'document_idle',
  main() {
    const site = siteFor(location.href);
    if (!site) return;
    void new PageController(site, createPageUi()).start();
  },
});
