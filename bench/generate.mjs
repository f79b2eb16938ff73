// Deterministic benchmark data: a library of ML-paper-like papers with sightings, written as the
// extension's own JSON backup, and the cards of Hugging Face pages (new papers, papers known by id,
// papers known only by a near-equal title). Same seed, same bytes.
//
// Keys, title keys, candidate keys and search words are computed with the product's own code
// (bench/bundle.mjs) so a generated backup looks exactly like one the extension exports.

/** Seeded PRNG (mulberry32): fast, 32-bit state, good enough for test data. */
export function mulberry32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ADJ = `Efficient Scalable Robust Sparse Adaptive Hierarchical Contrastive Generative Multimodal Self-Supervised
Unsupervised Federated Differentiable Causal Lightweight Latent Continual Compositional Interpretable Provable
Implicit Explicit Conditional Probabilistic Bayesian Decentralized Equivariant Long-Context Zero-Shot Few-Shot
Multilingual Open-Vocabulary Parameter-Efficient Memory-Efficient Fine-Grained Cross-Lingual Training-Free
Data-Efficient Universal Unified Structured Dynamic Recurrent Stochastic Discrete Continuous Modular Hybrid
Controllable Faithful Calibrated Distributed Asynchronous Autoregressive Non-Autoregressive Masked
Retrieval-Augmented Tool-Augmented Instruction-Tuned Reasoning-Aware Uncertainty-Aware Physics-Informed
Graph-Based Token-Level Energy-Based Score-Based Flow-Based Diffusion-Based Visual Temporal Spatial Geometric
Semantic Robotic Egocentric Open-Ended Interactive Verifiable Private Secure Fair Compact Deep Shallow Linear`
  .split(/\s+/);

const NOUN = `Transformers|Language Models|Large Language Models|Diffusion Models|Vision Transformers|Graph Neural Networks|
Agents|Policies|Reward Models|Embeddings|Representations|Autoencoders|Tokenizers|Mixture-of-Experts|State Space Models|
Neural Fields|World Models|Retrievers|Rerankers|Optimizers|Adapters|Prompts|Attention Mechanisms|Codebooks|Priors|
Critics|Verifiers|Planners|Decoders|Encoders|Kernels|Gaussian Splats|Point Clouds|Normalizing Flows|Video Generators|
Speech Models|Recommenders|Classifiers|Detectors|Segmenters|Reasoners|Vision-Language Models|Reward Functions|
Value Functions|Memory Modules|Routers|Experts|Sparse Autoencoders|Neural Operators|Implicit Networks|Hypernetworks|
Convolutional Networks|Recurrent Networks|Spiking Networks|Knowledge Graphs|Scene Graphs|Latent Spaces|Feature Maps|
Search Agents|Coding Agents|Web Agents|Multi-Agent Systems|Foundation Models|Small Language Models|Masked Autoencoders`
  .split('|')
  .map((s) => s.trim());

const TASK = `Image Generation|Text-to-Image Synthesis|Video Understanding|Code Generation|Mathematical Reasoning|
Question Answering|Machine Translation|Speech Recognition|Object Detection|Semantic Segmentation|Depth Estimation|
Novel View Synthesis|Protein Design|Molecule Generation|Weather Forecasting|Robotic Manipulation|Autonomous Driving|
Instruction Following|Preference Optimization|Reinforcement Learning from Human Feedback|In-Context Learning|
Chain-of-Thought Reasoning|Long-Horizon Planning|Time Series Forecasting|Anomaly Detection|Document Understanding|
Table Understanding|Visual Question Answering|3D Reconstruction|Motion Generation|Music Generation|Text-to-Speech|
Knowledge Distillation|Model Merging|Post-Training Quantization|Structured Pruning|Continual Learning|Domain Adaptation|
Out-of-Distribution Detection|Hallucination Detection|Jailbreak Defense|Watermarking|Data Curation|Tabular Prediction|
Causal Discovery|Program Synthesis|Theorem Proving|Web Navigation|Multi-Agent Coordination|Image Editing|
Super-Resolution|Video Generation|Speech Translation|Image Captioning|Visual Grounding|Pose Estimation|
Trajectory Prediction|Sentiment Analysis|Named Entity Recognition|Summarization|Retrieval|Recommendation|
Federated Optimization|Neural Architecture Search|Reward Modeling|Test-Time Scaling|Speculative Decoding|
Long-Context Modeling|Embodied Navigation|Scene Understanding|Tool Use|Red Teaming|Unlearning|Alignment`
  .split('|')
  .map((s) => s.trim());

