import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const why =
  'src/ is the pure engine: it must run unchanged in Node tests, so effects (browser APIs, network, timers, clock) are injected from extension/ or scripts/.'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.bench/**', 'test-results/**', '.scratch/**', '.stryker/**', '.stryker-tmp/**', 'coverage/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='innerHTML'], JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Status-page text is hostile: render it as text, never as HTML.',
        },
      ],
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
      'no-restricted-imports': ['error', { patterns: [{ group: ['webextension-polyfill', 'node:*'], message: why }] }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: why },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: why },
        { selector: "MemberExpression[object.name='globalThis'][property.name=/^(chrome|browser|fetch|setTimeout|setInterval)$/]", message: why },
        { selector: "MemberExpression[object.name='performance'][property.name='now']", message: why },
        {
          selector: "MemberExpression[property.name='innerHTML'], JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Status-page text is hostile: render it as text, never as HTML.',
        },
      ],
    },
  },
)
