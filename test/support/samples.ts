import { RECORDED_DIR, recordedText } from '../../scripts/harness/recorded.ts'

/** The real recorded payloads, vendored in test/fixtures/recorded (provenance in its README). */
export const SAMPLES_DIR = RECORDED_DIR

export const sampleText = recordedText

export function sampleJson(relativePath: string): unknown {
  return JSON.parse(sampleText(relativePath)) as unknown
}

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The object at `index` of a list in an edited payload. */
export function item(list: unknown, index: number): Record<string, unknown> {
  const value: unknown = Array.isArray(list) ? list[index] : undefined
  if (!isObject(value)) throw new Error(`no object at [${index}]`)
  return value
}

/** A recorded payload (an object) with `edit` applied to a fresh copy: our own small variants. */
export function editedSample(file: string, edit: (root: Record<string, unknown>) => void): unknown {
  const json: unknown = JSON.parse(sampleText(file))
  if (!isObject(json)) throw new Error(`${file}: not an object`)
  edit(json)
  return json
}
