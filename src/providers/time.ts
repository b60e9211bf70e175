/**
 * ISO-8601 to epoch ms by hand: `Date.parse` accepts non-ISO strings differently per engine, and
 * Node, Chrome and Firefox must agree. Without an offset a time is UTC (a bare date: UTC midnight).
 */

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i

const MINUTE_MS = 60_000

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function offsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0
  if (hours > 23 || minutes > 59) return null
  return sign * (hours * 60 + minutes)
}

export function parseIsoTime(value: unknown): number | null {
  if (typeof value !== 'string') return null
  const match = ISO_8601.exec(value.trim())
  if (!match) return null
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fractionText, zone] = match
  const year = Number(yearText)
  const month = Number(monthText)
  const day = Number(dayText)
  const hour = Number(hourText ?? 0)
  const minute = Number(minuteText ?? 0)
  // 60 is a leap second; Date.UTC rolls it into the next minute.
  const second = Number(secondText ?? 0)
  const millisecond = Number((fractionText ?? '').slice(0, 3).padEnd(3, '0'))
  // Date.UTC maps years 0–99 to 1900–1999; no status page predates the year 1000 anyway.
  if (year < 1000) return null
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  if (hour > 23 || minute > 59 || second > 60) return null
  const offset = offsetMinutes(zone)
  if (offset === null) return null
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offset * MINUTE_MS
}
