import { describe, expect, it } from 'vitest';
import { commentsVenue, journalRefVenue } from '../../lib/sites/arxiv-venue';

describe("arXiv's Journal-ref: the venue's name and year", () => {
  it('a journal: its name before the volume, the year wherever it is', () => {
    expect(journalRefVenue('Phys. Rev. B 108, 045123 (2023)')).toEqual({ journal: 'Phys. Rev. B', year: 2023 });
    expect(journalRefVenue('Nucl.Phys.Proc.Suppl. 109 (2002) 3-9')).toEqual({ journal: 'Nucl.Phys.Proc.Suppl.', year: 2002 });
    expect(journalRefVenue('Nature 624, 80-85 (2023)')).toEqual({ journal: 'Nature', year: 2023 });
    expect(journalRefVenue('Journal of Machine Learning Research 24 (2023) 1-45')).toEqual({ journal: 'Journal of Machine Learning Research', year: 2023 });
    expect(journalRefVenue('Astronomy & Astrophysics, Volume 678, A123, 2023')).toEqual({ journal: 'Astronomy & Astrophysics', year: 2023 });
    expect(journalRefVenue('Mon. Not. R. Astron. Soc. 520, 1234-1250 (2023)')).toEqual({ journal: 'Mon. Not. R. Astron. Soc.', year: 2023 });
    expect(journalRefVenue('J. Phys. A: Math. Theor. 56 (2023) 125001')).toEqual({ journal: 'J. Phys. A: Math. Theor.', year: 2023 });
    expect(journalRefVenue('Transactions on Machine Learning Research (09/2023)')).toEqual({ journal: 'Transactions on Machine Learning Research', year: 2023 });
    expect(journalRefVenue('IEEE Transactions on Pattern Analysis and Machine Intelligence, 2023')).toEqual({
      journal: 'IEEE Transactions on Pattern Analysis and Machine Intelligence',
      year: 2023,
    });
    // Old SPIRES style: the volume glued to the name.
    expect(journalRefVenue('Phys.Rev.D108:054502,2023')).toEqual({ journal: 'Phys.Rev.D', year: 2023 });
    expect(journalRefVenue('Phys.Today 86N5 (1986) 7-9')).toEqual({ journal: 'Phys.Today', year: 1986 });
    // "Proc." heads journals' names too.
    expect(journalRefVenue('Proc. Natl. Acad. Sci. 120 (2023) e2301')).toEqual({ journal: 'Proc. Natl. Acad. Sci.', year: 2023 });
    // A journal named with its year and a number after: the year is not part of the name.
    expect(journalRefVenue('JHEP 2023, 45 (2023)')).toEqual({ journal: 'JHEP', year: 2023 });
    // No year given: none guessed.
    expect(journalRefVenue('Physical Review Letters 131, 071801')).toEqual({ journal: 'Physical Review Letters' });
  });

  it("a conference's proceedings, with the year when it is printed as part of the name", () => {
    expect(journalRefVenue('NeurIPS 2023')).toEqual({ proceedings: 'NeurIPS 2023', year: 2023 });
    expect(journalRefVenue('ICLR 2024 (Oral)')).toEqual({ proceedings: 'ICLR 2024', year: 2024 });
    expect(journalRefVenue('Findings of EMNLP 2023')).toEqual({ proceedings: 'Findings of EMNLP 2023', year: 2023 });
    expect(journalRefVenue('Proceedings of the 40th International Conference on Machine Learning, PMLR 202:1234-1250, 2023')).toEqual({
      proceedings: 'Proceedings of the 40th International Conference on Machine Learning',
      year: 2023,
    });
    expect(journalRefVenue('In: Proceedings of CVPR 2024, pp. 1234-1243')).toEqual({ proceedings: 'Proceedings of CVPR 2024', year: 2024 });
    expect(journalRefVenue('PMLR 164 (2022) 46-58')).toEqual({ proceedings: 'PMLR', year: 2022 });
  });

  it('what arXiv asks for in Comments is read past its lead words; a paper not yet published gives nothing', () => {
    expect(journalRefVenue('Accepted at ICML 2025')).toEqual({ proceedings: 'ICML 2025', year: 2025 });
    expect(journalRefVenue('Published in Transactions on Machine Learning Research')).toEqual({ journal: 'Transactions on Machine Learning Research' });
    expect(journalRefVenue('Submitted to Physical Review Letters')).toBeUndefined();
    expect(journalRefVenue('Under review')).toBeUndefined();
  });

  it('nothing from a reference that names no venue', () => {
    expect(journalRefVenue('')).toBeUndefined();
    expect(journalRefVenue('   ')).toBeUndefined();
    expect(journalRefVenue('Vol. 12, pp. 3-4')).toBeUndefined();
    expect(journalRefVenue('2023, 45')).toBeUndefined();
    expect(journalRefVenue('doi:10.1103/PhysRevB.108.045123')).toBeUndefined();
    expect(journalRefVenue('https://doi.org/10.1103/PhysRevB.108.045123')).toBeUndefined();
    expect(journalRefVenue('arXiv:2301.00001')).toBeUndefined();
  });
});

