import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { withoutHtmlBranch } from '../../../scripts/build/preact-without-html.ts'

const preactRuntime = readFileSync(createRequire(import.meta.url).resolve('preact'), 'utf8')

describe('the build cuts dangerouslySetInnerHTML out of Preact', () => {
  it('removes the one innerHTML branch of the installed Preact and keeps the rest of the runtime', () => {
    expect(preactRuntime).toContain('innerHTML')
    const cut = withoutHtmlBranch(preactRuntime)
    expect(cut).not.toContain('innerHTML')
    expect(cut).toContain('dangerouslySetInnerHTML is not supported by this build')
    // Only the branch changed: same text before it, same text after it.
    const at = preactRuntime.indexOf('.__html==')
    expect(cut.slice(0, at - 40)).toBe(preactRuntime.slice(0, at - 40))
    expect(cut.slice(cut.indexOf('r.__k=[]'))).toBe(preactRuntime.slice(preactRuntime.indexOf('r.__k=[]')))
  })

  it('fails the build when Preact\'s code no longer has the branch it knows', () => {
    expect(() => withoutHtmlBranch('export const x=1')).toThrow(/found it 0 times/)
    const twice = 'h?(l||y&&(h.__html==y.__html||h.__html==t.innerHTML)||(t.innerHTML=h.__html),'.repeat(2)
    expect(() => withoutHtmlBranch(twice)).toThrow(/found it 2 times/)
  })
})
