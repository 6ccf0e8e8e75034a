import { defineConfig } from 'vite';

import { baseConfig } from './vite.shared.ts';

export default defineConfig(baseConfig('console'));
