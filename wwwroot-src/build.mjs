// Builds the browser assets into ../BlendPos.Web/wwwroot.
//
//   node build.mjs           production build (minified, no source maps)
//   node build.mjs --dev     readable output with linked source maps
//   node build.mjs --watch   --dev, rebuilding on change
//
// Owned output (cleaned on every build): wwwroot/js/ and wwwroot/css/. Files from public/ are copied over
// wwwroot/ (overwriting same-named files). Nothing else in wwwroot is touched. The last step writes
// wwwroot/.build-stamp, the Outputs of the MSBuild target in BlendPos.Web/Frontend.targets.
//
// Adding an entry point: add it to `pageScripts` (each is a self-contained classic script, an IIFE, loaded
// with <script src="/js/NAME.js" defer>; app.js exposes window.htmx, so pos.js uses that global instead of
// bundling htmx again), or add a new step to `steps` (e.g. the service worker: bundle src/sw.js to
// wwwroot/sw.js, then run workbox-build's injectManifest on the bundled file, which it does not bundle).
// Should shared code between page scripts grow, switch that step to format 'esm' + splitting: true and load
// the scripts with <script type="module">.
import * as esbuild from 'esbuild';
import { cp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.join(here, 'src');
const publicDir = path.join(here, 'public');
const wwwroot = path.resolve(here, '..', 'BlendPos.Web', 'wwwroot');

const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const dev = watch || args.has('--dev');

// Browsers of the kiosks: evergreen Chromium/Firefox/Safari from the last few years.
const browsers = ['chrome100', 'edge100', 'firefox100', 'safari15'];

const common = {
  bundle: true,
  minify: !dev,
  sourcemap: dev ? 'linked' : false,
  target: browsers,
  logLevel: 'info',
  legalComments: 'none',
  charset: 'utf8', // keep "¿Confirmás?" readable instead of \u escapes
};

// Page scripts: name -> source. Output: wwwroot/js/<name>.js
const pageScripts = {
  app: 'app.js',
  precio: 'precio.js', // the public price-check screen (/precio)
  productos: 'productos.js', // live margin on the product form
  caja: 'caja.js', // the blind count's denomination counter, the closing report's print button
  proveedores: 'proveedores.js', // the price-list import's upload progress (/proveedores/importar)
  pos: 'pos.js', // the till (/pos): scanner queue, search, payment, void; offline mode; and the receipt's print
  'ticket-provisional': 'ticket-provisional.js', // /offline/ticket.html: the offline sale's receipt from IndexedDB
  reportes: 'reportes.js', // the dashboard (/) and the reports (/reportes/*): Chart.js charts from data-chart, print
};

// Stylesheets: name -> source. Output: wwwroot/css/<name>.css
const stylesheets = {
  app: 'styles.css', // imports src/css/*.css (base, then one file per feature), bundled into this one file
  precio: 'precio.css', // the public price-check screen (/precio), loaded after app.css
  pos: 'pos.css', // the till (/pos) and the thermal receipt (/ventas/{id}/ticket), loaded after app.css
};

/** Each step is esbuild options; `after` (optional) runs once the bundle is written. */
const steps = [
  {
    name: 'page scripts',
    options: {
      ...common,
      entryPoints: Object.entries(pageScripts).map(([out, file]) => ({ in: path.join(src, file), out })),
      outdir: path.join(wwwroot, 'js'),
      format: 'iife', // classic script: nothing leaks into the global scope except what we assign to window
    },
  },
  {
    name: 'stylesheets',
    options: {
      ...common,
      entryPoints: Object.entries(stylesheets).map(([out, file]) => ({ in: path.join(src, file), out })),
      outdir: path.join(wwwroot, 'css'),
      // url(...) to images/fonts next to the CSS are copied with a hashed name.
      loader: { '.svg': 'file', '.png': 'file', '.woff2': 'file' },
      assetNames: 'assets/[name]-[hash]',
    },
  },
  {
    // The service worker: bundled here (injectManifest does not bundle), its precache list injected in precache().
    name: 'service worker',
    options: { ...common, entryPoints: [path.join(src, 'sw.js')], outfile: path.join(wwwroot, 'sw.js'), format: 'iife' },
  },
];

async function exists(p) {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

async function clean() {
  await rm(path.join(wwwroot, 'js'), { recursive: true, force: true });
  await rm(path.join(wwwroot, 'css'), { recursive: true, force: true });
  await mkdir(wwwroot, { recursive: true });
}

async function copyPublic() {
  if (await exists(publicDir)) {
    await cp(publicDir, wwwroot, { recursive: true, force: true });
  }
}

// What the service worker precaches (relative to wwwroot): everything the POS page and the provisional receipt load.
// Revisions are content hashes, so a deploy re-downloads only what changed and a stale mix cannot be served.
const precacheGlobs = [
  'js/app.js', 'js/pos.js', 'js/ticket-provisional.js', 'css/app.css', 'css/pos.css', 'css/assets/**/*',
  'favicon.svg', 'manifest.webmanifest', 'offline/ticket.html',
];

async function precache() {
  const { injectManifest } = await import('workbox-build');
  const swFile = path.join(wwwroot, 'sw.js');
  const { count, size, warnings } = await injectManifest({
    swSrc: swFile,
    swDest: swFile,
    globDirectory: wwwroot,
    globPatterns: precacheGlobs,
    injectionPoint: 'self.__WB_MANIFEST',
  });
  // css/assets/ exists only once a stylesheet references a font or image file: an empty glob is fine.
  for (const w of warnings.filter((x) => !x.includes('css/assets'))) console.warn(`workbox: ${w}`);
  console.log(`service worker: ${count} files precached (${(size / 1024).toFixed(0)} kB)`);
}

async function writeStamp() {
  const stamp = `built ${new Date().toISOString()} (${dev ? 'dev' : 'production'})\n`;
  await writeFile(path.join(wwwroot, '.build-stamp'), stamp);
}

async function buildOnce() {
  await clean();
  for (const step of steps) {
    await esbuild.build(step.options);
    if (step.after) await step.after();
  }
  await copyPublic();
  await precache(); // after copyPublic: offline/ticket.html is one of the precached files
  await writeStamp();
}

async function startWatch() {
  await clean();
  await copyPublic();
  for (const step of steps) {
    const ctx = await esbuild.context({
      ...step.options,
      plugins: [
        ...(step.options.plugins ?? []),
        {
          name: 'after-step',
          setup(build) {
            build.onEnd(async (result) => {
              if (result.errors.length === 0 && step.after) await step.after();
              if (result.errors.length === 0 && step.name === 'service worker') await precache().catch((e) => console.error(e));
              await writeStamp();
            });
          },
        },
      ],
    });
    await ctx.watch();
  }
  console.log('watching src/ (public/ is copied at start only; Ctrl+C to stop)');
}

try {
  if (watch) await startWatch();
  else await buildOnce();
} catch (err) {
  // esbuild has already printed its diagnostics; make the failure visible to MSBuild.
  console.error(`frontend build failed: ${err?.message ?? err}`);
  process.exit(1);
}
