// Shared Vite settings of the two apps (console at /, phone app at /m/).
// Builds are deterministic: content hashes only, no timestamps, no source maps.
import { fileURLToPath, URL } from 'node:url';

import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver, VantResolver } from 'unplugin-vue-components/resolvers';
import type { UserConfig } from 'vite';

export const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export function baseConfig(app: 'console' | 'm'): UserConfig {
  return {
    root: here(`./${app}`),
    base: app === 'console' ? '/' : '/m/',
    publicDir: false,
    resolve: { alias: { '@api': here('./src/api'), '@shared': here('./src') } },
    plugins: [
      vue(),
      Components({
        dts: here(`./${app}/components.d.ts`),
        dirs: [],
        resolvers: app === 'console' ? [ElementPlusResolver({ importStyle: false })] : [VantResolver({ importStyle: false })],
      }),
    ],
    build: {
      outDir: here(`../app/static/${app}`),
      emptyOutDir: true,
      sourcemap: false,
      reportCompressedSize: true,
      chunkSizeWarningLimit: 1500,
      target: 'es2020',
    },
  };
}
