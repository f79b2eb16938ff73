import { describe, expect, it } from 'vitest';
import {
  arxivIdFromDoi,
  arxivIdOf,
  doiOf,
  normalizeDoi,
  paperKey,
  isArxivClass,
  parseArxivClass,
  parseArxivId,
  titleKey,
} from '../lib/identity';
import type { PaperRef } from '../lib/types';

type Case = [input: string, expected: { id: string; version?: number } | null];

const bareIds: Case[] = [
  ['2401.01234', { id: '2401.01234' }],
  ['2401.01234v3', { id: '2401.01234', version: 3 }],
  ['  2401.01234v12 ', { id: '2401.01234', version: 12 }],
  ['arXiv:2401.01234', { id: '2401.01234' }],
  ['ARXIV: 2401.01234v2', { id: '2401.01234', version: 2 }],
  ['arXiv:2401.01234v2 [cs.LG]', { id: '2401.01234', version: 2 }],
  ['Preprint, arXiv:2401.01234, 2024.', { id: '2401.01234' }],
  ['1412.6980', { id: '1412.6980' }],
  ['1412.6980v9', { id: '1412.6980', version: 9 }],
  ['0704.0001', { id: '0704.0001' }],
  ['1501.00001', { id: '1501.00001' }],
  ['2401.01234.pdf', { id: '2401.01234' }],
  ['hep-th/9901001', { id: 'hep-th/9901001' }],
  ['HEP-TH/9901001', { id: 'hep-th/9901001' }],
  ['math.GT/0309136', { id: 'math/0309136' }],
  ['math/0309136', { id: 'math/0309136' }],
  ['cond-mat/0102536v2', { id: 'cond-mat/0102536', version: 2 }],
  ['astro-ph/0701001', { id: 'astro-ph/0701001' }],
  ['cs/0112017', { id: 'cs/0112017' }],
  ['cs.LG/0112017v1', { id: 'cs/0112017', version: 1 }],
  ['arXiv:hep-th/9901001v2', { id: 'hep-th/9901001', version: 2 }],
];

const urls: Case[] = [
  ['https://arxiv.org/abs/2401.01234', { id: '2401.01234' }],
  ['https://arxiv.org/abs/2401.01234v2', { id: '2401.01234', version: 2 }],
  ['https://arxiv.org/abs/2401.01234v2/', { id: '2401.01234', version: 2 }],
  ['https://arxiv.org/pdf/2401.01234', { id: '2401.01234' }],
  ['https://arxiv.org/pdf/2401.01234v2', { id: '2401.01234', version: 2 }],
  ['https://arxiv.org/pdf/2401.01234v2.pdf', { id: '2401.01234', version: 2 }],
  ['http://arxiv.org/pdf/1412.6980.pdf', { id: '1412.6980' }],
  ['https://arxiv.org/html/2401.01234v1', { id: '2401.01234', version: 1 }],
  ['https://arxiv.org/html/2401.01234v1/#S2', { id: '2401.01234', version: 1 }],
  ['https://arxiv.org/html/2401.01234v1/x1.png', { id: '2401.01234', version: 1 }],
  ['https://arxiv.org/format/2401.01234', { id: '2401.01234' }],
  ['https://arxiv.org/abs/2401.01234?context=cs.LG', { id: '2401.01234' }],
  ['https://arxiv.org/abs/2401.01234#comments', { id: '2401.01234' }],
  ['https://www.arxiv.org/abs/2401.01234', { id: '2401.01234' }],
  ['http://export.arxiv.org/abs/2401.01234v3', { id: '2401.01234', version: 3 }],
  ['arxiv.org/abs/2401.01234', { id: '2401.01234' }],
  ['https://arxiv.org/abs/hep-th/9901001', { id: 'hep-th/9901001' }],
  ['https://arxiv.org/abs/hep-th/9901001v1', { id: 'hep-th/9901001', version: 1 }],
  ['https://arxiv.org/pdf/hep-th/9901001v1.pdf', { id: 'hep-th/9901001', version: 1 }],
  ['https://arxiv.org/abs/math.GT/0309136', { id: 'math/0309136' }],
  ['https://arxiv.org/abs/hep-th%2F9901001', { id: 'hep-th/9901001' }],
  ['https://huggingface.co/papers/2401.01234', { id: '2401.01234' }],
  ['https://huggingface.co/papers/2401.01234#community', { id: '2401.01234' }],
  ['https://hf.co/papers/2401.01234', { id: '2401.01234' }],
  ['Kingma and Ba. Adam. arXiv 1412.6980, 2014.', { id: '1412.6980' }],
  ['huggingface.co/papers/2401.01234', { id: '2401.01234' }],
  ['https://www.alphaxiv.org/abs/2401.01234', { id: '2401.01234' }],
  ['https://alphaxiv.org/abs/2401.01234v2', { id: '2401.01234', version: 2 }],
  ['https://www.alphaxiv.org/overview/2401.01234', { id: '2401.01234' }],
  ['10.48550/arXiv.2401.01234', { id: '2401.01234' }],
  ['doi:10.48550/arXiv.2401.01234', { id: '2401.01234' }],
  ['https://doi.org/10.48550/arXiv.2401.01234', { id: '2401.01234' }],
  ['https://doi.org/10.48550/ARXIV.2401.01234', { id: '2401.01234' }],
  ['https://dx.doi.org/10.48550/arXiv.2401.01234', { id: '2401.01234' }],
  ['10.48550/arXiv.hep-th/9901001', { id: 'hep-th/9901001' }],
  ['Code: see https://arxiv.org/abs/2401.01234v2, Table 3.', { id: '2401.01234', version: 2 }],
];

