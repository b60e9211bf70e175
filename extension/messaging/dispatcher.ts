import type { Runtime } from '../platform/browser.ts'
import { failure, parseRequest, type MessageType, type Reply, type Request } from './protocol.ts'
import { SettingsTooLarge } from '../storage/sync-budget.ts'

export type Handlers = { readonly [K in MessageType]: (request: Request<K>) => Promise<Reply<K>> }

/** Never throws: a malformed message, a foreign sender or a failing handler all become a Failure. */
export async function dispatch(handlers: Handlers, message: unknown, sender: Runtime.MessageSender, ownId: string): Promise<Reply<MessageType>> {
  if (sender.id !== undefined && sender.id !== ownId) return failure('invalid', 'Messages from other extensions are not accepted.')
  const parsed = parseRequest(message)
  if (!parsed.ok) return failure('invalid', parsed.message)
  const handler = handlers[parsed.request.type] as (request: Request) => Promise<Reply<MessageType>>
  try {
    return await handler(parsed.request)
  } catch (error) {
    if (error instanceof SettingsTooLarge) return failure('limit', error.message)
    return failure('internal', error instanceof Error ? error.message : String(error))
  }
}
