// Order round trips for the gateway benches: a gateway's sendOrder -> NOTTRADED on the event bus against
// its simulator on loopback, and beside it, in the same run, a raw WebSocket echo of one small frame — the
// floor any venue round trip over a loopback socket sits on. The ratio survives a noisy machine.
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { Status } from '../src/core/constant.js';
import type { EventEngine } from '../src/core/event.js';
import { percentile, report } from './report.js';

const WARMUP = 20;

/** Times `rounds` calls of `once` (ms each), after WARMUP untimed ones; `after` runs outside the timing. */
export async function timeRounds(
  rounds: number,
  once: (i: number) => Promise<void>,
  after?: (i: number) => void,
): Promise<number[]> {
  const sample: number[] = [];
  for (let i = 0; i < rounds + WARMUP; i++) {
    const t0 = process.hrtime.bigint();
    await once(i);
    if (i >= WARMUP) sample.push(Number(process.hrtime.bigint() - t0) / 1e6);
    after?.(i);
  }
  return sample;
}

/**
 * Round trips of sendOrder until the order is NOTTRADED on the bus. `send(i)` places the i-th order and
 * returns its vtOrderid (vary the price with i so that no two orders are the same).
 */
export async function orderRoundTrips(
  ee: EventEngine,
  rounds: number,
  send: (i: number) => string,
  after?: (i: number) => void,
): Promise<number[]> {
  const waiting = new Map<string, () => void>();
  const onOrder = (e: { data: { status: Status; vtOrderid: string } }) => {
    if (e.data.status === Status.NOTTRADED) waiting.get(e.data.vtOrderid)?.();
  };
  ee.register('order', onOrder);
  try {
    return await timeRounds(
      rounds,
      (i) => new Promise<void>((resolve) => waiting.set(send(i), resolve)),
      after,
    );
  } finally {
    ee.unregister('order', onOrder);
  }
}

/** Round trips of one text frame through a WebSocket echo server on loopback. */
export async function wsEchoRoundTrips(rounds: number, frame: (i: number) => string): Promise<number[]> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  wss.on('connection', (s) => s.on('message', (d) => s.send(d)));
  const ws = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  await new Promise((r) => ws.once('open', r));
  try {
    return await timeRounds(
      rounds,
      (i) =>
        new Promise<void>((resolve) => {
          ws.once('message', () => resolve());
          ws.send(frame(i));
        }),
    );
  } finally {
    ws.terminate();
    await new Promise((r) => wss.close(r));
  }
}

/**
 * Round trips of one small message to a child process and back over Node's IPC channel: the floor under a
 * native gateway's round trip, whose vendor library runs in a host process on the same channel.
 */
export async function ipcEchoRoundTrips(rounds: number): Promise<number[]> {
  const child = fork('-e', ['process.on("message", (m) => process.send(m))'], { execArgv: [] });
  try {
    return await timeRounds(
      rounds,
      (i) =>
        new Promise<void>((resolve) => {
          child.once('message', () => resolve());
          child.send({ i });
        }),
    );
  } finally {
    child.kill();
  }
}

/** Reports p50 and p99 of an order round trip beside the echo's. */
export function reportRoundTrips(name: string, sample: number[], echo: number[], note: string): void {
  for (const p of [50, 99]) {
    report({
      bench: `${name}.order_round_trip.p${p}`,
      value: percentile(sample, p),
      unit: 'ms',
      ws_echo_ms: Math.round(percentile(echo, p) * 1000) / 1000,
      note,
      samples: sample.length,
    });
  }
}
