// The Desk's build: `npm run build` writes it to dist/desk, which the admin API serves at /desk/.
// `npm run dev:desk` serves it with hot reload, the API calls proxied to the admin API on :3001.
import { defineConfig } from 'vite';

const here = (path: string) => new URL(path, import.meta.url).pathname;

export default defineConfig({
  root: here('.'),
  base: '/desk/',
  // React's automatic JSX runtime through Vite's own transform (oxc); see the README on @vitejs/plugin-react.
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    // The typed client, from its sources (it has no Node-only imports).
    alias: { '#client': here('../../libs/client/src/index.ts') },
  },
  build: {
    outDir: here('../../dist/desk'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      // TanStack Query marks its hooks "use client" for React Server Components; a browser-only bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/admin': 'http://127.0.0.1:3001' } },
});
