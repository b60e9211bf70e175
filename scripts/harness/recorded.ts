import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openAiOutageTimeline, type TimelineStep } from './timelines/openai-outage.ts'
import { openAiStory } from './timelines/openai-story.ts'

// The real recorded payloads are part of the repository (byte-for-byte copies; provenance and
// SHA-256 in test/fixtures/recorded/README.md), so a clone with nothing beside it runs everything.
export const RECORDED_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/recorded')

export const OPENAI_RECORDED = 'incidentio/openai-proxy-summary-2025-04-08.json'

export function recordedText(relativePath: string): string {
  return readFileSync(join(RECORDED_DIR, relativePath), 'utf8')
}

/** The scripted OpenAI outage made from the real recorded summary (replay, start, demo, e2e, bench). */
export function recordedOpenAiOutage(): TimelineStep[] {
  return openAiOutageTimeline(JSON.parse(recordedText(OPENAI_RECORDED)))
}

/** The whole-story timeline (opening to last word, and a gap), relative to `now`. */
export function recordedOpenAiStory(now: number): ReturnType<typeof openAiStory> {
  return openAiStory(JSON.parse(recordedText(OPENAI_RECORDED)), now)
}
