// Lighthouse over many pages with one Chromium: `node tests/lighthouse.mjs CATEGORIES URL...`.
//
// CATEGORIES is a comma-separated list of Lighthouse's categories (accessibility,best-practices,
// seo, performance). Prints one JSON document: for each URL, in order, its score per category
// (0 to 100), the audits that cost it points (id, title, score), and when performance was asked
// for, its first and largest contentful paint and total blocking time (ms) and the bytes it
// transferred. Lighthouse's defaults otherwise: a phone, simulated slow 4G.
//
// Chromium is Debian's (CHROME_PATH, default /usr/bin/chromium), started once, headless, and
// every URL is run in it one after another: starting it per page cost more than the audits.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const [categories, ...urls] = process.argv.slice(2);
if (!categories || urls.length === 0) {
  console.error("usage: node tests/lighthouse.mjs CATEGORIES URL...");
  process.exit(2);
}
const onlyCategories = categories.split(",");
const METRICS = {
  fcp: "first-contentful-paint",
  lcp: "largest-contentful-paint",
  tbt: "total-blocking-time",
  bytes: "total-byte-weight",
};

// Without performance, nothing measures time: the page need not settle before the audits.
const quick = {
  // Not 0, which Lighthouse takes for "unset" and replaces by seconds of waiting.
  pauseAfterFcpMs: 1,
  pauseAfterLoadMs: 1,
  networkQuietThresholdMs: 100,
  cpuQuietThresholdMs: 100,
  // Simulated throttling (the default) only computes; observed throttling would wait 5 s more.
  disableFullPageScreenshot: true,
};
const config = {
  extends: "lighthouse:default",
  settings: onlyCategories.includes("performance") ? {} : quick,
};

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
const results = [];
try {
  for (const url of urls) {
    const started = Date.now();
    const run = await lighthouse(url, { port: chrome.port, logLevel: process.env.LH_LOG || "error", onlyCategories }, config);
    const { lhr } = run;
    const scores = {};
    const failed = [];
    for (const [id, category] of Object.entries(lhr.categories)) {
      scores[id] = category.score === null ? null : Math.round(category.score * 100);
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failed.push({ category: id, id: ref.id, title: audit.title, score: audit.score });
        }
      }
    }
    const result = { url, scores, failed, seconds: (Date.now() - started) / 1000 };
    if (lhr.runtimeError) result.error = lhr.runtimeError.message;
    if (onlyCategories.includes("performance")) {
      result.metrics = Object.fromEntries(
        Object.entries(METRICS).map(([name, id]) => [name, lhr.audits[id]?.numericValue ?? null]),
      );
      result.transfers = (lhr.audits["network-requests"]?.details?.items ?? []).map((item) => ({
        url: item.url,
        bytes: item.transferSize,
      }));
      result.blocking = (lhr.audits["render-blocking-resources"]?.details?.items ?? []).map(
        (item) => ({ url: item.url, ms: item.wastedMs }),
      );
    }
    results.push(result);
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results, null, 1) + "\n");
