// RPC service throughput and latency, server and echo baseline each in their own process on loopback:
// - events/s delivered (trades, which are never coalesced) to 1 and to 10 clients;
// - request round trip (getContract) p50/p99 beside a raw ws server measured in this run that answers every
//   frame with a reply of the same bytes as the RPC's (no parsing, no lookup), in interleaved blocks.
import { spawn } from 'node:child_process';
import { WebSocket } from 'ws';
import { RpcClient } from '../src/rpc/client.js';
import { readToken, startFixture, tempDir } from '../test/rpc/helpers.js';
import { percentile, report } from './report.js';

const EVENTS = 20_000;
const ROUND_TRIPS = 5_000;
const WARMUP = 500;

function now(): number {
  return Number(process.hrtime.bigint()) / 1e3; // microseconds
}

async function deliver(
  url: string,
  token: string,
  clients: number,
  command: (line: string) => Promise<void>,
): Promise<number> {
  let remaining = clients;
  let done!: () => void;
  const all = new Promise<void>((r) => (done = r));
  const open: RpcClient[] = [];
  for (let i = 0; i < clients; i++) {
    let n = 0;
    open.push(
      await RpcClient.connect(
        { url, token },
        {
          onEvent: (e) => {
            if (e.event === 'trade' && ++n === EVENTS && --remaining === 0) done();
          },
          onClose: () => {},
        },
      ),
    );
  }
  const t0 = now();
  await command(`trades ${EVENTS}`);
  await all;
  const seconds = (now() - t0) / 1e6;
  for (const c of open) c.close();
  return (EVENTS * clients) / seconds;
}

async function echoServer(reply: string): Promise<{ url: string; stop(): void }> {
  const code = `
    import { WebSocketServer } from 'ws';
    const reply = process.env.REPLY;
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    wss.on('connection', (ws) => ws.on('message', () => ws.send(reply)));
    wss.on('listening', () => console.log('listening on ws://127.0.0.1:' + wss.address().port));
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, REPLY: reply },
  });
  let out = '';
  const url = await new Promise<string>((resolve) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
  });
  return { url, stop: () => child.kill('SIGKILL') };
}

/** Times `rounds` sequential round trips of send(). */
async function time(rounds: number, roundTrip: () => Promise<unknown>, into: number[]): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const t0 = now();
    await roundTrip();
    into.push(now() - t0);
  }
}

async function rawClient(url: string): Promise<{ roundTrip(frame: string): Promise<void>; close(): void }> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((r) => ws.once('open', r));
  let next: () => void = () => {};
  ws.on('message', () => next());
  return {
    roundTrip: (frame) =>
      new Promise<void>((r) => {
        next = r;
        ws.send(frame);
      }),
    close: () => ws.terminate(),
  };
}

const dir = tempDir('rpc-bench');
const server = await startFixture(dir);
try {
  const token = readToken(dir);
  for (const clients of [1, 10]) {
    const rate = await deliver(server.url, token, clients, (l) => server.command(l));
    report({ bench: `rpc.events.${clients}client${clients > 1 ? 's' : ''}`, value: rate, unit: 'events/s' });
  }

  const client = await RpcClient.connect(
    { url: server.url, token },
    { onEvent: () => {}, onClose: () => {} },
  );
  const params = { vtSymbol: 'FAKE1.LOCAL' };
  const contract = await client.request('getContract', params);
  const request = JSON.stringify({ type: 'req', id: 1, method: 'getContract', params });
  const reply = JSON.stringify({ type: 'res', id: 1, ok: true, result: contract });
  const echo = await echoServer(reply);
  const raw = await rawClient(echo.url);
  const rpcSample: number[] = [];
  const rawSample: number[] = [];
  const rpcTrip = () => client.request('getContract', params);
  const rawTrip = () => raw.roundTrip(request);
  await time(WARMUP, rpcTrip, []);
  await time(WARMUP, rawTrip, []);
  // Interleaved blocks, so that drift in the machine's load falls on both alike.
  for (let block = 0; block < 10; block++) {
    await time(ROUND_TRIPS / 10, rpcTrip, rpcSample);
    await time(ROUND_TRIPS / 10, rawTrip, rawSample);
  }
  raw.close();
  echo.stop();
  client.close();
  for (const p of [50, 99]) {
    report({
      bench: `rpc.roundtrip.p${p}`,
      value: percentile(rpcSample, p),
      unit: 'us',
      baseline: percentile(rawSample, p),
      baselineName: 'raw ws request/reply of the same frames',
      target: 'ratio <= 2',
    });
  }
} finally {
  await server.kill();
}
