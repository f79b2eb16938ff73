/**
 * The popup's first request, from a classic script in popup.html's <head>: it runs while the page
 * is still being parsed, about 15 ms before the popup's module script does (a blank extension page
 * alone takes ~35 ms to load), so the `tab.get` round trip overlaps loading the popup rather than
 * following it. entrypoints/popup/main.tsx takes the started request from here.
 */
import { startPopup, type PopupStart } from '../components/popup/start';

declare global {
  interface Window {
    dejaluPopupStart?: PopupStart;
  }
}

export default defineUnlistedScript(() => {
  window.dejaluPopupStart = startPopup();
});
