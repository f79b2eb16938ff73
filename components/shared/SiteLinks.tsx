/**
 * The pages Déjà Lu reads, as links to start from: an empty popup or library says where to go, and
 * a reader new to the extension gets there in one click. Plain links, opened only by the reader.
 */
const link = (href: string, text: string) => (
  <a href={href} target="_blank" rel="noopener noreferrer">
    {text}
  </a>
);

/** "Hugging Face Daily Papers, an arXiv listing, a Google Scholar search, an OpenReview venue or a dblp page", each a link. */
export function SiteLinks() {
  return (
    <>
      {link('https://huggingface.co/papers', 'Hugging Face Daily Papers')}, an {link('https://arxiv.org/', 'arXiv listing')}, a{' '}
      {link('https://scholar.google.com/', 'Google Scholar')} search, an {link('https://openreview.net/', 'OpenReview')} venue or a{' '}
      {link('https://dblp.org/', 'dblp')} page
    </>
  );
}
