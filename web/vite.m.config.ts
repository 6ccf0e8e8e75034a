import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

import { baseConfig, here } from './vite.shared.ts';

// The phone app (监督员城管通) at /m/: an installable PWA. The service worker precaches the app
// shell (HTML, JS, CSS, icons) so that after the first visit the app opens with no network; API
// calls are never cached by it (the outbox in IndexedDB keeps what could not be sent).
const base = baseConfig('m');

// The bundler's chunk hash differs between checkouts for identical output; rename the JS chunk
// (single, no code splitting) by the SHA-256 of its content after writing, so the committed build is the same wherever it is made.
function contentHashedChunks(): Plugin {
  return {
    name: 'xiuhua-content-hashed-chunks',
    enforce: 'post',
    writeBundle: {
      order: 'pre',
      sequential: true,
      handler(opts, bundle) {
        const dir = opts.dir as string;
        const html = join(dir, 'index.html');
        let index = readFileSync(html, 'utf8');
        for (const [name, out] of Object.entries(bundle)) {
          if (out.type !== 'chunk') continue;
          const code = readFileSync(join(dir, name));
          const hash = createHash('sha256').update(code).digest('base64url').slice(0, 8);
          const next = name.replace(/-[A-Za-z0-9_-]{8}\.js$/, `-${hash}.js`);
          if (next === name) continue;
          renameSync(join(dir, name), join(dir, next));
          index = index.split(name).join(next);
        }
        writeFileSync(html, index);
      },
    },
  };
}

export default defineConfig({
  ...base,
  publicDir: here('./m/public'),
  build: {
    ...base.build,
    // One bundle (no dynamic chunks): chunk hashes of split builds differ between checkouts.
    rollupOptions: { output: { codeSplitting: false } },
  },
  plugins: [
    ...(base.plugins ?? []),
    contentHashedChunks(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false, // registered from main.ts (virtual:pwa-register): no inline script
      scope: '/m/',
      base: '/m/',
      filename: 'sw.js',
      manifestFilename: 'manifest.webmanifest',
      includeAssets: ['icons/apple-touch-icon.png'],
      manifest: {
        id: '/m/',
        name: '绣花巡查',
        short_name: '绣花巡查',
        description: '网格监督员城管通：上报、核实、核查，离线可用',
        lang: 'zh-CN',
        start_url: '/m/',
        scope: '/m/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f7f8fa',
        theme_color: '#1989fa',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        navigateFallback: '/m/index.html',
        navigateFallbackAllowlist: [/^\/m\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        sourcemap: false,
        mode: 'production',
      },
    }),
  ],
});
