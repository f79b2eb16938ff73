import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeBackup, toBackup } from '../../lib/export/backup';
import { toBibtex } from '../../lib/export/bibtex';
import { toCslJson } from '../../lib/export/csl-json';
import { detectFormat, tagsFromKeywords } from '../../lib/export/imported';
import { SAMPLE } from './papers';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'import', name), 'utf8');

describe('detectFormat', () => {
  it('recognises our own exports and Zotero files', () => {
    expect(detectFormat(serializeBackup(toBackup({ papers: SAMPLE, sightings: [], notSame: [], settings: [] })))).toBe('backup');
    expect(detectFormat(toBibtex(SAMPLE))).toBe('bibtex');
    expect(detectFormat(toCslJson(SAMPLE))).toBe('csl-json');
    expect(detectFormat(fixture('zotero-preprints.bib'), 'zotero-preprints.bib')).toBe('bibtex');
    expect(detectFormat(fixture('zotero-journal.bib'))).toBe('bibtex');
    expect(detectFormat(fixture('zotero-library.json'), 'My Library.json')).toBe('csl-json');
  });

  it('decides by content, not by the file name', () => {
    expect(detectFormat(toBibtex(SAMPLE), 'refs.json')).toBe('bibtex');
    expect(detectFormat('\uFEFF  [{"type":"article","title":"x"}]', 'x.bib')).toBe('csl-json');
    expect(detectFormat('{"type": "article", "title": "One item"}')).toBe('csl-json');
  });

  it('sends other JSON objects to the backup parser, whose errors explain them', () => {
    expect(detectFormat('{"name": "pkg"}')).toBe('backup');
    expect(detectFormat('{"format": "dejalu-backup", "version": 1, "pap')).toBe('backup');
  });

  it('gives up on the unrecognisable', () => {
    expect(detectFormat('')).toBeNull();
    expect(detectFormat('   ')).toBeNull();
    expect(detectFormat('hello world')).toBeNull();
    expect(detectFormat('hello world', 'notes.txt')).toBeNull();
    // A .bib file with no entry still goes to the BibTeX parser, which says there are none.
    expect(detectFormat('% nothing here', 'empty.bib')).toBe('bibtex');
  });
});

describe('tags from keywords', () => {
  it('normalise like the protocol does; a keyword too long to be a tag is left out', () => {
    expect(tagsFromKeywords('  #Deep Learning ;   ')).toEqual(['deep-learning']);
    expect(tagsFromKeywords(`${'x'.repeat(65)}; ${'y'.repeat(64)}`)).toEqual(['y'.repeat(64)]);
    expect(tagsFromKeywords('NLP, nlp; Vision ,, ')).toEqual(['nlp', 'vision']);
  });
});
