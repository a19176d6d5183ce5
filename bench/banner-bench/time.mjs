// Time to a visible consent banner in headless Chromium (issue 4): Charte's banner.js against
// vanilla-cookieconsent 3.1.0 on the same host page, cold runs interleaved (charte, vanilla, charte, vanilla...),
// unthrottled and with slow 4G + 4x CPU throttling over CDP. Run through ../banner-time.sh, which starts Charte.
//
// Environment: CHARTE (Charte's base URL, default http://127.0.0.1:18080; "placeholder" serves banner.js and banner.css
// from BANNER_SRC (default src/main/resources/banner) with placeholder-banner.json as configuration (what Charte
// served for the demo portal with the three declared categories), from a node server: for harness work and for
// trying changes to banner.js without a build, never for the reported figures), SLUG (opendata-bruxelles), RUNS (10),
// MODES ("none slow4g"), VANILLA_ORIGIN ("cross": vanilla's files from a second static origin, like Charte's;
// "same": from the page's own origin), GZIP ("auto": gzip vanilla's files exactly when Charte's server gzips
// banner.js; "on"; "off"), CHROMIUM (/usr/bin/chromium), PAGE_PORT (18090), ASSET_PORT (18091), OUT (JSON file),
// SCREENSHOTS (a directory: saves each page once its banner is visible, to check what was measured).
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFileSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const env = (k, d) => process.env[k] || d;
const CHARTE = env('CHARTE', 'http://127.0.0.1:18080');
const SLUG = env('SLUG', 'opendata-bruxelles');
const RUNS = +env('RUNS', '10');
const MODES = env('MODES', 'none slow4g').split(/[ ,]+/).filter(Boolean);
const VANILLA_ORIGIN = env('VANILLA_ORIGIN', 'cross');
const CHROMIUM = env('CHROMIUM', '/usr/bin/chromium');
const PAGE_PORT = +env('PAGE_PORT', '18090');
const ASSET_PORT = +env('ASSET_PORT', '18091');
const PLACEHOLDER_PORT = +env('PLACEHOLDER_PORT', '18092');
const vdist = join(here, 'node_modules/vanilla-cookieconsent/dist');

// Slow 4G as Lighthouse names it (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up), applied as Chromium's per-request
// emulation (Network.emulateNetworkConditions: the latency is added to every request), plus 4x CPU slowdown.
const THROTTLE = {
  none: null,
  slow4g: { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8, cpu: 4 }
};
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--window-size=1280,800'];

// The visibility probe, the same for both libraries, installed before any script of the page: at the start of
// every animation frame (requestAnimationFrame, from the first one on) it checks whether the first layer is in the
// DOM, displayed (display, visibility, opacity > 0), of non-zero size inside the viewport, with at least three
// buttons each displayed with non-zero size, and records performance.now() (ms since navigation start) at the
// first frame where it is: the frame that paints the banner. Checking in frames only (not on every DOM mutation)
// keeps the probe from forcing extra style and layout work while a library builds its DOM in several steps.
const PROBE = `(() => {
  const targets = [['#charte-banner', 'button.charte-btn[data-charte-action]', 'charte'], ['#cc-main .cm', 'button.cm__btn', 'vanilla']];
  const shown = (e) => {
    const s = getComputedStyle(e);
    if (s.display === 'none' || s.visibility !== 'visible' || +s.opacity === 0) return false;
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight;
  };
  const check = () => {
    for (const [layer, buttons, lib] of targets) {
      const e = document.querySelector(layer);
      if (!e || !shown(e)) continue;
      const b = e.querySelectorAll(buttons);
      if (b.length < 3 || ![...b].every(shown)) continue;
      window.__bv = { t: performance.now(), lib, buttons: b.length };
      return true;
    }
    return false;
  };
  const raf = () => { if (!check()) requestAnimationFrame(raf); };
  requestAnimationFrame(raf);
})();`;