const notIds: Case[] = [
  ['', null],
  ['   ', null],
  ['https://huggingface.co/papers/trending', null],
  ['https://huggingface.co/papers/date/2025-11-03', null],
  ['https://huggingface.co/papers', null],
  ['https://huggingface.co/papers?q=2401.01234', null],
  ['https://huggingface.co/datasets/2401.01234', null],
  ['https://arxiv.org/list/cs.LG/new', null],
  ['https://arxiv.org/abs/', null],
  ['https://arxiv.org/abs/2401.01234v0', null],
  ['https://github.com/org/2401.01234', null],
  ['https://doi.org/10.1145/3292500.3330701', null],
  ['10.1145/3292500.3330701', null],
  ['1234.5', null],
  ['2025.11', null],
  ['2025.1103', null],
  ['3.14159', null],
  ['2025-11-03', null],
  ['+1 (415) 555-0123', null],
  ['415.555.0123', null],
  ['2413.01234', null],
  ['2400.01234', null],
  ['2401.1234', null],
  ['1412.12345', null],
  ['1501.1234', null],
  ['0703.1234', null],
  ['12401.01234', null],
  ['2401.012345', null],
  ['foo/9901001', null],
  ['hep-th/0713001', null],
  ['hep-th/990100', null],
  ['9901001', null],
  ['arXiv preprint', null],
  ['Published in 2401.01234 pages', null],
];

describe('parseArxivId', () => {
  it.each(bareIds)('bare id %s', (input, expected) => expect(parseArxivId(input)).toEqual(expected));
  it.each(urls)('url %s', (input, expected) => expect(parseArxivId(input)).toEqual(expected));
  it.each(notIds)('not an id: %s', (input, expected) => expect(parseArxivId(input)).toEqual(expected));
});

