// A stand-in for a paper's page at its publisher (the demo reads one of the digests' papers there):
// the Highwire meta tags such pages carry, which the popup reads (lib/citation-meta.ts).

/** Where the demo's stand-in publisher page is served: CVF's open-access pages' shape. */
export function publisherUrl(title) {
  const slug = title.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 80);
  return `https://openaccess.thecvf.com/content/CVPR2025/html/${slug}_CVPR_2025_paper.html`;
}

/**
 * A paper's page as a publisher writes it: the Highwire meta tags Google Scholar asks for, the title
 * in the publisher's own capitalisation. Text goes through `escape`: titles are data.
 */
export function publisherPage(card) {
  const escape = (t) => t.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const title = card.title.replace(/(?<= )(with|for|of|and|in|on|via)(?= )/g, (w) => w[0].toUpperCase() + w.slice(1));
  const tags = [
    ['citation_title', title],
    ...(card.authors ?? []).map((a) => ['citation_author', a]),
    ['citation_publication_date', '2025'],
    ['citation_conference_title', 'Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)'],
  ];
  const meta = tags.map(([n, c]) => `<meta name="${n}" content="${escape(c)}">`).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8">${meta}<title>${escape(title)}</title></head><body><h1>${escape(title)}</h1></body></html>`;
}