const DOMAIN = `Medical Imaging|Low-Resource Languages|Edge Devices|Scientific Discovery|Healthcare|Finance|Remote Sensing|
Legal Documents|Education|Embodied AI|Open-World Environments|Large-Scale Pretraining|Mobile Phones|Satellite Imagery|
Genomics|Chemistry|Materials Science|Climate Modeling|Software Engineering|Autonomous Vehicles|Multi-Turn Dialogue|
Long Videos|Spreadsheets|Robotics|Radiology|Drug Discovery|Astronomy|Particle Physics|Social Media|E-Commerce|
Biomedical Literature|Code Repositories|Scientific Papers|Surgical Video|Agriculture|Manufacturing|Power Grids`
  .split('|')
  .map((s) => s.trim());

const GERUND = `Scaling Rethinking Revisiting Improving Accelerating Understanding Learning Distilling Aligning Benchmarking
Compressing Training Evaluating Steering Unlocking Probing Mitigating Bridging Boosting Taming Democratizing
Stabilizing Generalizing Personalizing Grounding Decoding Exploring Quantifying`.split(/\s+/);

const PROPERTY = `Robustness|Generalization|Calibration|Expressivity|Sample Complexity|Convergence|Emergence|Memorization|
Faithfulness|Transferability|Scaling Behavior|Limits|Geometry|Stability|Sensitivity|Efficiency|Reliability|Privacy|
Fairness|Inductive Bias|Implicit Regularization|Loss Landscape|Optimization Dynamics`
  .split('|')
  .map((s) => s.trim());

const SYLL = `Vi Lo Ra Qu Mo Flu Zen Ka Sig Neo Omni Hy Pix Vox Gem Ora Tri Meta Mega Nano Cosmo Star Aura Lumi Echo Nova
Sol Ter Ax Ion Chrono Fer Mira Pano Astra Kine Geo Holo Lex Orbi`.split(/\s+/);
const SUFFIX = `Former Net Diff GPT LM Gen Flow Seg Mamba Agent Bench VLA Coder Math Vid Rec BERT CLIP Dream Fuse Mind Tok
Speech Sketch Nav Planner Edit Cast Mol Fold`.split(/\s+/);
const VERSIONS = ['', '', '', '', '-2', '-3', '-1.5', '2.5', '-7B', '-70B', '-R1', '-V2', '-XL', '-Mini', '++'];

const FIRST = `Wei Jing Yuki Hiroshi Priya Arjun Rahul Ananya Li Ming Xin Yang Jun Hao Chen Mei Sofia Lucas Emma Noah Olivia
Liam Ava Mateo Isabella Ethan Mia Amir Fatima Omar Layla Ivan Olga Dmitri Anna Pierre Camille Hugo Chloe Lukas Lena
Jonas Marta Pablo Lucia Diego Elena Giulia Marco Matteo Sara Kenji Sakura Takumi Min-jun Ji-woo Seo-yeon Thanh Linh
Minh Kwame Amara Chidi Ngozi Tomasz Katarzyna Jakub Ines Joao Beatriz Rafael Gabriel Daniel Samuel David Sarah
Rachel Michael Jennifer James Robert Maria Laura Kevin Brian Alice Bob Carol Yusuf Zeynep Emre Aylin Nikhil Shreya
Vikram Deepa Sanjay Kavya Tao Rui Bo Lei Xiaoyu Zhiyuan Yiming Haotian Jiaqi Zihan Ruoxi Shuo Peng Qiang Fei`.split(/\s+/);
const LAST = `Zhang Wang Li Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie Song Tang
Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Jin Fu
Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Kim Lee Park Choi Jung Kang Cho Yoon
Jang Lim Patel Sharma Singh Kumar Gupta Reddy Iyer Nair Rao Mehta Shah Das Bose Chatterjee Banerjee Mukherjee
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson
Thomas Taylor Moore Jackson Martin Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott
Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Muller Schmidt
Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Dubois Durand Lefebvre Moreau Laurent Simon Michel
Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Novak Kowalski Nowak Ivanov Petrov Smirnov Popov Sokolov
Okafor Mensah Abubakar Haddad Khoury Rahman Hossain Ahmed Ali Hassan Yilmaz Kaya Demir Sahin Silva Santos Oliveira
Souza Costa Pereira Almeida Ferreira Lima Carvalho Tran Pham Hoang Vu Bui Do Ngo Duong Ly`.split(/\s+/);

