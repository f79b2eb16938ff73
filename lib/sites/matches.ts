/** Pages the content script runs on; host permissions cover exactly these sites. */
export const SUPPORTED_MATCHES = [
  'https://huggingface.co/papers*',
  'https://arxiv.org/list/*',
  'https://arxiv.org/abs/*',
  'https://arxiv.org/search/*',
];
