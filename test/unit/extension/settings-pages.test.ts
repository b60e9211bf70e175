import { describe, expect, it } from 'vitest'
import { decodeItem } from '../../../extension/storage/item.ts'
import { NO_FILTERS, SETTINGS, pageKeyOf } from '../../../extension/storage/settings.ts'
import { normalizeBaseUrl } from '../../../src/providers/urls.ts'

const keyOf = (input: string): string => {
  const base = normalizeBaseUrl(input)
  if (!base.ok) throw new Error(base.error)
  return pageKeyOf(base.value)
}

describe('page keys and stored pages', () => {
  it('gives every spelling of a page the same key', () => {
    for (const input of ['https://status.openai.com./', 'https://STATUS.openai.com:443', 'status.openai.com.', 'https://status.openai.com/api/v2/summary.json']) {
      expect(keyOf(input), input).toBe('status.openai.com')
    }
    expect(keyOf('https://status.example.com.:8443/')).toBe('status.example.com:8443')
  })

  it('normalizes a stored page URL', () => {
    const read = decodeItem(SETTINGS, { version: 2, pages: [{ u: 'https://Status.Example.com.:443/', p: 'statuspage', n: 'Example' }] })
    expect(read.pages).toEqual([{ key: 'status.example.com', url: 'https://status.example.com/', platform: 'statuspage', name: 'Example', addedAt: 0, filters: NO_FILTERS }])
  })

  it('merges spellings of one page stored apart: the first stays, with its name, platform and filters', () => {
    const read = decodeItem(SETTINGS, {
      version: 2,
      pages: [
        { u: 'https://status.openai.com./', p: 'incidentio', n: 'OpenAI (dot)', a: 5, c: ['api'] },
        { u: 'https://status.openai.com/', p: 'statuspage', n: 'OpenAI', a: 9, f: 1 },
        { u: 'https://www.githubstatus.com/', p: 'statuspage', n: 'GitHub' },
        { u: 'HTTPS://STATUS.OPENAI.COM:443', n: 'OpenAI again', m: 123 },
      ],
    })
    expect(read.pages).toEqual([
      {
        key: 'status.openai.com',
        url: 'https://status.openai.com/',
        platform: 'incidentio',
        name: 'OpenAI (dot)',
        addedAt: 5,
        filters: { componentIds: ['api'], mutedUntil: null, mutedForever: false },
      },
      { key: 'www.githubstatus.com', url: 'https://www.githubstatus.com/', platform: 'statuspage', name: 'GitHub', addedAt: 0, filters: NO_FILTERS },
    ])
  })
})
