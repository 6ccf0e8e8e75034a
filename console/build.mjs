// Build the console into ../app/static/console/ (index.html, app.js, app.css), which is committed
// so the service runs without npm. Reproducible: `npm ci && npm run build` gives the same bytes.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'app', 'static', 'console');

const olLicense = await readFile(join(here, 'node_modules', 'ol', 'LICENSE.md'), 'utf8');
const olVersion = JSON.parse(await readFile(join(here, 'node_modules', 'ol', 'package.json'), 'utf8')).version;
const banner = `/*! xiuhua console — Apache-2.0. Bundles OpenLayers ${olVersion} (https://openlayers.org):\n${olLicense.trim()}\n*/`;

await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });

const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  outdir: outDir,
  banner: { js: banner, css: `/*! xiuhua console — includes ol/ol.css (OpenLayers, BSD-2-Clause) */` },
  legalComments: 'none',
  sourcemap: false,
  metafile: true,
  logLevel: 'warning',
  charset: 'utf8',
});

const hash = async (name) =>
  createHash('sha256').update(await readFile(join(outDir, name))).digest('hex').slice(0, 10);
const html = (await readFile(join(here, 'index.html'), 'utf8'))
  .replace('__JS_HASH__', await hash('app.js'))
  .replace('__CSS_HASH__', await hash('app.css'))
  .replace('<!doctype html>\n', '<!doctype html>\n<!-- Built from console/ by `npm ci && npm run build`; do not edit here. -->\n');
await writeFile(join(outDir, 'index.html'), html);

for (const [file, info] of Object.entries(result.metafile.outputs)) {
  console.log(`${file.replace(/^.*app\/static\//, 'app/static/')}  ${(info.bytes / 1024).toFixed(1)} KiB`);
}
