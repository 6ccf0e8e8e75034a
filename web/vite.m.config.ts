import { defineConfig } from 'vite';

import { baseConfig } from './vite.shared.ts';

// The phone app (监督员城管通) at /m/. PWA (vite-plugin-pwa) is added with its screens.
export default defineConfig(baseConfig('m'));
