// The floor under every native tick benchmark: a simulated vendor library's own thread calling a koffi
// callback n times into this (main) thread, with nothing else done — measured in the same run as the
// gateway's figure. The library exports `<prefix>_raw_burst(void (*cb)(int), int n)`.
import koffi from 'koffi';

/** Callbacks per second from the library's thread into the main thread. */
export async function rawCallbackRate(library: string, burstSymbol: string, n: number): Promise<number> {
  // Loaded only for the baseline, before the control socket exists (this copy stays out of the session).
  const handle = koffi.load(library, { deep: true });
  const rawBurst = handle.func(burstSymbol, 'int', ['void *', 'int']) as (cb: unknown, n: number) => number;
  let count = 0;
  let done: () => void = () => undefined;
  const cb = koffi.register(
    () => {
      if (++count === n) done();
    },
    koffi.pointer(koffi.proto('void', ['int'])),
  );
  // koffi's relay does not keep the process alive; this timer does while the foreign thread calls.
  const keepAlive = setInterval(() => undefined, 1000);
  const start = process.hrtime.bigint();
  await new Promise<void>((resolve) => {
    done = resolve;
    rawBurst(cb, n);
  });
  clearInterval(keepAlive);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  koffi.unregister(cb);
  return n / seconds;
}