describe("arXiv's Comments: a conference the paper was accepted at, named plainly", () => {
  it('"accepted at" and its kin, before a known name and its year', () => {
    expect(commentsVenue('Accepted at ICLR 2025')).toEqual({ proceedings: 'ICLR 2025', year: 2025 });
    expect(commentsVenue('9 pages, 4 figures. Accepted to NeurIPS 2024 as a spotlight.')).toEqual({ proceedings: 'NeurIPS 2024', year: 2024 });
    expect(commentsVenue('Accepted as an oral presentation at CVPR 2024')).toEqual({ proceedings: 'CVPR 2024', year: 2024 });
    expect(commentsVenue('To appear in the main conference of EMNLP 2024')).toEqual({ proceedings: 'EMNLP 2024', year: 2024 });
    expect(commentsVenue('accepted by aaai-24')).toEqual({ proceedings: 'AAAI 2024', year: 2024 });
    expect(commentsVenue("Accepted at ICML'23, code at https://github.com/x/y")).toEqual({ proceedings: 'ICML 2023', year: 2023 });
    expect(commentsVenue('Published in TMLR (2024)')).toEqual({ journal: 'Transactions on Machine Learning Research', year: 2024 });
    expect(commentsVenue('Accepted at SIGGRAPH Asia 2025')).toEqual({ proceedings: 'SIGGRAPH Asia 2025', year: 2025 });
    // The name as the list spells it, whatever the comment's case.
    expect(commentsVenue('Accepted to INTERSPEECH 2024')).toEqual({ proceedings: 'Interspeech 2024', year: 2024 });
  });

  it('a comment that starts with the venue', () => {
    expect(commentsVenue('NeurIPS 2024 (Spotlight). 10 pages')).toEqual({ proceedings: 'NeurIPS 2024', year: 2024 });
    expect(commentsVenue('Camera-ready version for ACL 2025')).toEqual({ proceedings: 'ACL 2025', year: 2025 });
  });

  it('nothing from a workshop, Findings, a submission, an unknown or unnamed venue, or page counts', () => {
    // The real cs.AI listing's comment (tests/fixtures/real): a workshop at NeurIPS is not NeurIPS.
    expect(commentsVenue('Accepted at the IAB Workshop (Interpreting Agent Behavior) at NeurIPS 2026 (non-archival). 20 pages')).toBeUndefined();
    expect(commentsVenue('Accepted to Findings of EMNLP 2024')).toBeUndefined();
    expect(commentsVenue('Submitted to ICLR 2026')).toBeUndefined();
    expect(commentsVenue('Under review at NeurIPS 2025')).toBeUndefined();
    expect(commentsVenue('Extended version of our ICML 2024 paper')).toBeUndefined();
    expect(commentsVenue('This paper is accepted by 2023 IEEE 20th International Symposium on Biomedical Imaging(ISBI 2023)')).toBeUndefined();
    expect(commentsVenue('ICML 12 pages, 3 figures')).toBeUndefined();
    expect(commentsVenue('32 pages, 6 figures. Code and model are available at https://github.com/SALT-NLP/Sherpa')).toBeUndefined();
    expect(commentsVenue('Accepted at ICLR')).toBeUndefined();
    expect(commentsVenue('')).toBeUndefined();
  });
});
