import { describe, expect, it } from 'vitest';
import { siteLabel, siteName } from '../../components/shared/sites';

describe('site names', () => {
  it('names a site mid-sentence (badge, popup)', () => {
    expect(siteName('huggingface')).toBe('Hugging Face');
    expect(siteName('arxiv')).toBe('arXiv');
    expect(siteName('import')).toBe('imported');
    expect(siteName('manual')).toBe('added by hand');
  });

  it('names a site on its own (library filters and details), keeping brand case', () => {
    expect(siteLabel('huggingface')).toBe('Hugging Face');
    expect(siteLabel('arxiv')).toBe('arXiv');
    expect(siteLabel('import')).toBe('Imported');
    expect(siteLabel('manual')).toBe('Added by hand');
  });

  it('falls back to the id for a source it does not know', () => {
    expect(siteName('semanticscholar' as never)).toBe('semanticscholar');
    expect(siteLabel('semanticscholar' as never)).toBe('semanticscholar');
  });
});
