/**
 * The sites the content script reads, as everything but the recognisers needs them: the protocol's
 * site ids, the settings' switches, the library's filters and names, the manifest's patterns. Each
 * site's recogniser is its module in this folder (registered in ./index.ts); this file stays free of
 * DOM code, so the popup and the library page can import it.
 */
export const PAGE_SITES = [
  {
    id: 'huggingface',
    name: 'Hugging Face',
    pages: 'Hugging Face Papers',
    matches: ['https://huggingface.co/papers*'],
    origin: 'https://huggingface.co/*',
  },
  {
    id: 'arxiv',
    name: 'arXiv',
    pages: 'arXiv listings',
    matches: ['https://arxiv.org/list/*', 'https://arxiv.org/abs/*', 'https://arxiv.org/search/*'],
    origin: 'https://arxiv.org/*',
  },
  {
    id: 'scholar',
    name: 'Google Scholar',
    pages: 'Google Scholar results',
    matches: ['https://scholar.google.com/scholar*'],
    origin: 'https://scholar.google.com/*',
  },
] as const satisfies readonly {
  id: string;
  /** Mid-sentence: "Nov 3 · Hugging Face". */
  name: string;
  /** The settings' switch: which pages it turns on and off. */
  pages: string;
  /** Pages the content script runs on. */
  matches: readonly string[];
  /** The host permission and the badge panel's frame ancestors. */
  origin: string;
}[];

export type SiteId = (typeof PAGE_SITES)[number]['id'];

export const SITE_IDS = PAGE_SITES.map((s) => s.id) as [SiteId, ...SiteId[]];

/** Every place a paper can come from: the sites' pages, an imported file, the reader's own hand. */
export const SOURCES = [...SITE_IDS, 'import', 'manual'] as [SiteId | 'import' | 'manual', ...(SiteId | 'import' | 'manual')[]];

/** Pages the content script runs on; host permissions cover exactly these sites. */
export const SUPPORTED_MATCHES: string[] = PAGE_SITES.flatMap((s) => s.matches);

export const SITE_ORIGINS: string[] = PAGE_SITES.map((s) => s.origin);

export function isPageSite(site: string): site is SiteId {
  return (SITE_IDS as string[]).includes(site);
}