describe('normalizeDoi / arxivIdFromDoi', () => {
  const dois: Array<[string, string | null]> = [
    ['10.1145/3292500.3330701', '10.1145/3292500.3330701'],
    ['doi:10.1145/ABC.123', '10.1145/abc.123'],
    ['DOI: 10.1000/XYZ', '10.1000/xyz'],
    ['https://doi.org/10.1000/XYZ', '10.1000/xyz'],
    ['http://dx.doi.org/10.1000/xyz', '10.1000/xyz'],
    ['https://www.doi.org/10.1000/xyz', '10.1000/xyz'],
    ['doi.org/10.1000/xyz', '10.1000/xyz'],
    ['https://doi.org/10.1000%2Fxyz', '10.1000/xyz'],
    ['https://doi.org/10.1000/xyz?via=1#top', '10.1000/xyz'],
    ['10.1000/xyz.', '10.1000/xyz'],
    ['10.48550/arXiv.2401.01234', '10.48550/arxiv.2401.01234'],
    ['hello', null],
    ['', null],
    ['10.1/x', null],
    ['https://example.org/10.1000/xyz', null],
  ];
  it.each(dois)('normalizeDoi(%s)', (input, expected) => expect(normalizeDoi(input)).toBe(expected));

  it('reads the arXiv id in an arXiv DOI only', () => {
    expect(arxivIdFromDoi('10.48550/arXiv.2401.01234')).toEqual({ id: '2401.01234' });
    expect(arxivIdFromDoi('https://doi.org/10.48550/arxiv.1412.6980')).toEqual({ id: '1412.6980' });
    expect(arxivIdFromDoi('10.1145/3292500.3330701')).toBeNull();
    expect(arxivIdFromDoi('10.48550/arXiv.2025.11')).toBeNull();
  });
});

