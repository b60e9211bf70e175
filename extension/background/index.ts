/**
 * The background's composition root (Chrome service worker, Firefox event page): the real
 * effects wired once, and every listener registered synchronously at the top level of this
 * module, so that the browser can deliver the event that woke the worker.
 */
import { realDeps } from './deps.ts'
import { startBackground } from './start.ts'

startBackground(realDeps())
