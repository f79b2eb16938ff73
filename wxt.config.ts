import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { SITE_ORIGINS } from './lib/sites/directory';


export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  outDir: '.output',
  manifestVersion: 3,
  manifest: {
    name: 'Déjà Lu',
    description:
      'Marks the research papers you have already seen on Hugging Face Daily Papers, arXiv listings, Google Scholar, OpenReview and dblp. Your library stays in your browser.',
    // activeTab and scripting: the popup, opened from the toolbar on any other site's page, reads
    // that page's citation meta tags to show the paper being read (lib/citation-meta.ts). Neither
    // asks the reader for a new permission at install; the popup reads only the tab it was opened on.
    permissions: ['storage', 'unlimitedStorage', 'activeTab', 'scripting'],
    host_permissions: SITE_ORIGINS,
    action: { default_title: 'Déjà Lu' },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    // The badge panel is an extension page in an iframe (components/badge/panel-host.ts), so what the
    // reader types there never passes through the page. Only digest pages may frame it, and only by
    // the per-session dynamic address: a page cannot probe for the extension with a fixed URL.
    web_accessible_resources: [
      { resources: ['panel.html'], matches: SITE_ORIGINS, use_dynamic_url: true },
    ],
  },
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022' },
  }),
});