// ---- static servers ----
const files = new Map(); // path -> { type, body }
const type = (p) => (p.endsWith('.css') ? 'text/css; charset=utf-8' : p.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8');
let gzipVanilla = false;
const gz = new Map();
function serve(port, routes) {
  const server = http.createServer((req, res) => {
    const path = req.url.split('?')[0];
    const f = routes.get(path);
    if (!f) { res.writeHead(404); res.end(); return; }
    const headers = { 'Content-Type': type(path), 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': '*' };
    let body = f.body;
    if (f.gzip && f.gzip() && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      if (!gz.has(f)) gz.set(f, gzipSync(body, { level: 9 }));
      body = gz.get(f);
      headers['Content-Encoding'] = 'gzip';
      headers.Vary = 'Accept-Encoding';
    }
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

async function main() {
  let charte = CHARTE.replace(/\/$/, '');
  const servers = [];
  const placeholder = async (dir, port) => {
    const base = `http://127.0.0.1:${port}`;
    const cfg = JSON.parse(readFileSync(join(here, 'placeholder-banner.json'), 'utf8'));
    Object.values(cfg).forEach((c) => { c.css = `${base}/p/${SLUG}/banner.css`; });
    const src = (p) => readFileSync(join(dir, p));
    const style = src('banner.css').toString().replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s*\n\s*/g, '').trim();
    const js = src('banner.js').toString().replace('/*CONFIG*/', JSON.stringify(cfg)).replace('/*STYLE*/', JSON.stringify(style));
    const gzip = () => env('PLACEHOLDER_GZIP', '') === 'on'; // PLACEHOLDER_GZIP=on: gzip -9 the placeholder's files
    servers.push(await serve(port, new Map([[`/p/${SLUG}/banner.js`, { body: Buffer.from(js), gzip }],
      [`/p/${SLUG}/banner.css`, { body: src('banner.css'), gzip }]])));
    return base;
  };
  if (charte === 'placeholder') charte = await placeholder(env('BANNER_SRC', join(here, '../../src/main/resources/banner')), PLACEHOLDER_PORT);
  // BANNER_SRC_B (a directory with a changed banner.js and banner.css) adds a third page, "charte-b", served the
  // placeholder way on PLACEHOLDER_PORT + 1 and interleaved with the others: to try a change to banner.js.
  const charteB = process.env.BANNER_SRC_B ? await placeholder(process.env.BANNER_SRC_B, PLACEHOLDER_PORT + 1) : null;
  const scriptUrl = `${charte}/p/${SLUG}/banner.js`;
  const probe = await fetch(scriptUrl, { headers: { 'Accept-Encoding': 'gzip' } });
  if (!probe.ok) throw new Error(`${scriptUrl}: HTTP ${probe.status}`);
  const charteGzip = probe.headers.get('content-encoding') === 'gzip';
  await probe.arrayBuffer();
  gzipVanilla = env('GZIP', 'auto') === 'auto' ? charteGzip : env('GZIP', 'auto') === 'on';

  const assetBase = VANILLA_ORIGIN === 'same' ? `http://127.0.0.1:${PAGE_PORT}` : `http://127.0.0.1:${ASSET_PORT}`;
  const host = readFileSync(join(here, 'pages/host.html'), 'utf8');
  const pages = {
    charte: host.replace('<!--BANNER-->', `<script src="${scriptUrl}" async></script>`),
    vanilla: host.replace('<!--BANNER-->', `<link rel="stylesheet" href="${assetBase}/vanilla/cookieconsent.css">\n`
      + `<script src="${assetBase}/vanilla/cookieconsent.umd.js" defer></script>\n`
      + `<script src="${assetBase}/vanilla/cookieconsent-config.fr.js" defer></script>`)
  };
  const vanillaFiles = [
    ['/vanilla/cookieconsent.css', join(vdist, 'cookieconsent.css')],
    ['/vanilla/cookieconsent.umd.js', join(vdist, 'cookieconsent.umd.js')],
    ['/vanilla/cookieconsent-config.fr.js', join(here, 'vanilla/cookieconsent-config.fr.js')]
  ].map(([p, f]) => [p, { body: readFileSync(f), gzip: () => gzipVanilla }]);
  if (charteB) pages['charte-b'] = host.replace('<!--BANNER-->', `<script src="${charteB}/p/${SLUG}/banner.js" async></script>`);
  const LIBS = Object.keys(pages);
  const pageRoutes = new Map(LIBS.map((lib) => [`/${lib}.html`, { body: Buffer.from(pages[lib]) }]));
  if (VANILLA_ORIGIN === 'same') vanillaFiles.forEach(([p, f]) => pageRoutes.set(p, f));
  servers.push(await serve(PAGE_PORT, pageRoutes));
  if (VANILLA_ORIGIN !== 'same') servers.push(await serve(ASSET_PORT, new Map(vanillaFiles)));

  const url = (lib) => `http://127.0.0.1:${PAGE_PORT}/${lib}.html`;
  console.log(`chromium: ${CHROMIUM}; Charte: ${scriptUrl} (gzip ${charteGzip ? 'on' : 'off'}); vanilla from ${assetBase} `
    + `(${VANILLA_ORIGIN}-origin, gzip ${gzipVanilla ? 'on' : 'off'}); page origin http://127.0.0.1:${PAGE_PORT}; `
    + `runs ${RUNS}; modes ${MODES.join(', ')}; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

  async function once(lib, mode) {
    const dir = mkdtempSync(join(tmpdir(), 'banner-bench-'));
    const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, userDataDir: dir,
      defaultViewport: { width: 1280, height: 800 } });
    try {
      const page = (await browser.pages())[0] || await browser.newPage();
      const cdp = await page.createCDPSession();
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const th = THROTTLE[mode];
      if (th) {
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: th.latency,
          downloadThroughput: th.downloadThroughput, uploadThroughput: th.uploadThroughput });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: th.cpu });
      }
      await cdp.send('Page.enable');
      await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: PROBE });
      await page.goto(url(lib), { waitUntil: 'load', timeout: 60000 });
      await page.waitForFunction(() => window.__bv, { timeout: 30000, polling: 50 });
      if (process.env.SCREENSHOTS) await page.screenshot({ path: join(process.env.SCREENSHOTS, `${lib}-${mode}.png`) });
      return await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        return { ...window.__bv, fcp: fcp ? fcp.startTime : null, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
          resources: performance.getEntriesByType('resource').map((r) => ({ name: r.name.replace(/^.*\//, ''),
            start: r.startTime, end: r.responseEnd, bytes: r.encodedBodySize })) };
      });
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const results = { date: new Date().toISOString(), charte: scriptUrl, charteGzip, vanillaOrigin: VANILLA_ORIGIN,
    gzipVanilla, throttle: THROTTLE, loadBefore: loadavg(), modes: {} };
  const med = (a) => { const s = [...a].sort((x, y) => x - y), n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
  const f = (x) => x.toFixed(0);
  for (const mode of MODES) {
    await once('charte', mode); // warm-up, not counted: Charte's server builds and caches its configuration,
    await once('vanilla', mode); // and the OS caches Chromium's files
    const runs = Object.fromEntries(LIBS.map((lib) => [lib, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const lib of LIBS) {
        const r = await once(lib, mode);
        if (r.lib !== lib.replace('-b', '')) throw new Error(`probe saw ${r.lib} on the ${lib} page`);
        runs[lib].push(r);
        console.log(`${mode} ${i + 1} ${lib}: visible ${f(r.t)} ms, FCP ${r.fcp == null ? '-' : f(r.fcp)} ms, DOMContentLoaded ${f(r.dcl)} ms`);
      }
    }
    const s = {};
    for (const lib of LIBS) {
      s[lib] = { visible: med(runs[lib].map((r) => r.t)), fcp: med(runs[lib].map((r) => r.fcp || 0)), all: runs[lib].map((r) => Math.round(r.t)) };
    }
    s.ratio = s.charte.visible / s.vanilla.visible;
    // Each charte run and the vanilla run right after it form a pair: the median of the pairs' ratios is less
    // sensitive to load that drifts during the run.
    s.pairedRatio = med(runs.charte.map((r, i) => r.t / runs.vanilla[i].t));
    results.modes[mode] = { summary: s, runs };
    console.log(`== ${mode}: charte median ${f(s.charte.visible)} ms [${s.charte.all.join(' ')}]; `
      + `vanilla median ${f(s.vanilla.visible)} ms [${s.vanilla.all.join(' ')}]; `
      + `ratio charte/vanilla ${s.ratio.toFixed(2)} (median of paired ratios ${s.pairedRatio.toFixed(2)}); target <= 0.70: ${s.ratio <= 0.7 ? 'met' : 'NOT met'}`
      + (charteB ? `; charte-b median ${f(s['charte-b'].visible)} ms [${s['charte-b'].all.join(' ')}], charte-b/vanilla ${(s['charte-b'].visible / s.vanilla.visible).toFixed(2)}` : ''));
  }
  results.loadAfter = loadavg();
  console.log(`load after: ${results.loadAfter.map((x) => x.toFixed(2)).join(' ')}`);
  const out = env('OUT', join(here, 'results', `time-${results.date.replace(/[:.]/g, '-')}.json`));
  if (!existsSync(dirname(out))) (await import('node:fs')).mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(results, null, 1));
  console.log(`details: ${out}`);
  servers.forEach((s) => s.close());
}

main().catch((e) => { console.error(e); process.exit(1); });
