import { fakeBrowser } from '@webext-core/fake-browser'
import { expect, it } from 'vitest'
import { browser } from '../../../extension/platform/browser.ts'

it('every unit test sees the fake browser behind platform/browser.ts, without mocking it itself', () => {
  expect(browser).toBe(fakeBrowser)
})
