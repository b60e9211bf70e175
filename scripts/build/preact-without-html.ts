import type { Plugin } from 'vite'

/**
 * Our code never renders status-page text as HTML (an ESLint rule forbids `innerHTML` and
 * `dangerouslySetInnerHTML`), but Preact's runtime still carries the one branch that would:
 * `dangerouslySetInnerHTML` → `dom.innerHTML = …`. The build cuts that branch out, so the shipped
 * extension cannot set HTML at all (defence in depth) and `web-ext lint`, which flags every
 * `innerHTML` assignment, reports 0 warnings for the store archive. A Preact release that changes
 * this code fails the build here rather than shipping the branch again.
 */

// Preact 11's minified diff: `h?(l||y&&(h.__html==y.__html||h.__html==t.innerHTML)||(t.innerHTML=h.__html),`
const HTML_BRANCH = /(\w+)\?\(\w+\|\|(\w+)&&\(\1\.__html==\2\.__html\|\|\1\.__html==(\w+)\.innerHTML\)\|\|\(\3\.innerHTML=\1\.__html\),/g
const REFUSE = '(()=>{throw new TypeError("dangerouslySetInnerHTML is not supported by this build")})()'
const PREACT_RUNTIME = /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/

export function withoutHtmlBranch(code: string): string {
  const found = code.match(HTML_BRANCH)?.length ?? 0
  if (found !== 1) throw new Error(`preact-without-html: expected Preact's dangerouslySetInnerHTML branch once, found it ${found} times (Preact changed: update the pattern)`)
  const out = code.replace(HTML_BRANCH, (_branch, html: string) => `${html}?(${REFUSE},`)
  if (out.includes('innerHTML')) throw new Error('preact-without-html: innerHTML is still in the Preact runtime')
  return out
}

export function preactWithoutHtml(): Plugin {
  return {
    name: 'status-monitor:preact-without-html',
    transform(code, id) {
      return PREACT_RUNTIME.test(id) ? { code: withoutHtmlBranch(code), map: null } : null
    },
  }
}
