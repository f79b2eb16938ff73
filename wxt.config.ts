import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';


export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  outDir: '.output',
  manifestVersion: 3,
  manifest: {
    name: 'Déjà Lu',
    description:
      'Marks the research papers you have already seen on Hugging Face Daily Papers and arXiv listings. Your library stays in your browser.',
    permissions: ['storage', 'unlimitedStorage'],
    host_permissions: ['https://huggingface.co/*', 'https://arxiv.org/*'],
    action: { default_title: 'Déjà Lu' },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
  },
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022' },
  }),
});
