// Hugging Face "Daily Papers" pages made from generated cards, in the markup of the real site (as in
// tests/fixtures/hf/*.html): one <article> per paper holding a desktop and a mobile copy, the title
// in an <h3> link to /papers/<id>, and the `DailyPapers` hydration island with every paper's
// authors, abstract and date. Styled with tests/fixtures/pages/hf-site.css, the closer stand-in for
// the site's stylesheet (breakpoint, line clamps, `content-visibility: auto` on the card grid).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../scripts/setup.mjs';

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const shortDay = (iso) => `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(8, 10))}`;

let css;
function siteCss() {
  css ??= readFileSync(join(ROOT, 'tests', 'fixtures', 'pages', 'hf-site.css'), 'utf8');
  return css;
}

function article(c) {
  const id = esc(c.id);
  const title = esc(c.title);
  const abs = esc(c.abstract ?? '');
  const n = c.authors?.length ?? 0;
  const pub = c.publishedAt ? shortDay(c.publishedAt) : '';
  const thumb = `<a href="/papers/${id}" class="block h-full w-56 cursor-pointer overflow-hidden bg-white"><img loading="lazy" src="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${id}.png" alt="" class="size-full object-cover"/></a>`;
  const upvote = `<a href="/login?next=%2Fpapers%2F${id}" class="self-start"><div role="checkbox" class="shadow-alternate group flex h-9 cursor-pointer select-none items-center gap-2 rounded-lg border pl-3 pr-3.5"><input disabled="" type="checkbox" class="peer hidden"/> Upvote <div class="font-semibold text-orange-500">${c.upvotes ?? '-'}</div></div></a>`;
  return (
    `<article class="relative overflow-hidden rounded-xl border"><div class="hidden h-40 md:flex"><div class="relative flex-shrink-0">${thumb}</div> ` +
    `<div class="from-gray-50-to-white bg-linear-to-b flex min-w-0 flex-1 flex-col justify-center p-6"><h3 class="mb-1.5 text-xl font-semibold text-gray-900 hover:underline dark:text-white"><a href="/papers/${id}" class="line-clamp-2 cursor-pointer text-balance">${title}</a></h3> ` +
    `<div class="mb-2"><p class="line-clamp-2 text-sm text-gray-500 dark:text-gray-400">${abs}</p></div> <div class="flex min-w-0 items-center text-sm text-gray-400"><span>· ${n} authors</span> <span class="mx-2">·</span> <span>Published on ${pub}</span></div></div> ` +
    `<div class="from-gray-50-to-white bg-linear-to-b flex w-40 flex-col items-stretch justify-center gap-2 p-4"><div class="w-full"><div class="flex flex-wrap items-center gap-2.5 pt-1">${upvote}</div></div> <a href="https://arxiv.org/abs/${id}" target="_blank" rel="noopener noreferrer" class="btn flex h-9 w-full items-center justify-center gap-1 text-sm"><span>arXiv Page</span></a></div></div> ` +
    `<div class="flex flex-col md:hidden"><div class="relative w-full">${thumb}</div> <div class="from-gray-50-to-white bg-linear-to-b p-4"><h3 class="mb-2 text-lg font-semibold text-gray-900 hover:underline"><a href="/papers/${id}" class="line-clamp-2 cursor-pointer">${title}</a></h3> ` +
    `<div class="mb-2"><p class="line-clamp-2 text-sm text-gray-600">${abs}</p></div> <div class="mb-3 flex items-center text-sm text-gray-500"><span>· ${n} authors</span> <span class="mx-1">·</span> <span>${pub}</span></div> <div class="flex flex-col gap-2">${upvote}</div></div></div></article>`
  );
}

function island(day, cards) {
  const dailyPapers = cards.map((c) => {
    const publishedAt = c.publishedAt ? `${c.publishedAt}T00:00:00.000Z` : undefined;
    const summary = c.abstract ?? '';
    return {
      paper: {
        id: c.id,
        authors: (c.authors ?? []).map((name, i) => ({ _id: `${c.id}-a${i}`, name, hidden: false })),
        publishedAt,
        submittedOnDailyAt: `${day}T00:00:00.000Z`,
        title: c.title,
        summary,
        upvotes: c.upvotes ?? 0,
      },
      publishedAt,
      title: c.title,
      summary,
      thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${c.id}.png`,
      numComments: 0,
      upvoted: false,
      isAuthorParticipating: false,
    };
  });
  return { canSubmit: false, dailyPapers, periodType: 'day', dateString: day, query: {}, isTrending: false };
}

/** The page at https://huggingface.co/papers/date/<day> showing `cards`. */
export function hfDailyPage(day, cards) {
  const props = esc(JSON.stringify(island(day, cards)));
  return `<!doctype html>
<html class="">
	<head>
		<meta charset="utf-8" />
		<meta name="viewport" content="width=device-width, initial-scale=1.0, user-scalable=no" />
		<meta property="og:url" content="https://huggingface.co/papers/date/${day}" />
		<title>Daily Papers - Hugging Face</title>
		<style>${siteCss()}</style>
	</head>
	<body class="flex flex-col min-h-dvh bg-white dark:bg-gray-950 text-black DailyPapersPage">
		<!--[--><div class="flex min-h-dvh flex-col"><div class="SVELTE_HYDRATER contents" data-target="MainHeader" data-props="{}"><header class="border-b border-gray-100"><nav><a href="/">Hugging Face</a> <a href="/models">Models</a> <a href="/datasets">Datasets</a> <a href="/papers">Papers</a></nav></header></div>
		<main class="flex flex-1 flex-col"><div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="${props}"><section class="container relative mb-20 pt-6"><div class="mb-4 flex items-center justify-between"><div><h1 class="text-2xl font-bold md:text-3xl"><a href="/papers">Daily Papers</a></h1><p class="text-gray-500">by<a href="/akhaliq" class="ml-1 underline">AK</a> and the research community</p></div></div>
		<div class="mb-6 flex items-center gap-2"><a href="/papers/date/${day}" class="font-semibold">${shortDay(day)}</a><input name="daily-papers-search" placeholder="Search any paper with AI" class="form-input"/></div>
		<div class="relative grid gap-5 *:[content-visibility:auto]"><!--[0-->${cards.map(article).join('<!--]--><!--[1-->')}<!--]--></div></section></div></main>
		<footer class="b-12 mb-2 flex border-t border-gray-100 md:h-14"></footer></div><!--]-->
	</body>
</html>
`;
}

export const pageUrl = (day) => `https://huggingface.co/papers/date/${day}`;
