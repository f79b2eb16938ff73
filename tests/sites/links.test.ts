import { describe, expect, it } from 'vitest';
import { idsOf } from '../../lib/sites/links';

describe('idsOf: the ids a card\'s link to its paper carries (Scholar results, dblp editions)', () => {
  it('reads arXiv ids, and DOIs from doi.org and publishers\' addresses, one rule with the popup\'s', () => {
    expect(idsOf('https://arxiv.org/abs/2402.17762v2')).toEqual({ arxivId: '2402.17762', version: 2 });
    expect(idsOf('https://doi.org/10.1145/3580305.3599256')).toEqual({ doi: '10.1145/3580305.3599256' });
    expect(idsOf('https://dl.acm.org/doi/abs/10.1145/3580305.3599256')).toEqual({ doi: '10.1145/3580305.3599256' });
    expect(idsOf('https://link.springer.com/chapter/10.1007/978-3-031-19775-8_1')).toEqual({ doi: '10.1007/978-3-031-19775-8_1' });
    // Addresses the earlier rule (`/doi/`, `/article/`… before the DOI) missed.
    expect(idsOf('https://www.biorxiv.org/content/10.1101/2023.01.03.522633v2.full')).toEqual({ doi: '10.1101/2023.01.03.522633' });
    expect(idsOf('https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0281234')).toEqual({ doi: '10.1371/journal.pone.0281234' });
    expect(idsOf('https://www.nature.com/articles/s41586-023-06291-2')).toEqual({ doi: '10.1038/s41586-023-06291-2' });
    expect(idsOf('https://journals.aps.org/prb/abstract/10.1103/PhysRevB.107.045123')).toEqual({ doi: '10.1103/physrevb.107.045123' });
  });

  it('reads nothing from other links', () => {
    for (const href of [
      'https://www.sciencedirect.com/science/article/pii/S0893608023001234',
      'https://aclanthology.org/2022.findings-emnlp.93/',
      'https://proceedings.mlr.press/v202/kirchenbauer23a.html',
      'https://www.nature.com/nature/volumes/615',
      '/scholar?cluster=1',
      'not a link',
    ]) {
      expect(idsOf(href), href).toEqual({});
    }
  });
});
