/**
 * RSS's RFC 822 dates and Statuspage's update stamps in feed HTML, parsed by hand for the reason
 * given in time.ts (which reads Atom's ISO 8601).
 */

const MONTHS: Readonly<Record<string, number>> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
}

/** Offsets in minutes of the zone names pages print. Ambiguous ones (IST, CST in Asia) are left out on purpose. */
const ZONES: Readonly<Record<string, number>> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0,
  WEST: 60, BST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, MSK: 180,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600,
  SGT: 480, HKT: 480, AWST: 480, JST: 540, KST: 540, ACST: 570, ACDT: 630, AEST: 600, AEDT: 660,
  NZST: 720, NZDT: 780,
}

/** Minutes east of UTC. */
function zoneOffsetMinutes(zone: string): number | null {
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)
  if (numeric) {
    const [, sign, hours = '0', minutes = '0'] = numeric
    return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes))
  }
  return ZONES[zone.toUpperCase()] ?? null
}

function utcTime(year: number, month: number, day: number, hour: number, minute: number, second: number, offsetMinutes: number): number | null {
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null
  const time = Date.UTC(year, month, day, hour, minute, second) - offsetMinutes * 60_000
  // Past the years a Date can hold (a year taken from an absurd reference), Date.UTC gives NaN.
  if (!Number.isFinite(time)) return null
  // Date.UTC rolls Feb 31 over into March; a date that does not exist is garbage, not a time.
  return new Date(Date.UTC(year, month, day)).getUTCDate() === day ? time : null
}

/** RFC 822 / RFC 2822 as RSS writes it; the weekday is optional and not checked. */
export function parseRfc822Time(value: string): number | null {
  const match = /^\s*(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?\s*$/.exec(value)
  if (!match) return null
  const [, day = '', monthName = '', yearText = '', hour = '', minute = '', second = '0', zone = 'GMT'] = match
  const month = MONTHS[monthName.toLowerCase()]
  const offset = zoneOffsetMinutes(zone)
  if (month === undefined || offset === null) return null
  // RFC 822 allowed two-digit years; RFC 2822 reads them as 19xx/20xx around 50.
  const shortYear = Number(yearText)
  const year = yearText.length === 4 ? shortYear : shortYear < 50 ? 2000 + shortYear : 1900 + shortYear
  return utcTime(year, month, Number(day), Number(hour), Number(minute), Number(second), offset)
}

/** How far after the entry's own time an update may be stamped before we read it as last year's. */
const CLOCK_SLACK_MS = 2 * 24 * 60 * 60 * 1000

/**
 * `Jul 9, 06:01 UTC`, `Sep 13, 2022 - 23:01 CEST`. A missing year comes from `reference` (the entry's
 * time, never before its updates), a year back when the stamp would lie after it (December in January).
 */
export function parseUpdateStamp(stamp: string, reference: number | null): number | null {
  const match = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?\s*[,-]?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})\s*$/i.exec(
    stamp.replace(/\s+/g, ' ').trim(),
  )
  if (!match) return null
  const [, monthName = '', day = '', yearText, hourText = '', minute = '', second = '0', meridiem, zone = ''] = match
  const month = MONTHS[monthName.toLowerCase()]
  const offset = zoneOffsetMinutes(zone)
  if (month === undefined || offset === null) return null
  let hour = Number(hourText)
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null
    hour = (hour % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0)
  }
  const at = (year: number): number | null =>
    utcTime(year, month, Number(day), hour, Number(minute), Number(second), offset)
  if (yearText !== undefined) return at(Number(yearText))
  if (reference === null) return null
  const year = new Date(reference).getUTCFullYear()
  const sameYear = at(year)
  if (sameYear !== null && sameYear <= reference + CLOCK_SLACK_MS) return sameYear
  return at(year - 1)
}