const BENCH = `ImageNet|COCO|GSM8K|MATH|HumanEval|MMLU|ARC|HellaSwag|LibriSpeech|ScanNet|KITTI|nuScenes|SWE-bench|
WebArena|MT-Bench|AlpacaEval|GPQA|BIG-Bench|VQAv2|Kinetics-400|ADE20K|Cityscapes|LongBench|RULER|MBPP|AIME`
  .split('|')
  .map((s) => s.trim());

const SENTENCES = [
  (g) => `${g.Cap(g.task())} remains challenging because existing ${g.lower(g.noun())} struggle with ${g.lower(g.property())} and scale poorly to ${g.lower(g.domain())}.`,
  (g) => `We propose ${g.name}, a ${g.lower(g.adj())} framework that combines ${g.lower(g.noun())} with ${g.lower(g.adj())} ${g.lower(g.noun())} to improve ${g.lower(g.task())}.`,
  (g) => `Our key insight is that ${g.lower(g.property())} can be improved by training ${g.lower(g.noun())} on ${g.lower(g.adj())} objectives rather than relying on hand-crafted heuristics.`,
  (g) => `Experiments on ${g.bench()} and ${g.bench()} show that ${g.name} outperforms strong baselines by ${g.int(2, 19)}.${g.int(0, 9)}% while using ${g.int(2, 9)}x less compute.`,
  (g) => `We further analyse the ${g.lower(g.property())} of the learned ${g.lower(g.noun())} and find that it transfers to ${g.lower(g.domain())} without additional tuning.`,
  (g) => `In addition, we release a benchmark of ${g.int(1, 90)},${g.int(100, 999)} examples covering ${g.lower(g.task())} and ${g.lower(g.task())} in ${g.lower(g.domain())}.`,
  (g) => `Ablation studies confirm that each component contributes to the final performance, and that the method is robust to the choice of hyperparameters.`,
  (g) => `Code, models and data are publicly available to facilitate future research on ${g.lower(g.task())}.`,
  (g) => `Theoretical analysis shows that the proposed objective is a tight bound on the ${g.lower(g.property())} of ${g.lower(g.adj())} ${g.lower(g.noun())}.`,
  (g) => `Unlike prior work, ${g.name} requires neither ${g.lower(g.adj())} supervision nor access to ${g.lower(g.noun())} at inference time.`,
];

const TAGS = ['to-read', 'llm', 'diffusion', 'rl', 'vision', 'agents', 'theory', 'survey', 'benchmark', 'reading-group', 'robotics', 'efficiency', 'alignment', 'speech', 'graphs', 'cite-in-thesis', 'reproduce', 'favourite'];
const NOTES = [
  'Compare with the baseline in section 4; their ablation seems incomplete.',
  'Good related-work section. Check the appendix for the training recipe.',
  'Discussed in reading group. The main trick is the auxiliary loss.',
  'Try this on our data next week.',
  'Strong results but the compute budget is huge.',
  'Cite in the thesis introduction, chapter 2.',
];

