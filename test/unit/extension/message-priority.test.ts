import { describe, expect, it } from 'vitest'
import { withPriority, yieldToMessages } from '../../../extension/background/message-priority.ts'

describe('messages first: the cycle waits at its pause points while a message is answered', () => {
  it('a pause point reached during an answer goes on only once every answer is done', async () => {
    const order: string[] = []
    let finishFirst: () => void = () => {}
    let finishSecond: () => void = () => {}
    const first = withPriority(() => new Promise<void>((resolve) => (finishFirst = resolve)).then(() => void order.push('first answered')))
    const second = withPriority(() => new Promise<void>((resolve) => (finishSecond = resolve)).then(() => void order.push('second answered')))
    const cycle = yieldToMessages().then(() => void order.push('cycle goes on'))
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(order).toEqual([])
    finishFirst()
    await first
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(order).toEqual(['first answered'])
    finishSecond()
    await Promise.all([second, cycle])
    expect(order).toEqual(['first answered', 'second answered', 'cycle goes on'])
  })

  it('an answer that fails releases the cycle too, and a pause with nothing to answer is one macrotask', async () => {
    await expect(withPriority(() => Promise.reject(new Error('handler failed')))).rejects.toThrow('handler failed')
    let resumed = false
    const pause = yieldToMessages().then(() => (resumed = true))
    await Promise.resolve()
    expect(resumed).toBe(false)
    await pause
    expect(resumed).toBe(true)
  })
})
