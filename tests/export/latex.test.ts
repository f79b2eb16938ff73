import { describe, expect, it } from 'vitest';
import { decodeLatex, escapeLatex, escapeLatexText, protectTitle } from '../../lib/export/latex';
import { mathSpans } from '../../lib/tex-math';

describe('decodeLatex', () => {
  it.each([
    ['M{\\"u}ller', 'Müller'],
    ['M\\"{u}ller', 'Müller'],
    ['M\\"uller', 'Müller'],
    ["Garc{\\'\\i}a", 'García'],
    ["Garc\\'{\\i}a", 'García'],
    ['{\\v S}koda', 'Škoda'],
    ['Fran\\c{c}ois', 'François'],
    ['Fran\\c cois', 'François'],
    ['Ond{\\v r}ej', 'Ondřej'],
    ['Erd\\H{o}s', 'Erdős'],
    ['Stra{\\ss}e', 'Straße'],
    ['Bj\\o rn', 'Bjørn'],
    ['{\\L}{\\\'o}d{\\\'z}', 'Łódź'],
    ['\\AA{}ngstr\\"om', 'Ångström'],
    ['50\\% \\& \\$5 \\#1 a\\_b', '50% & $5 #1 a_b'],
    ['\\textbraceleft{}x\\textbraceright{} \\textbackslash{} \\textasciitilde{}', '{x} \\ ~'],
    ['pages 1--2 --- and~more', 'pages 1–2 — and more'],
    ['\\emph{Deep} \\textbf{learning} \\textit{works}', 'Deep learning works'],
    ['{{Nested} {Groups}}', 'Nested Groups'],
    ['Complexity $O(n)$ with \\alpha', 'Complexity $O(n)$ with \\alpha'],
  ])('%s → %s', (input, want) => {
    expect(decodeLatex(input)).toBe(want);
  });

  it('keeps dashes and tildes in literal lists', () => {
    expect(decodeLatex('a--b, c~d, q\\&a', { typography: false })).toBe('a--b, c~d, q&a');
  });
});

describe('escapeLatex and protectTitle', () => {
  it('decodes back to the original text', () => {
    const text = 'a & b % c $ d # e _ f { g } h ~ i ^ j \\ k — Müller';
    expect(decodeLatex(escapeLatex(text))).toBe(text);
    expect(decodeLatex(protectTitle(text))).toBe(text);
  });

  it('keeps runs of hyphens hyphens: an empty group goes between them, which readers drop', () => {
    expect(escapeLatex('a -- b --- c - d')).toBe('a -{}- b -{}-{}- c - d');
    expect(decodeLatex(escapeLatex('pages 1--2 --- and -- more'))).toBe('pages 1--2 --- and -- more');
    expect(decodeLatex(protectTitle('GPT-4 -- A Study --- Part II'))).toBe('GPT-4 -- A Study --- Part II');
  });

  it('protects acronyms and capitalised words but not the first word’s capital', () => {
    expect(protectTitle('Learning to see with ImageNet and BERT')).toBe('Learning to see with {ImageNet} and {BERT}');
    expect(protectTitle('GPT-4 Technical Report')).toBe('{GPT-4 Technical Report}');
    expect(protectTitle('Élan vital for Éclair')).toBe('Élan vital for {Éclair}');
  });

  it('protects the first word’s capitals other than the title’s very first character ("3D", "\"Quoted\"")', () => {
    // BibTeX's change.case$ keeps only the first character: "3D" would come out "3d".
    expect(protectTitle('3D Gaussian Splatting for Real-Time Radiance Field Rendering')).toBe(
      '{3D Gaussian Splatting} for {Real-Time Radiance Field Rendering}',
    );
    expect(protectTitle('4D-fy: text-to-4D generation')).toBe('{4D-fy: text-to-4D} generation');
    expect(protectTitle('"Quoted" start')).toBe('{"Quoted"} start');
    expect(protectTitle('Unprotected first capital')).toBe('Unprotected first capital');
  });

  it('double-braces a protected run that starts with an escape, so BibTeX does not read it as a special character', () => {
    expect(protectTitle('The complexity of #CSP with few variables')).toBe('The complexity of {{\\#CSP}} with few variables');
    // Math is not escaped (below): a group opening with `$` needs one pair.
    expect(protectTitle('Attention in $O(N)$ Time')).toBe('Attention in {$O(N)$ Time}');
    expect(protectTitle('$O(N)$ attention')).toBe('{$O(N)$} attention');
    expect(protectTitle('Parsing {JSON} fast')).toBe('Parsing {{\\textbraceleft{}JSON\\textbraceright{}}} fast');
    // A run that only contains an escape keeps one pair of braces.
    expect(protectTitle('Learning A&B')).toBe('Learning {A\\&B}');
    expect(decodeLatex(protectTitle('The complexity of #CSP in $O(N)$ Time'))).toBe('The complexity of #CSP in $O(N)$ Time');
  });
});

describe('TeX math in text (Pandoc’s rule, and commands before a digit)', () => {
  const math = (t: string) => mathSpans(t).map(([a, b]) => t.slice(a, b));
  it('finds $…$ and $$…$$, not dollars of money or escaped ones', () => {
    expect(math('$\\alpha$-Divergence in $O(n \\log n)$')).toEqual(['$\\alpha$', '$O(n \\log n)$']);
    expect(math('from $5 to $10')).toEqual([]);
    expect(math('costs $5.')).toEqual([]);
    expect(math('$ x$ and $x $ and $$')).toEqual([]);
    expect(math('a $x$5 b')).toEqual([]);
    // A command is never money: arXiv writes "about $\sim$100B tokens" and MathJax renders it.
    expect(math('about $\\sim$100B tokens, $\\times$10 faster')).toEqual(['$\\sim$', '$\\times$']);
    expect(math('pay $5\\&$10')).toEqual([]);
    expect(math('\\$x\\$ and $y$')).toEqual(['$y$']);
    expect(math('$$\\sum_i x_i$$ then $z$')).toEqual(['$$\\sum_i x_i$$', '$z$']);
    // BibTeX counts braces: math that does not balance them is escaped as text.
    expect(math('$\\{x$ and $}y$')).toEqual([]);
    expect(math('$\\{x\\}$')).toEqual(['$\\{x\\}$']);
  });

  it('escapeLatexText keeps math, escapes the rest; escapeLatex escapes all', () => {
    expect(escapeLatexText('50% of $x_1$ costs $5')).toBe('50\\% of $x_1$ costs \\$5');
    expect(escapeLatexText('about $\\sim$100B tokens for $5')).toBe('about $\\sim$100B tokens for \\$5');
    expect(escapeLatex('50% of $x_1$')).toBe('50\\% of \\$x\\_1\\$');
  });

  it('protectTitle keeps a formula with spaces one braced word', () => {
    expect(protectTitle('Sorting in $O(n \\log n)$ time')).toBe('Sorting in {$O(n \\log n)$} time');
    expect(protectTitle('$\\Phi$-nets and $\\alpha$ beta')).toBe('{$\\Phi$-nets} and {$\\alpha$} beta');
  });

  it('decodeLatex reads math as written', () => {
    expect(decodeLatex('{$\\{x\\}$} and $a--b~c$ but a--b~c')).toBe('$\\{x\\}$ and $a--b~c$ but a–b c');
    expect(decodeLatex('$\\mathrm{d}x$ \\$5')).toBe('$\\mathrm{d}x$ $5');
    // Right after an argument that held math of its own.
    expect(decodeLatex('\\textbf{$a~b$}$\\{c\\}$')).toBe('$a~b$$\\{c\\}$');
  });
});
