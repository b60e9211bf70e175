import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const why =
  'src/ is the pure engine: it must run unchanged in Node tests, so effects (browser APIs, network, timers, clock) are injected from extension/ or scripts/.'

const hostileText = {
  selector: "MemberExpression[property.name='innerHTML'], JSXAttribute[name.name='dangerouslySetInnerHTML']",
  message: 'Status-page text is hostile: render it as text, never as HTML.',
}

// Imports point down: platform < permissions < storage < messaging < background and the UI
// (popup, options). A module that reaches up drags the layers above it into every test and
// bundle of the layers below, and makes cycles one edit away.
const pureEngine = { group: ['webextension-polyfill', 'node:*'], message: why }
const engineAlone = { group: ['**/extension/**', '**/scripts/**'], message: why }
const textBelowProviders = {
  group: ['**/providers/**'],
  message: 'src/text/ renders what the providers read; what both need lives in src/ itself (e.g. loopback-host.ts).',
}
const onePlatformDoor = {
  group: ['webextension-polyfill'],
  message: 'The browser API has one door, extension/platform/browser.ts: tests replace that one module with a fake.',
}
const permissionsBelow = {
  group: ['**/storage/**', '**/messaging/**', '**/background/**', '**/popup/**', '**/options/**'],
  message: 'extension/permissions/ sits under storage, messaging, background and the UI: they use it, never the other way round.',
}
const storageBelow = {
  group: ['**/messaging/**', '**/background/**', '**/popup/**', '**/options/**'],
  message: 'extension/storage/ sits under messaging, background and the UI: what they share with it (such as the state view) is declared here.',
}
const uiNotBackground = {
  group: ['**/background/**'],
  message: 'The popup and options page reach the background only through messaging/ (the worker may be asleep, and its modules have effects at import).',
}
// A later block replaces an earlier block's rule for its files (flat config does not merge a
// rule's options): so each folder's block lists every ban that applies to it.
const importBans = (...bans) => ['error', { patterns: bans }]

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.bench/**', 'test-results/**', '.scratch/**', '.stryker/**', '.stryker-tmp/**', 'coverage/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', hostileText],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['chrome', 'browser', 'fetch', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask', 'setImmediate', 'XMLHttpRequest', 'localStorage'].map(
          (name) => ({ name, message: why }),
        ),
      ],
      'no-restricted-imports': importBans(pureEngine, engineAlone),
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: why },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: why },
        { selector: "MemberExpression[object.name='globalThis'][property.name=/^(chrome|browser|fetch|setTimeout|setInterval)$/]", message: why },
        { selector: "MemberExpression[object.name='performance'][property.name='now']", message: why },
        hostileText,
      ],
    },
  },
  {
    files: ['src/text/**/*.ts'],
    rules: { 'no-restricted-imports': importBans(pureEngine, engineAlone, textBelowProviders) },
  },
  {
    files: ['extension/**/*.{ts,tsx}'],
    ignores: ['extension/platform/**'],
    rules: {
      'no-restricted-globals': ['error', ...['chrome', 'browser'].map((name) => ({ name, message: onePlatformDoor.message }))],
      'no-restricted-imports': importBans(onePlatformDoor),
    },
  },
  {
    files: ['extension/**/*.{ts,tsx}'],
    ignores: ['extension/storage/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        hostileText,
        {
          selector: "MemberExpression[object.name='browser'][property.name='storage']",
          message: 'Storage calls go through extension/storage/store.ts: it validates what it reads and skips writes that change nothing.',
        },
      ],
    },
  },
  { files: ['extension/permissions/**/*.ts'], rules: { 'no-restricted-imports': importBans(onePlatformDoor, permissionsBelow) } },
  { files: ['extension/storage/**/*.ts'], rules: { 'no-restricted-imports': importBans(onePlatformDoor, storageBelow) } },
  { files: ['extension/popup/**/*.{ts,tsx}', 'extension/options/**/*.{ts,tsx}'], rules: { 'no-restricted-imports': importBans(onePlatformDoor, uiNotBackground) } },
)
