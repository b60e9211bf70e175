import { RECORDED_DIR, recordedText } from '../../scripts/harness/recorded.ts'

/** The real recorded payloads, vendored in test/fixtures/recorded (provenance in its README). */
export const SAMPLES_DIR = RECORDED_DIR

export const sampleText = recordedText

export function sampleJson(relativePath: string): unknown {
  return JSON.parse(sampleText(relativePath)) as unknown
}
