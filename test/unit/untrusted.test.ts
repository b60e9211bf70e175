import { describe, expect, it } from 'vitest'
import {
  fail,
  isOneOf,
  isRecord,
  optionalId,
  optionalNumber,
  optionalString,
  parseGuarded,
  readOrNull,
  requireId,
  requireList,
  requireString,
} from '../../src/untrusted.ts'

describe('parseGuarded', () => {
  it('reports a wrong shape as bad_shape, prefixed with what was parsed', () => {
    expect(parseGuarded('Example feed', () => requireString({ title: 7 }, 'title', '$.feed'))).toEqual({
      ok: false,
      error: { kind: 'bad_shape', message: 'Example feed: $.feed.title: expected a string' },
    })
    expect(parseGuarded('Example feed', () => requireList({ items: null }, 'items', '$'))).toEqual({
      ok: false,
      error: { kind: 'bad_shape', message: 'Example feed: $.items: expected a list, not null' },
    })
    expect(parseGuarded('Example feed', () => requireList({ items: 'x' }, 'items', '$'))).toEqual({
      ok: false,
      error: { kind: 'bad_shape', message: 'Example feed: $.items: expected a list' },
    })
  })

  it('reports a stack overflow from absurd nesting as bad_shape', () => {
    const deep = (depth: number): number => (depth === 0 ? 0 : 1 + deep(depth - 1))
    const result = parseGuarded('Deep page', () => deep(10_000_000))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.kind).toBe('bad_shape')
      expect(result.error.message).toMatch(/^Deep page: .*call stack/i)
    }
  })

  it('lets any other exception through: it is a bug, not a payload', () => {
    expect(() =>
      parseGuarded('Example', () => {
        throw new TypeError('bug')
      }),
    ).toThrow(TypeError)
  })
})

describe('id and value readers', () => {
  it('an id must be a non-blank string', () => {
    expect(requireId({ id: 'a1' }, 'id', '$')).toBe('a1')
    expect(() => requireId({ id: ' \t' }, 'id', '$')).toThrow('$.id: expected an id')
    expect(() => requireId({ id: '' }, 'id', '$')).toThrow('$.id: expected an id')
  })

  it('a reference is a non-blank string or a finite number', () => {
    expect(optionalId('a1')).toBe('a1')
    expect(optionalId(42)).toBe('42')
    expect(optionalId('  ')).toBeNull()
    expect(optionalId('')).toBeNull()
    // JSON.parse reads 1e999 as Infinity.
    expect(optionalId(JSON.parse('1e999'))).toBeNull()
    expect(optionalId(null)).toBeNull()
    expect(optionalId(true)).toBeNull()
  })

  it('optional strings and numbers keep only their own type, and finite numbers', () => {
    expect(optionalString('x')).toBe('x')
    expect(optionalString(3)).toBeNull()
    expect(optionalNumber(3)).toBe(3)
    expect(optionalNumber('3')).toBeNull()
    expect(optionalNumber(JSON.parse('-1e999'))).toBeNull()
  })
})

describe('guards', () => {
  it('a record is a plain object: not null, not a list', () => {
    expect(isRecord({})).toBe(true)
    expect(isRecord({ a: 1 })).toBe(true)
    expect(isRecord(null)).toBe(false)
    expect(isRecord([])).toBe(false)
    expect(isRecord('{}')).toBe(false)
  })

  it('one of the list is exactly one of its values, and narrows to them', () => {
    const levels = ['minor', 'major'] as const
    const value: unknown = 'major'
    expect(isOneOf(levels, 'minor')).toBe(true)
    expect(isOneOf(levels, 'Minor')).toBe(false)
    expect(isOneOf(levels, null)).toBe(false)
    expect(isOneOf([1, 2], '1')).toBe(false)
    if (isOneOf(levels, value)) {
      const narrowed: 'minor' | 'major' = value
      expect(narrowed).toBe('major')
    }
  })
})

describe('readOrNull', () => {
  it('gives the value read, or null for a wrong shape or absurd nesting', () => {
    expect(readOrNull(() => 7)).toBe(7)
    expect(readOrNull(() => fail('$', 'a string'))).toBeNull()
    const deep = (depth: number): number => (depth === 0 ? 0 : 1 + deep(depth - 1))
    expect(readOrNull(() => deep(10_000_000))).toBeNull()
  })

  it('lets any other exception through: it is a bug, not corruption', () => {
    expect(() =>
      readOrNull(() => {
        throw new TypeError('bug')
      }),
    ).toThrow(TypeError)
  })
})
