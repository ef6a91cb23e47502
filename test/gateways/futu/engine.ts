// A MainEngine with one FUTU gateway connected to a simulated OpenD on loopback, recording what it pushes.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MainEngine } from '../../../src/core/engine.js';
import type { AnyEvent } from '../../../src/core/event.js';
import { Direction, Exchange, Offset, OrderType, type GatewayStatus } from '../../../src/core/constant.js';
import type { LogData, OrderData, OrderRequest, TradeData } from '../../../src/core/object.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { FutuGateway } from '../../../gateways/futu/index.js';
import { FUTU_SIM_PASSWORD, type FutuSimulator } from '../../../gateways/futu/sim/index.js';

export class Seen {
  readonly logs: LogData[] = [];
  readonly statuses: GatewayStatus[] = [];
  readonly orders: OrderData[] = [];
  readonly trades: TradeData[] = [];
  readonly handle = (e: AnyEvent): void => {
    if (e.type === 'log') this.logs.push(e.data);
    else if (e.type === 'gateway') this.statuses.push(e.data.status);
    else if (e.type === 'order') this.orders.push({ ...e.data });
    else if (e.type === 'trade') this.trades.push(e.data);
  };
  logText(): string {
    return this.logs.map((l) => l.msg).join('\n');
  }
  last(vtOrderid: string): OrderData | undefined {
    return this.orders.filter((o) => o.vtOrderid === vtOrderid).pop();
  }
}

export function realSetting(sim: FutuSimulator, extra: GatewaySetting = {}): GatewaySetting {
  return {
    host: '127.0.0.1',
    port: sim.port,
    password: FUTU_SIM_PASSWORD,
    market: 'HK',
    env: 'REAL',
    rsaKeyFile: '',
    ...extra,
  };
}

export async function connectFutu(
  setting: GatewaySetting,
  seen = new Seen(),
): Promise<{ me: MainEngine; seen: Seen }> {
  const me = new MainEngine({ log: false });
  me.eventEngine.registerGeneral(seen.handle);
  me.addGateway(FutuGateway, 'FUTU');
  try {
    await me.connect(setting, 'FUTU');
  } catch (error) {
    await me.close();
    throw error;
  }
  return { me, seen };
}

/** A fresh 1024-bit RSA key (Futu's size) as OpenD would have it, in a PEM file of the given mode. */
export function tempRsaKey(mode = 0o600): { key: KeyObject; file: string; pem: string; remove(): void } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const dir = mkdtempSync(join(tmpdir(), 'vnt-futu-key-'));
  const file = join(dir, 'opend_rsa.pem');
  writeFileSync(file, pem, { mode });
  chmodSync(file, mode);
  return { key: privateKey, file, pem, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A TCP relay on loopback that keeps every byte the client sent (to look at what crosses the wire). */
export async function startTap(
  port: number,
): Promise<{ port: number; sent(): Buffer; close(): Promise<void> }> {
  const chunks: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const up = net.connect(port, '127.0.0.1');
    sockets.add(client).add(up);
    client.on('data', (c: Buffer) => {
      chunks.push(c);
      up.write(c);
    });
    up.on('data', (c: Buffer) => client.write(c));
    const end = () => {
      client.destroy();
      up.destroy();
    };
    client.on('close', end).on('error', end);
    up.on('close', end).on('error', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    sent: () => Buffer.concat(chunks),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A limit buy of 00700 (HK lots of 100). */
export const buy = (price: number, volume = 100): OrderRequest => ({
  symbol: '00700',
  exchange: Exchange.SEHK,
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  price,
  volume,
  offset: Offset.NONE,
  reference: 'test',
});

/** Connects and expects it to fail: the error and what was logged meanwhile. */
export async function failedConnect(setting: GatewaySetting): Promise<{ error: Error; seen: Seen }> {
  const seen = new Seen();
  let connected: MainEngine;
  try {
    connected = (await connectFutu(setting, seen)).me;
  } catch (error) {
    return { error: error as Error, seen };
  }
  await connected.close();
  throw new Error('connect succeeded');
}