describe('parseArxivClass', () => {
  const cases: Array<[string | null | undefined, string | undefined]> = [
    ['cs.CL', 'cs.CL'],
    ['  hep-th ', 'hep-th'],
    ['cond-mat.mtrl-sci', 'cond-mat.mtrl-sci'],
    ['physics.comp-ph', 'physics.comp-ph'],
    ['q-bio.NC', 'q-bio.NC'],
    ['Computation and Language (cs.CL)', 'cs.CL'],
    ['Materials Science (cond-mat.mtrl-sci)', 'cond-mat.mtrl-sci'],
    ['High Energy Physics - Theory (hep-th)', 'hep-th'],
    ['Computation and Language', undefined],
    ['CS.CL', undefined],
    ['cs.CL; cs.LG', undefined],
    ['cs.', undefined],
    ['{cs.CL}', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
    [`${'a'.repeat(40)}.CL`, undefined],
  ];
  it.each(cases)('parseArxivClass(%s)', (input, expected) => expect(parseArxivClass(input)).toBe(expected));

  it('isArxivClass: a class of one of arXiv’s archives, in any case', () => {
    for (const c of ['cs.CL', 'cs.cl', 'hep-th', 'cond-mat.mtrl-sci', 'q-bio.NC', 'stat', 'eess.IV']) expect(isArxivClass(c)).toBe(true);
    for (const c of ['node.js', 'e.g', 'foo-bar', 'cs.', 'cs.c', 'hep-th.', '']) expect(isArxivClass(c)).toBe(false);
  });
});

describe('titleKey', () => {
  const same: Array<[string, string]> = [
    ['Attention Is All You Need', 'attention is all you need.'],
    ['  Attention   Is All\nYou Need ', 'Attention Is All You Need'],
    ['$100\\times$ Faster Decoding', '100× Faster Decoding'],
    ['$100\\times$ Faster Decoding', '100 times faster decoding'],
    ['$100\\times$ Faster Decoding', '100x Faster Decoding'],
    ['An Image is Worth $16 \\times 16$ Words', 'An Image is Worth 16x16 Words'],
    ['\\textbf{BERT}: Pre-training of Deep Bidirectional Transformers', 'BERT: Pre-training of Deep Bidirectional Transformers'],
    ['\\emph{Sparse} \\textit{Mixture} of \\texttt{Experts}', 'Sparse Mixture of Experts'],
    ['$\\alpha$-Divergence Minimization', 'α-Divergence Minimization'],
    ['$\\mathcal{O}(n^2)$ Attention', 'O(n²) Attention'],
    ['Caf\\\'e and Na\\"ive Bayes', 'Café and Naïve Bayes'],
    ['Café and Naïve Bayes', 'Cafe and Naive Bayes'],
    ['PA&amp;DA: Jointly Sampling', 'PA&DA: Jointly Sampling'],
    ['PA&amp;amp;DA: Jointly Sampling', 'PA&DA: Jointly Sampling'],
    ['It&#39;s &quot;Simple&quot; &#x2014; Really', 'It’s “Simple” — Really'],
    ['Caf&eacute; Networks', 'Café Networks'],
    ['Squeeze & Excitation', 'Squeeze and Excitation'],
    ['Soft-NMS -- Improving Object Detection', 'Soft-NMS — Improving Object Detection'],
    ['Soft-NMS -- Improving Object Detection', 'Soft-NMS: Improving Object Detection'],
    ['Pre-Training', 'Pretraining'],
    ['Pre‐training with Unicode hyphen', 'Pre-training with Unicode hyphen'],
    ['GPT-4 Technical Report', 'GPT4 Technical Report'],
    ['"Quoted" Title', "'Quoted' Title"],
    ['ﬁne-tuning', 'fine-tuning'],
    ['ＦＵＬＬ width', 'full width'],
    ['Straße', 'Strasse'],
    ['Optimisation of Colour Behaviour', 'Optimization of Color Behavior'],
    ['Modelling Labelled Data', 'Modeling Labeled Data'],
    ['Analysing the Centre', 'Analyzing the Center'],
    ['1,000 Layers', '1000 Layers'],
    ['soft\u00adhyphen', 'softhyphen'],
    ['zero\u200bwidth', 'zerowidth'],
    ['Text → Image', 'Text to Image'],
    ['50% Sparsity', '50 percent sparsity'],
  ];
  it.each(same)('%s = %s', (a, b) => expect(titleKey(a)).toBe(titleKey(b)));

  const different: Array<[string, string]> = [
    ['Qwen2 Technical Report', 'Qwen2.5 Technical Report'],
    ['Qwen2.5 Technical Report', 'Qwen2 5 Technical Report'],
    ['Part I', 'Part II'],
    ['YOLOv3', 'YOLOv4'],
    ['GPT-4', 'GPT-4o'],
    ['Llama 3', 'Llama 3.1'],
    ['C++ Programs', 'C Programs'],
  ];
  it.each(different)('%s ≠ %s', (a, b) => expect(titleKey(a)).not.toBe(titleKey(b)));

  const exact: Array<[string, string]> = [
    ['Attention Is All You Need.', 'attention is all you need'],
    ['Qwen2.5-VL Technical Report', 'qwen2.5vl technical report'],
    ['Llama-3.1-8B', 'llama3.1 8b'],
    ['$100\\times$ Faster', '100x faster'],
    ['', ''],
    ['?!', ''],
  ];
  it.each(exact)('titleKey(%s) = %s', (input, expected) => expect(titleKey(input)).toBe(expected));
});

describe('paperKey', () => {
  const cases: Array<[PaperRef, string]> = [
    [{ arxivId: '2401.01234v2', doi: '10.1145/1', title: 'X' }, 'arxiv:2401.01234'],
    [{ url: 'https://arxiv.org/pdf/2401.01234v2.pdf', title: 'X' }, 'arxiv:2401.01234'],
    [{ doi: '10.48550/arXiv.2401.01234' }, 'arxiv:2401.01234'],
    [{ arxivId: 'hep-th/9901001' }, 'arxiv:hep-th/9901001'],
    [{ doi: 'https://doi.org/10.1145/ABC', title: 'X' }, 'doi:10.1145/abc'],
    [{ url: 'https://doi.org/10.1145/ABC' }, 'doi:10.1145/abc'],
    [{ title: 'Attention Is All You Need.' }, 'title:attention is all you need'],
    [{ url: 'https://example.org/paper', title: 'A Paper' }, 'title:a paper'],
  ];
  it.each(cases)('%j → %s', (ref, key) => expect(paperKey(ref)).toBe(key));

  it('reads ids from every field', () => {
    expect(arxivIdOf({ url: 'https://huggingface.co/papers/2401.01234' })).toEqual({ id: '2401.01234' });
    expect(arxivIdOf({ arxivId: 'not an id', url: 'https://arxiv.org/abs/2401.01234v4' })).toEqual({ id: '2401.01234', version: 4 });
    expect(arxivIdOf({ title: 'X' })).toBeNull();
    expect(doiOf({ url: 'https://dx.doi.org/10.1000/XYZ' })).toBe('10.1000/xyz');
    expect(doiOf({ url: 'https://arxiv.org/abs/2401.01234' })).toBeNull();
  });
});
