import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { alertLevel, LEVEL_RANK, LEVELS, type Level } from '../../../src/model.ts'
import { headline } from '../../../src/providers/page-level.ts'

const level = fc.constantFrom(...LEVELS)

describe("the page's own level and our reading", () => {
  it('the page word is the level; our reading is kept only when worse', () => {
    expect(headline('minor', 'major')).toEqual({ level: 'minor', reading: 'major' })
    expect(headline('major', 'minor')).toEqual({ level: 'major' })
    expect(headline('maintenance', 'maintenance')).toEqual({ level: 'maintenance' })
    expect(headline(null, 'critical')).toEqual({ level: 'critical' })
  })

  it('never hides the worse of the two: the alert level is always the worst', () => {
    fc.assert(
      fc.property(fc.option(level, { nil: null }), level, (own: Level | null, rows: Level) => {
        const h = headline(own, rows)
        const worst = own === null || LEVEL_RANK[rows] > LEVEL_RANK[own] ? rows : own
        expect(alertLevel(h)).toBe(worst)
        expect(h.level).toBe(own ?? rows)
        if (h.reading !== undefined) expect(LEVEL_RANK[h.reading]).toBeGreaterThan(LEVEL_RANK[h.level])
      }),
    )
  })
})
