export const usage = `npm start [-- options]

Builds Déjà Lu and shows what it is for: Chromium, with the extension loaded and a fresh
profile (.profile/demo), reads the five seed Hugging Face Daily Papers days in date order and
then an arXiv listing, all served locally at their real URLs (nothing goes to the network).
It prints, per page, how many papers were new and how many you had already seen, then saves,
tags and annotates one paper through its badge, looks a topic up on Google Scholar (where that
paper shows as saved), browses a conference's venue on OpenReview (which teaches where that paper
was accepted), looks an author up on dblp, opens that paper's PDF (the popup shows the paper
being read), and writes screenshots to demo-output/.

Options
  --headed          show the browser and leave it open to explore (default when DISPLAY is set)
  --headless        never show the browser (default without a display)
  --pages <dir>     walk other saved pages: a folder with an index.json like
                    tests/fixtures/index.json ({ file, url, site, digestDay, cards }[]), or .html
                    files named papers-date-YYYY-MM-DD.html (Hugging Face) or
                    list-<category>-<new|recent>.html (arXiv)
  --out <dir>       where screenshots go (default demo-output/)
  --pause <ms>      how long the reader pauses per screenful (default 1000)
  --dark            dark colour scheme
  -h, --help        this text

Environment
  CHROMIUM_PATH     Chromium binary (default /usr/bin/chromium, installed with apt when absent)
`;
