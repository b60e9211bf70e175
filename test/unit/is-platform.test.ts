import { describe, expect, it } from 'vitest'
import { isPlatform, PLATFORMS } from '../../src/model.ts'

describe('isPlatform', () => {
  it('accepts every platform id this build knows', () => {
    for (const platform of PLATFORMS) expect(isPlatform(platform)).toBe(true)
  })

  it.each(['newplatform', 'Statuspage', ' statuspage', '', 'toString', 'constructor', null, undefined, 1, {}, ['feed']])('refuses %j', (value) => {
    expect(isPlatform(value)).toBe(false)
  })
})
