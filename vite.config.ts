import { defineConfig } from 'vite'
import preact from '@preact/preset-vite'
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin'
import { manifestFor, type Target } from './manifest.config.ts'
import { preactWithoutHtml } from './scripts/build/preact-without-html.ts'

// crxjs's manifest type lags the browsers (no gecko_android, data_collection_permissions): the
// manifest is checked by the browsers and by `web-ext lint` instead.
// `vite build --mode chrome|firefox` → dist/chrome or dist/firefox, both from manifest.json.
export default defineConfig(({ mode }) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome'
  return {
    plugins: [preact(), preactWithoutHtml(), crx({ manifest: manifestFor(target) as unknown as ManifestV3Export, browser: target })],
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      target: 'es2022',
      // Extension code is loaded from disk: readable stack traces beat a few saved bytes.
      minify: true,
      sourcemap: false,
    },
  }
})