const HF_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ARXIV_CATS = ['cs.LG', 'cs.CL', 'cs.CV', 'cs.AI', 'stat.ML', 'cs.RO'];
const DAY_MS = 86_400_000;
/** Sightings fall on days from here on (1,200 days, to Dec 2025). */
const FIRST_DAY = Date.UTC(2022, 8, 1);
const DAYS = 1_200;

/** Word pickers over one PRNG. */
function picker(rnd) {
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  return { rnd, int, pick };
}

function makeName(p) {
  return p.pick(SYLL) + p.pick(SUFFIX) + p.pick(VERSIONS);
}

/** A title generator: ML-paper-like titles from templates, with names, numbers and versions. */
export function titleGenerator(rnd) {
  const p = picker(rnd);
  const { pick, int } = p;
  const numberPhrase = () =>
    pick([
      `with ${int(1, 9)}.${int(1, 9)}B Parameters`,
      `in ${pick(['2D', '3D', '4D'])}`,
      `at ${pick(['4K', '8K', '1080p'])} Resolution`,
      `with ${int(1, 9)}M-Token Context`,
      `in ${int(2, 9)} Steps`,
      `on ${int(2, 64)} GPUs`,
      `Part ${pick(['I', 'II', 'III'])}`,
      `v${int(2, 4)}`,
    ]);
  const templates = [
    () => `${makeName(p)}: ${pick(ADJ)} ${pick(NOUN)} for ${pick(TASK)}`,
    () => `${pick(GERUND)} ${pick(ADJ)} ${pick(NOUN)} for ${pick(TASK)}`,
    () => `${pick(ADJ)} ${pick(NOUN)} for ${pick(TASK)} in ${pick(DOMAIN)}`,
    () => `Towards ${pick(ADJ)} ${pick(TASK)} with ${pick(NOUN)}`,
    () => `${makeName(p)}: ${pick(GERUND)} ${pick(TASK)} via ${pick(ADJ)} ${pick(NOUN)}`,
    () => `On the ${pick(PROPERTY)} of ${pick(ADJ)} ${pick(NOUN)}`,
    () => `A Survey on ${pick(ADJ)} ${pick(NOUN)} for ${pick(TASK)}`,
    () => `${pick(NOUN)} Are ${pick(ADJ)} ${pick(NOUN)}`,
    () => `${makeName(p)}: ${pick(ADJ)} ${pick(TASK)} at Scale`,
    () => `${makeName(p)}: A Benchmark for ${pick(ADJ)} ${pick(TASK)} in ${pick(DOMAIN)}`,
    () => `When ${pick(NOUN)} Meet ${pick(NOUN)}: ${pick(ADJ)} ${pick(TASK)}`,
    () => `${pick(ADJ)} ${pick(TASK)} ${numberPhrase()}`,
    () => `${pick(GERUND)} ${pick(TASK)} with ${pick(ADJ)} ${pick(NOUN)} ${numberPhrase()}`,
    () => `${makeName(p)} Technical Report: ${pick(ADJ)} ${pick(NOUN)} for ${pick(DOMAIN)}`,
    () => `The ${pick(PROPERTY)} of ${pick(NOUN)}: Lessons from ${pick(TASK)}`,
    () => `${pick(GERUND)} the ${pick(PROPERTY)} of ${pick(ADJ)} ${pick(NOUN)} in ${pick(TASK)}`,
  ];
  return () => pick(templates)();
}

function authorsOf(p) {
  const n = p.rnd() < 0.1 ? p.int(10, 24) : p.int(1, 8);
  const out = [];
  for (let i = 0; i < n; i++) out.push(`${p.pick(FIRST)} ${p.pick(LAST)}`);
  return out;
}

