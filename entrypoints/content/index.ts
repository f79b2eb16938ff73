import { SUPPORTED_MATCHES } from '../../lib/sites/matches';

export default defineContentScript({
  matches: SUPPORTED_MATCHES,
  runAt: 'document_idle',
  main() {
    console.log('[dejalu] content script', document.querySelectorAll('article').length);
  },
});
