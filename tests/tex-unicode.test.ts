import { describe, expect, it } from 'vitest';
import { texToUnicode } from '../lib/tex-unicode';

describe('texToUnicode', () => {
  it.each([
    ['$\\alpha$-Divergence', 'α-Divergence'],
    ['$\\mathcal{O}(n^2)$ attention', '𝒪(n²) attention'],
    ['in $\\mathcal{O}(n\\log n)$ time', 'in 𝒪(n log n) time'],
    ['$\\log(n)$', 'log(n)'],
    ['$k$-NN', 'k-NN'],
    ['$\\text{SAM}^2$', 'SAM²'],
    ['$\\mathbb{R}^d$', 'ℝᵈ'],
    ['$10\\times$ faster', '10× faster'],
    ['about $\\sim$100B tokens', 'about ∼100B tokens'],
    ['$x_{t+1}$', 'xₜ₊₁'],
    ['$W^{-1}$', 'W⁻¹'],
    ['$\\frac{1}{2}$', '1/2'],
    ['$\\frac{n+1}{2}$', '(n+1)/2'],
    ['$\\frac{(a)+(b)}{(c+d)}$', '((a)+(b))/(c+d)'],
    ['$\\sqrt{n}$', '√n'],
    ['$\\sqrt{n+1}$', '√(n+1)'],
    ['$\\hat{\\theta}$', 'θ̂'],
    ['$\\ell_2$ loss', 'ℓ₂ loss'],
    ['$A^\\top B$', 'Aᵀ B'],
    ['$90^\\circ$', '90°'],
    ['$50\\%$', '50%'],
    ['$\\boldsymbol{\\alpha}$', 'α'],
    ['$\\mathbf{x}$', '𝐱'],
    ['$\\left(x\\right)$', '(x)'],
    ['$\\pi_0$', 'π₀'],
    ['$\\tau^2$-Bench', 'τ²-Bench'],
    ["$f'(x)$", 'f′(x)'],
    ['$\\operatorname{KL}(p \\| q)$', 'KL(p ‖ q)'],
    ['$\\epsilon$-greedy', 'ϵ-greedy'],
    ['$n-1$', 'n−1'],
    ['$$E=mc^2$$', 'E=mc²'],
    ['$\\mathcal{L}$ and $\\mathbb{N}$', 'ℒ and ℕ'],
  ])('%s → %s', (tex, shown) => {
    expect(texToUnicode(tex)).toBe(shown);
  });

  it.each([
    ['a subscript with no Unicode form', '$x_{\\max}$'],
    ['a decimal subscript', '$\\pi_{0.5}$'],
    ['an unknown command', '$\\unknown{x}$'],
    ["a name Object's prototype has", '$\\constructor$ $\\toString$'],
    ['a binomial', '$\\binom{n}{k}$'],
    ['a nested script', '$2^{2^k}$'],
    ['a root of another degree', '$\\sqrt[3]{x}$'],
    ['an alphabet without the character', '$\\mathcal{1}$'],
    ['an accent on two characters', '$\\hat{xy}$'],
    ['a table cell', '$a & b$'],
  ])('keeps a formula as written when part of it has no Unicode form: %s', (_, tex) => {
    expect(texToUnicode(`Before ${tex} after`)).toBe(`Before ${tex} after`);
  });

  it('converts each formula on its own', () => {
    expect(texToUnicode('$\\unknown$ then $\\beta$-VAE')).toBe('$\\unknown$ then β-VAE');
  });

  it('leaves dollars that are not math, and text without any, as they are', () => {
    expect(texToUnicode('From $5 to $10 a run')).toBe('From $5 to $10 a run');
    expect(texToUnicode('Costs \\$3 per $1M tokens')).toBe('Costs \\$3 per $1M tokens');
    expect(texToUnicode('Plain title')).toBe('Plain title');
    expect(texToUnicode('')).toBe('');
  });

  it('never yields markup: page text stays text', () => {
    expect(texToUnicode('$\\text{<b>x</b>}$')).toBe('<b>x</b>');
  });
});