/** An abstract of about 100 words. */
function abstractOf(p, name) {
  const lower = (s) => (/^[A-Z][a-z]/.test(s) && !/[A-Z]/.test(s.slice(1)) ? s.toLowerCase() : s);
  const g = {
    name,
    int: p.int,
    Cap: (s) => s.charAt(0).toUpperCase() + s.slice(1),
    lower,
    task: () => p.pick(TASK),
    noun: () => p.pick(NOUN),
    adj: () => p.pick(ADJ),
    domain: () => p.pick(DOMAIN),
    property: () => p.pick(PROPERTY),
    bench: () => p.pick(BENCH),
  };
  const parts = [];
  let words = 0;
  while (words < 95) {
    const s = p.pick(SENTENCES)(g);
    parts.push(s);
    words += s.split(' ').length;
  }
  return parts.join(' ');
}

const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const hfLabel = (iso) => `${HF_MONTHS[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(8, 10))}`;

/**
 * Unique arXiv ids in a yymm range (inclusive), new-style with five digits.
 * @param {() => number} rnd
 */
function idMaker(rnd, fromYear, toYear, used = new Set()) {
  return () => {
    for (;;) {
      const yy = fromYear + Math.floor(rnd() * (toYear - fromYear + 1));
      const mm = 1 + Math.floor(rnd() * 12);
      const seq = Math.floor(rnd() * 100_000);
      const id = `${String(yy).padStart(2, '0')}${String(mm).padStart(2, '0')}.${String(seq).padStart(5, '0')}`;
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
}

/**
 * The library: `papers` rows as the extension stores them (derived index fields included, as an
 * export writes them) and `sightings` grouped by paper, consistent with each row's counts.
 * @param {{ papers: number, sightings: number, seed?: number, lib: any }} opts
 */
export function generateLibrary({ papers: nPapers, sightings: nSightings, seed = 20_991, lib }) {
  const rnd = mulberry32(seed);
  const p = picker(rnd);
  const nextTitle = titleGenerator(mulberry32(seed + 1));
  const nextId = idMaker(rnd, 15, 25);
  const titleKeys = new Set();

  // How many sightings each paper has: none for 5% (imported, saved, never seen on a page), an
  // exponential spread for the rest, scaled to the exact total.
  const counts = new Array(nPapers).fill(0);
  const weights = new Array(nPapers).fill(0);
  let wsum = 0;
  for (let i = 0; i < nPapers; i++) {
    if (rnd() < 0.05) continue;
    weights[i] = -Math.log(1 - rnd()) + 0.05;
    wsum += weights[i];
  }
  let assigned = 0;
  const seenIdx = [];
  for (let i = 0; i < nPapers; i++) {
    if (!weights[i]) continue;
    counts[i] = Math.min(300, Math.max(1, Math.round((weights[i] / wsum) * nSightings)));
    assigned += counts[i];
    seenIdx.push(i);
  }
  while (assigned !== nSightings && seenIdx.length) {
    const i = seenIdx[Math.floor(rnd() * seenIdx.length)];
    if (assigned < nSightings && counts[i] < 300) {
      counts[i]++;
      assigned++;
    } else if (assigned > nSightings && counts[i] > 1) {
      counts[i]--;
      assigned--;
    }
  }

  // Shared strings per (site, day): one page a day per site.
  const pageOf = new Map();
  const page = (site, day) => {
    const k = site === 'huggingface' ? day : -1 - day;
    let v = pageOf.get(k);
    if (!v) {
      const iso = isoDay(FIRST_DAY + day * DAY_MS);
      const cat = ARXIV_CATS[day % ARXIV_CATS.length];
      v =
        site === 'huggingface'
          ? { pageUrl: `https://huggingface.co/papers/date/${iso}`, label: hfLabel(iso), digestDate: iso, visitId: `hf-${iso}` }
          : { pageUrl: `https://arxiv.org/list/${cat}/new`, label: `${cat} new`, digestDate: iso, visitId: `ax-${iso}` };
      pageOf.set(k, v);
    }
    return v;
  };

  const papers = [];
  const sightings = [];
  const kinds = { arxiv: 0, doi: 0, title: 0 };
  for (let i = 0; i < nPapers; i++) {
    let title;
    let tk;
    do {
      title = nextTitle();
      tk = lib.titleKey(title);
    } while (titleKeys.has(tk));
    titleKeys.add(tk);
    const name = /^([^:\s]+)[:\s]/.exec(title)?.[1] ?? 'our method';
    const authors = authorsOf(p);
    const abstract = abstractOf(p, /[A-Z].*[A-Z]/.test(name) ? name : 'our method');
    const r = rnd();
    const kind = r < 0.88 ? 'arxiv' : r < 0.94 ? 'doi' : 'title';
    kinds[kind]++;
    const row = { key: '', title, titleKey: '', candidateKeys: [], words: [], authors, abstract };
    let year;
    if (kind === 'arxiv') {
      const id = nextId();
      row.arxivId = id;
      row.version = p.int(1, 3);
      year = 2000 + Number(id.slice(0, 2));
      row.publishedAt = `${year}-${id.slice(2, 4)}-${String(p.int(1, 28)).padStart(2, '0')}`;
      row.key = `arxiv:${id}`;
    } else {
      year = p.int(2015, 2025);
      if (kind === 'doi') row.doi = `10.${p.int(1000, 9999)}/${year}.${p.int(10000, 99999)}.${i}`;
    }
    row.year = year;
    if (kind !== 'arxiv') row.key = lib.paperKey({ doi: row.doi, title });
    row.urls = row.arxivId ? [`https://huggingface.co/papers/${row.arxivId}`] : row.doi ? [`https://doi.org/${row.doi}`] : [];
    row.sites = [];
    row.seenCount = counts[i];

    // Sightings on distinct days (a paper is seen at most once per visit).
    const days = new Set();
    while (days.size < counts[i]) days.add(Math.floor(rnd() * DAYS));
    let first;
    let last = -Infinity;
    const sites = new Set();
    for (const day of days) {
      const site = rnd() < 0.7 ? 'huggingface' : 'arxiv';
      sites.add(site);
      const pg = page(site, day);
      const at = FIRST_DAY + day * DAY_MS + 28_800_000 + Math.floor(rnd() * 36_000_000);
      const s = { paperKey: row.key, at, pageUrl: pg.pageUrl, site, label: pg.label, digestDate: pg.digestDate, visitId: pg.visitId };
      sightings.push(s);
      if (!first || at < first.at) first = s;
      if (at > last) last = at;
    }
    if (first) {
      row.firstSeen = first.at;
      row.lastSeen = last;
      row.first = { at: first.at, site: first.site, label: first.label, pageUrl: first.pageUrl, digestDate: first.digestDate };
      row.sites = [...sites];
    }
    const unseen = counts[i] === 0;
    if (unseen || rnd() < 0.04) {
      row.savedAt = unseen ? FIRST_DAY + Math.floor(rnd() * DAYS) * DAY_MS : (row.firstSeen ?? FIRST_DAY) + Math.floor(rnd() * 5 * DAY_MS);
      if (unseen) row.sites = ['import'];
    }
    row.tags = rnd() < 0.06 ? [...new Set(Array.from({ length: p.int(1, 3) }, () => p.pick(TAGS)))] : [];
    row.note = rnd() < 0.02 ? p.pick(NOTES) : '';
    row.updatedAt = Math.max(row.lastSeen ?? 0, row.savedAt ?? 0, FIRST_DAY);
    // What the extension derives (and exports): recomputed by the importer anyway.
    row.titleKey = tk;
    row.candidateKeys = lib.candidateKeys(title);
    row.words = lib.paperWords(row);
    papers.push(row);
  }
  return { papers, sightings, kinds, usedIds: new Set(papers.filter((r) => r.arxivId).map((r) => r.arxivId)) };
}

/**
 * Backup files of at most `maxBytes` each, in key order like an export: whole papers with all their
 * sightings, so each file is a self-contained merge (the importer's fast path: papers it has not
 * seen). Also the size a single backup of everything would have.
 */
export function backupChunks(library, maxBytes) {
  const head = (exportedAt) => `{"format":"dejalu-backup","version":1,"exportedAt":"${exportedAt}","papers":[`;
  const exportedAt = '2099-01-01T00:00:00.000Z';
  const overhead = head(exportedAt).length + '],"sightings":[],"notSame":[],"settings":[]}'.length;
  const byPaper = new Map();
  for (const s of library.sightings) {
    let list = byPaper.get(s.paperKey);
    if (!list) byPaper.set(s.paperKey, (list = []));
    list.push(s);
  }
  const chunks = [];
  let ps = [];
  let ss = [];
  let size = overhead;
  let total = overhead;
  const flush = () => {
    if (!ps.length) return;
    chunks.push(`${head(exportedAt)}${ps.join(',')}],"sightings":[${ss.join(',')}],"notSame":[],"settings":[]}`);
    ps = [];
    ss = [];
    size = overhead;
  };
  // In key order, as the extension exports (it reads the table by key).
  const rows = [...library.papers].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const row of rows) {
    // As the extension exports it: derived search keys stay out of the file (the importer
    // recomputes them from the dedup code of the day).
    const { titleKey: _t, candidateKeys: _c, words: _w, ...exported } = row;
    const pj = JSON.stringify(exported);
    const sj = (byPaper.get(row.key) ?? []).map((s) => JSON.stringify(s));
    const add = pj.length + 1 + sj.reduce((n, s) => n + s.length + 1, 0);
    if (size + add > maxBytes) flush();
    ps.push(pj);
    ss.push(...sj);
    size += add;
    total += add;
  }
  flush();
  return { chunks, singleBackupBytes: total };
}

// ---- page cards ---------------------------------------------------------------------------------

/**
 * Near-equal variants of a title, most natural first: a plural made singular, one inner letter
 * dropped from a long word (a typo), a singular noun made plural.
 */
function variantTitles(title, rnd) {
  const words = title.split(' ');
  const singular = [];
  const typo = [];
  const plural = [];
  const order = words.map((_, i) => i).sort(() => rnd() - 0.5);
  const with_ = (i, w) => [...words.slice(0, i), w, ...words.slice(i + 1)].join(' ');
  for (const i of order) {
    const w = words[i];
    if (!/^[A-Za-z][a-z]+[,:]?$/.test(w)) continue;
    const tail = /[,:]$/.test(w) ? w.slice(-1) : '';
    const core = tail ? w.slice(0, -1) : w;
    if (core.length >= 5 && /[^s]s$/.test(core)) singular.push(with_(i, core.slice(0, -1) + tail));
    if (core.length >= 8) {
      const at = 3 + Math.floor(rnd() * (core.length - 4));
      typo.push(with_(i, core.slice(0, at) + core.slice(at + 1) + tail));
    }
    if (core.length >= 5 && /(?:er|or|el|ion|ment|ure|ork)$/.test(core)) plural.push(with_(i, `${core}s${tail}`));
  }
  return [...singular, ...typo, ...plural];
}

/**
 * Cards for pages, checked against the product's own rules so each card's expected status is known:
 * `byId` cards show a stored paper's arXiv id; `nearTitle` cards show an arXiv id the library does not
 * have and a title that is a small variation of a stored paper that has no arXiv id (so titles
 * decide); `fresh` cards are new papers. The index (`DedupIndex` over the library) confirms it.
 */
export function cardFactory({ library, lib, index, seed = 7 }) {
  const rnd = mulberry32(seed);
  const p = picker(rnd);
  const nextTitle = titleGenerator(mulberry32(seed + 100));
  const usedIds = new Set(library.usedIds);
  // Ids from 2026 on: never in the library, whose ids end in 2025.
  const freshId = idMaker(rnd, 26, 29, usedIds);
  const byArxiv = library.papers.filter((r) => r.arxivId);
  const noId = library.papers.filter((r) => !r.arxivId);
  // Each stored paper is shown on at most one card until every paper of its kind has been shown.
  const usedPapers = new Set();
  const unused = (list) => {
    for (let tries = 0; ; tries++) {
      const r = list[Math.floor(rnd() * list.length)];
      if (!usedPapers.has(r.key) || tries > 50) {
        usedPapers.add(r.key);
        return r;
      }
    }
  };
  const facts = (row) => ({ authors: row.authors, abstract: row.abstract, publishedAt: row.publishedAt ?? `${row.year}-06-15` });

  /** A title-only variant of `row` that the product's rules match to it as a similar title. */
  const nearVariant = (row, withId) => {
    for (const title of variantTitles(row.title, rnd)) {
      const ref = { title, authors: row.authors, year: row.year };
      if (withId) ref.arxivId = withId;
      const m = lib.explainMatch(ref, { title: row.title, authors: row.authors, year: row.year, arxivId: row.arxivId, doi: row.doi });
      if (m?.rule !== 'similar-title') continue;
      const found = index.find({ ...ref, key: 'probe' });
      if (found?.key === row.key) return title;
    }
    return null;
  };

  return {
    byId() {
      const row = unused(byArxiv);
      return { id: row.arxivId, title: row.title, ...facts(row), upvotes: p.int(0, 200), expect: row.savedAt ? 'saved' : row.seenCount ? 'seen' : 'new', libraryKey: row.key };
    },
    nearTitle() {
      for (;;) {
        const row = unused(noId);
        const id = freshId();
        const title = nearVariant(row, id);
        if (!title) continue;
        return { id, title, ...facts(row), upvotes: p.int(0, 200), expect: row.savedAt ? 'saved' : row.seenCount ? 'seen' : 'new', libraryKey: row.key };
      }
    },
    fresh() {
      for (;;) {
        const title = nextTitle();
        if (index.find({ title, key: 'probe' })) continue;
        const authors = authorsOf(p);
        const id = freshId();
        return {
          id,
          title,
          authors,
          abstract: abstractOf(p, 'our method'),
          publishedAt: `20${id.slice(0, 2)}-${id.slice(2, 4)}-${String(p.int(1, 28)).padStart(2, '0')}`,
          upvotes: p.int(0, 200),
          expect: 'new',
        };
      }
    },
    /** A card without any id whose title is near-equal to a stored paper's (any kind of key). */
    titleOnlyKnown() {
      for (;;) {
        const row = library.papers[Math.floor(rnd() * library.papers.length)];
        const title = nearVariant(row, undefined);
        if (title) return { title, authors: row.authors, year: row.year, libraryKey: row.key };
      }
    },
    /** A card without any id for a paper the library does not have. */
    titleOnlyNew() {
      for (;;) {
        const title = nextTitle();
        if (!index.find({ title, key: 'probe' })) return { title, authors: authorsOf(p), year: p.int(2015, 2025) };
      }
    },
  };
}

/**
 * The cards of one digest page: half new, half in the library, and of those a fifth known only by a
 * near-equal title.
 */
export function pageCards(factory, n) {
  const known = Math.floor(n / 2);
  const near = Math.max(1, Math.floor(known / 5));
  const cards = [];
  // One card per paper on a page (the recogniser keeps the first of two cards of one paper); a
  // small library may run out of papers to show, and then the page shows more new ones.
  const ids = new Set();
  const keys = new Set();
  const add = (card) => {
    if (ids.has(card.id) || (card.libraryKey && keys.has(card.libraryKey))) return false;
    ids.add(card.id);
    if (card.libraryKey) keys.add(card.libraryKey);
    cards.push(card);
    return true;
  };
  for (let i = 0, tries = 0; i < known - near && tries < 20 * n; tries++) if (add(factory.byId())) i++;
  for (let i = 0, tries = 0; i < near && tries < 20 * n; tries++) if (add(factory.nearTitle())) i++;
  while (cards.length < n) add(factory.fresh());
  // Shuffled deterministically so known and new cards interleave as on a real day.
  const rnd = mulberry32(n * 31 + cards.length);
  for (let i = cards.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [cards[i], cards[j]] = [cards[j], cards[i]];
  }
  return cards;
}
