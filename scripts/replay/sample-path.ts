import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

// The real payloads stay in ../shared beside the checkout (never copied into the repo).
const here = dirname(fileURLToPath(import.meta.url))
export const SHARED_SAMPLES = resolve(here, '../../../shared/samples/status-formats')

export function openAiSamplePath(): string {
  const path = resolve(SHARED_SAMPLES, 'incidentio/openai-proxy-summary-2025-04-08.json')
  if (!existsSync(path)) throw new Error(`the recorded OpenAI payload is missing: ${path} (../shared beside the checkout)`)
  return path
}
