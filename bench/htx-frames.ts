// HTX's gzip market frames for the HUOBI and HBDM benches: recording them from a simulator link (answering its
// pings), and the parse figure — frames/s through a gateway's own handling beside gunzip + JSON.parse of the
// same bytes, best of eight runs each.
import WebSocket from 'ws';
import type { MarketPush } from '../gateways/htx/types.js';
import { gunzipText } from '../gateways/htx/ws.js';
import { report } from './report.js';

/** The first `count` data frames (`{"ch"…`) of `topics` on a gzip market link. */
export async function recordGzipFrames(url: string, topics: string[], count: number): Promise<Buffer[]> {
  const ws = new WebSocket(url);
  const frames: Buffer[] = [];
  ws.on('message', (d: Buffer) => {
    const text = gunzipText(d);
    if (text.startsWith('{"ch"')) frames.push(d);
    else if (text.startsWith('{"ping"')) ws.send(text.replace('ping', 'pong'));
  });
  await new Promise((r) => ws.once('open', r));
  topics.forEach((sub, i) => ws.send(JSON.stringify({ sub, id: String(i + 1) })));
  while (frames.length < count) await new Promise((r) => setTimeout(r, 20));
  ws.terminate();
  return frames.slice(0, count);
}

/** `handle` takes one decoded push and returns the ticks it produced (counted per run). */
export function reportGzipParse(
  bench: string,
  frames: Buffer[],
  handle: (m: MarketPush<unknown>) => number,
): void {
  let sink = 0;
  let ticks = 0;
  const runOnce = () => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < frames.length; i++)
      ticks += handle(JSON.parse(gunzipText(frames[i]!)) as MarketPush<unknown>);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const baseline = () => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < frames.length; i++) sink += (JSON.parse(gunzipText(frames[i]!)) as { ts: number }).ts;
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  runOnce();
  baseline();
  let best = Infinity;
  let baselineMs = Infinity;
  for (let i = 0; i < 8; i++) {
    ticks = 0;
    best = Math.min(best, runOnce());
    baselineMs = Math.min(baselineMs, baseline());
  }
  report({
    bench,
    value: (frames.length / best) * 1000,
    unit: 'msgs/s',
    baseline: (frames.length / baselineMs) * 1000,
    baselineName: 'gunzip + JSON.parse of the same frames',
    target: 'ratio >= 0.5',
    ticks_per_run: ticks,
    messages: frames.length,
    sink: sink > 0 ? 1 : 0,
  });
}
