// The Tiger gateway and its simulator as a conformance target (AAPL on SMART), with a throwaway TLS
// certificate for the push server.
import tls from 'node:tls';
import { Direction, Exchange, Offset } from '../../../src/core/constant.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { TigerGateway } from '../../../gateways/tiger/index.js';
import { Command, FrameReader, encodeRequest } from '../../../gateways/tiger/proto.js';
import { loadPrivateKey, rsaSign } from '../../../gateways/tiger/sign.js';
import { makeThrowawayCert, type ThrowawayCert } from '../../../gateways/common/tls-cert.js';
import { startTigerSim, type TigerSim, type TigerSimOptions } from '../../../gateways/tiger/sim/server.js';
import type { ConformanceTarget } from '../../conformance/target.js';

export function settingFor(sim: TigerSim, certFile: string, extra: GatewaySetting = {}): GatewaySetting {
  return {
    tigerId: sim.tigerId,
    standardAccount: sim.account,
    privateKey: sim.developerPrivateKey,
    tigerPublicKey: sim.tigerPublicKey,
    server: 'REAL',
    symbols: 'AAPL,TSLA,00700',
    restUrl: sim.restUrl,
    pushHost: sim.pushHost,
    pushPort: sim.pushPort,
    pushCa: certFile,
    heartbeatMs: 1000,
    ...extra,
  };
}

let shared: ThrowawayCert | undefined;
/** One certificate per test process (openssl takes a moment); removed at exit. */
export function testCert(): ThrowawayCert {
  if (!shared) {
    shared = makeThrowawayCert();
    const made = shared;
    process.once('exit', () => made.remove());
  }
  return shared;
}

export async function startSim(options: Partial<TigerSimOptions> = {}): Promise<TigerSim> {
  const cert = testCert();
  return startTigerSim({
    seed: 42,
    tickRate: 50,
    volatility: 0,
    heartbeat: [1000, 1000],
    ...options,
    tls: { cert: cert.cert, key: cert.key },
  });
}

export function tigerTarget(options: Partial<TigerSimOptions> = {}): ConformanceTarget {
  let sim: TigerSim;
  const side = (d: Direction) => (d === Direction.SHORT ? 'SELL' : 'BUY');
  return {
    gatewayClass: TigerGateway,
    instrument: {
      symbol: 'AAPL',
      exchange: Exchange.SMART,
      openOffset: Offset.NONE,
      // The synthetic book sits around 230.14 and holds still (volatility 0), so 200 rests.
      restingBuyPrice: 200,
      volume: 2,
      offTickPrice: 200.005,
    },
    start: async () => {
      sim = await startSim(options);
      return settingFor(sim, testCert().certFile);
    },
    stop: () => sim.close(),
    fill: async (direction, price, volume) =>
      sim.exchange.crossFromMarket('AAPL', side(direction), price, volume),
    rejectNext: async () => {
      sim.rejectNext('insufficient buying power');
      return 'insufficient buying power';
    },
    drop: async () => sim.setReachable(false),
    fillWhileDown: async (direction, price, volume) =>
      sim.exchange.crossFromMarket('AAPL', side(direction), price, volume),
    restore: async () => sim.setReachable(true),
  };
}

/** A raw push client of the simulator, logged in with the test key: its socket and every frame received. */
export async function pushLogin(sim: TigerSim): Promise<{ socket: tls.TLSSocket; frames: Buffer[] }> {
  const socket = tls.connect({ host: sim.pushHost, port: sim.pushPort, ca: testCert().cert });
  const reader = new FrameReader();
  const frames: Buffer[] = [];
  socket.on('data', (c: Buffer) => reader.push(c, (f) => frames.push(Buffer.from(f))));
  await new Promise<void>((r) => socket.once('secureConnect', () => r()));
  const key = loadPrivateKey(sim.developerPrivateKey);
  socket.write(
    encodeRequest({
      command: Command.CONNECT,
      id: 1,
      connect: {
        tigerId: sim.tigerId,
        sign: rsaSign(key, sim.tigerId),
        sdkVersion: 'test',
        acceptVersion: '3',
        sendInterval: 1000,
        receiveInterval: 1000,
      },
    }),
  );
  return { socket, frames };
}
