// Waiting in tests: on events and conditions, never on elapsed time. Each wait has a generous limit only so
// that a broken build fails with a message instead of hanging; no test asserts on how long anything took.
import type { EventEngine, EventType, VntEvent } from '../../src/core/event.js';

const LIMIT_MS = Number(process.env.VNT_TEST_WAIT_MS) || 30_000;

/** Resolves after the event engine has dispatched everything queued so far (and what that put). */
export async function settle(ee: EventEngine): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setImmediate(r));
  }
  ee.drain();
}

/** The next event of a type (and optionally matching a predicate). */
export function nextEvent<K extends EventType>(
  ee: EventEngine,
  type: K,
  predicate: (e: VntEvent<K>) => boolean = () => true,
  what = `a "${type}" event`,
): Promise<VntEvent<K>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ee.unregister(type, handler);
      reject(new Error(`gave up waiting for ${what}`));
    }, LIMIT_MS);
    const handler = (e: VntEvent<K>) => {
      if (!predicate(e)) return;
      clearTimeout(timer);
      ee.unregister(type, handler);
      resolve(e);
    };
    ee.register(type, handler);
  });
}

/** Polls a condition on the event loop until it holds. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + LIMIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
