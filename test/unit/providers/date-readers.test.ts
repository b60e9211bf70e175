import { runs } from '../../support/fast-check-setup'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseRfc822Time, parseUpdateStamp } from '../../../src/providers/feed-dates.ts'
import { parseIsoTime } from '../../../src/providers/time.ts'

/**
 * The providers' date readers get whatever a page writes. Whatever it is, they answer null or a
 * time a Date can hold: never an exception, NaN or Infinity (which `toISOString` throws on).
 */

const digits = (min: number, max: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`))
const piece = fc.oneof(
  fc.constantFrom(' ', '  ', 'T', 'Z', ':', '-', '+', '.', ',', 'Jan', 'Feb', 'Sep', 'Dec', 'UTC', 'PDT', 'CEST', 'AM', 'PM', 'Wed,', '+0000', '-07:00', '\t', '\n'),
  digits(1, 4),
  digits(5, 12),
  fc.string({ maxLength: 4 }),
)
/** Strings that look like the real forms, with absurd numbers in them, and anything at all. */
const dateLike = fc.oneof(
  fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join('')),
  fc.tuple(digits(4, 4), digits(1, 2), digits(1, 2), digits(1, 2), digits(1, 2), digits(1, 2), digits(1, 20)).map(
    ([year, month, day, hour, minute, second, fraction]) => `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}T${hour}:${minute}:${second}.${fraction}Z`,
  ),
  fc.tuple(digits(1, 2), fc.constantFrom('Jan', 'Feb', 'Jun', 'Dec', 'Foo'), digits(2, 4), digits(1, 2), digits(2, 2)).map(
    ([day, month, year, hour, minute]) => `Wed, ${day} ${month} ${year} ${hour}:${minute}:00 +0000`,
  ),
  fc.string(),
)
const reference = fc.oneof(fc.constant(null), fc.double(), fc.constantFrom(8.64e15, -8.64e15, 1e23, Number.NaN, Infinity), fc.integer({ min: -8.64e15, max: 8.64e15 }))

function expectTimeOrNull(time: number | null): void {
  if (time === null) return
  expect(Number.isFinite(time)).toBe(true)
  expect(() => new Date(time).toISOString()).not.toThrow()
}

describe('date readers on absurd input', () => {
  it('parseIsoTime: null or a valid time', () => {
    fc.assert(fc.property(dateLike, (value) => expectTimeOrNull(parseIsoTime(value))), { numRuns: runs(2000) })
  })

  it('parseRfc822Time: null or a valid time', () => {
    fc.assert(fc.property(dateLike, (value) => expectTimeOrNull(parseRfc822Time(value))), { numRuns: runs(2000) })
  })

  it('parseUpdateStamp: null or a valid time, whatever the reference it takes the year from', () => {
    const stamp = fc.oneof(
      dateLike,
      fc.tuple(fc.constantFrom('Jan', 'Feb', 'Sep', 'Dec'), digits(1, 2), digits(1, 2), digits(2, 2), fc.constantFrom('UTC', 'PDT', 'AM UTC', 'PM CEST')).map(
        ([month, day, hour, minute, zone]) => `${month} ${day}, ${hour}:${minute} ${zone}`,
      ),
    )
    fc.assert(fc.property(stamp, reference, (value, at) => expectTimeOrNull(parseUpdateStamp(value, at))), { numRuns: runs(2000) })
  })

  it('reads the edges of what a Date holds as null, not NaN', () => {
    expect(parseUpdateStamp('Sep 13, 23:00 UTC', 8.64e15)).not.toBeNaN()
    expect(parseUpdateStamp('Jan 1, 00:00 UTC', -8.64e15)).toBeNull()
    expect(parseUpdateStamp('Jan 1, 00:00 UTC', 1e23)).toBeNull()
    expect(parseUpdateStamp('Jan 1, 00:00 UTC', Number.NaN)).toBeNull()
  })
})
