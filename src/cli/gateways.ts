// The one list of gateways vnt has. The console's connect form, `vnt serve`, `vnt sim` and the README's
// gateway table (checked by test/core/registry.test.ts) all read it. Classes and simulators are loaded lazily,
// so start-up pays only for the gateways in use (a native gateway loads koffi and its vendor library only
// when it connects). Add one entry per gateway.
import type { GatewayClass } from '../core/gateway.js';
import type { SimulatorModule } from '../../gateways/common/simulator.js';

export type GatewayKind = 'embedded' | 'network' | 'native' | 'rpc';

export interface GatewayEntry {
  /** The class name users type (`vnt serve OKEX`, `connect OKEX`); upper case. */
  readonly name: string;
  /** What it connects to, for the README table and `vnt --help`. */
  readonly venue: string;
  readonly kind: GatewayKind;
  /** Path of the gateway's documentation page, relative to the repository root. */
  readonly doc: string;
  /** `vnt sim <simulator>` serves this gateway's wire protocol on loopback, where there is one. */
  readonly simulator?: string;
  readonly load: () => Promise<GatewayClass>;
}

export const GATEWAY_ENTRIES: readonly GatewayEntry[] = [
  {
    name: 'SIM',
    venue: 'the embedded simulated exchange',
    kind: 'embedded',
    doc: 'README.md',
    load: () => import('../../gateways/sim/index.js').then((m) => m.SimGateway),
  },
  {
    name: 'BINANCE',
    venue: 'Binance spot and USD-M futures (REST + WebSocket)',
    kind: 'network',
    doc: 'docs/gateways/binance.md',
    simulator: 'binance',
    load: () => import('../../gateways/binance/index.js').then((m) => m.BinanceGateway),
  },
  {
    name: 'BITFINEX',
    venue: 'Bitfinex exchange and margin trading (API v2: REST + WebSocket)',
    kind: 'network',
    doc: 'docs/gateways/bitfinex.md',
    simulator: 'bitfinex',
    load: () => import('../../gateways/bitfinex/index.js').then((m) => m.BitfinexGateway),
  },
  {
    name: 'BITMEX',
    venue: 'BitMEX derivatives and spot (REST + realtime WebSocket)',
    kind: 'network',
    doc: 'docs/gateways/bitmex.md',
    simulator: 'bitmex',
    load: () => import('../../gateways/bitmex/index.js').then((m) => m.BitmexGateway),
  },
  {
    name: 'OKEX',
    venue: 'OKX spot on API v5 (REST + WebSocket)',
    kind: 'network',
    doc: 'docs/gateways/okx.md',
    simulator: 'okx',
    load: () => import('../../gateways/okx/index.js').then((m) => m.OkexGateway),
  },
  {
    name: 'OKEXF',
    venue: 'OKX perpetual swaps and delivery futures on API v5 (REST + WebSocket)',
    kind: 'network',
    doc: 'docs/gateways/okx.md',
    simulator: 'okx',
    load: () => import('../../gateways/okx/index.js').then((m) => m.OkexfGateway),
  },
  {
    name: 'RPC',
    venue: "another vnt's RPC service",
    kind: 'rpc',
    doc: 'docs/rpc.md',
    load: () => import('../../gateways/rpc/index.js').then((m) => m.RpcGateway),
  },
  {
    name: 'IB',
    venue: 'Interactive Brokers TWS / IB Gateway (TWS socket API)',
    kind: 'network',
    doc: 'docs/gateways/ib.md',
    simulator: 'ib',
    load: () => import('../../gateways/ib/index.js').then((m) => m.IbGateway),
  },
  {
    name: 'ALPACA',
    venue: 'Alpaca US stocks and crypto (Trading API v2 + Market Data v2)',
    kind: 'network',
    doc: 'docs/gateways/alpaca.md',
    simulator: 'alpaca',
    load: () => import('../../gateways/alpaca/index.js').then((m) => m.AlpacaGateway),
  },
  {
    name: 'CTP',
    venue: 'SFIT CTP through your own SDK libraries (koffi)',
    kind: 'native',
    doc: 'docs/gateways/ctp.md',
    load: () => import('../../gateways/ctp/index.js').then((m) => m.CtpGateway),
  },
  {
    name: 'XTP',
    venue: '中泰 XTP (A-shares, funds, bonds, options, margin) through your own SDK libraries (koffi)',
    kind: 'native',
    doc: 'docs/gateways/xtp.md',
    load: () => import('../../gateways/xtp/index.js').then((m) => m.XtpGateway),
  },
  {
    name: 'MINI',
    venue: 'SFIT CTP Mini through your own SDK libraries (koffi)',
    kind: 'native',
    doc: 'docs/gateways/mini.md',
    load: () => import('../../gateways/mini/index.js').then((m) => m.MiniGateway),
  },
  {
    name: 'FEMAS',
    venue: '飞马 FEMAS (USTP) futures counter through your own SDK libraries (koffi)',
    kind: 'native',
    doc: 'docs/gateways/femas.md',
    load: () => import('../../gateways/femas/index.js').then((m) => m.FemasGateway),
  },
  {
    name: 'ONETOKEN',
    venue: "1Token's last documented trading API (REST + WebSocket)",
    kind: 'network',
    doc: 'docs/gateways/onetoken.md',
    simulator: 'onetoken',
    load: () => import('../../gateways/onetoken/index.js').then((m) => m.OnetokenGateway),
  },
  {
    name: 'TIGER',
    venue: 'Tiger Brokers Open API (RSA-signed REST + TLS protobuf push)',
    kind: 'network',
    doc: 'docs/gateways/tiger.md',
    simulator: 'tiger',
    load: () => import('../../gateways/tiger/index.js').then((m) => m.TigerGateway),
  },
  {
    name: 'FUTU',
    venue: 'Futu OpenD: HK, US and China A-share stocks (TCP, protobuf)',
    kind: 'network',
    doc: 'docs/gateways/futu.md',
    simulator: 'futu',
    load: () => import('../../gateways/futu/index.js').then((m) => m.FutuGateway),
  },
  {
    name: 'TORA',
    venue: 'Huaxin TORA (华鑫奇点) SSE/SZSE stocks through your own SDK libraries (koffi)',
    kind: 'native',
    doc: 'docs/gateways/tora.md',
    load: () => import('../../gateways/tora/index.js').then((m) => m.ToraGateway),
  },
  {
    name: 'TAP',
    venue: 'Esunny iTap (易盛) overseas futures and options through your own SDK libraries (koffi)',
    kind: 'native',
    doc: 'docs/gateways/tap.md',
    load: () => import('../../gateways/tap/index.js').then((m) => m.TapGateway),
  },
  {
    name: 'HUOBI',
    venue: 'HTX (Huobi) spot (REST Signature V2 + WebSocket)',
    kind: 'network',
    doc: 'docs/gateways/htx.md',
    simulator: 'htx',
    load: () => import('../../gateways/htx/index.js').then((m) => m.HuobiGateway),
  },
  {
    name: 'OES',
    venue: 'Quant360 OES (宽睿) SSE/SZSE stocks through your own SDK library (koffi; no MDS market data yet)',
    kind: 'native',
    doc: 'docs/gateways/oes.md',
    load: () => import('../../gateways/oes/index.js').then((m) => m.OesGateway),
  },
  {
    name: 'HBDM',
    venue: 'HTX (Huobi) derivatives: USDT-M swaps (REST Signature V2 + WebSocket)',
    kind: 'network',
    doc: 'docs/gateways/htx.md',
    simulator: 'htx',
    load: () => import('../../gateways/htx/index.js').then((m) => m.HbdmGateway),
  },
];

/** Simulator modules by venue name, for `vnt sim <venue>`; one per venue, which may serve several gateways. */
export const SIMULATOR_MODULES: Record<string, () => Promise<SimulatorModule>> = {
  binance: () => import('../../gateways/binance/sim/cli.js'),
  bitfinex: () => import('../../gateways/bitfinex/sim/cli.js'),
  bitmex: () => import('../../gateways/bitmex/sim/cli.js'),
  ib: () => import('../../gateways/ib/sim/cli.js'),
  alpaca: () => import('../../gateways/alpaca/sim/cli.js'),
  okx: () => import('../../gateways/okx/sim/cli.js'),
  onetoken: () => import('../../gateways/onetoken/sim/cli.js'),
  tiger: () => import('../../gateways/tiger/sim/cli.js'),
  futu: () => import('../../gateways/futu/sim/cli.js'),
  htx: () => import('../../gateways/htx/sim/cli.js'),
};

/** Loaders by gateway name. */
export const GATEWAYS: Readonly<Record<string, () => Promise<GatewayClass>>> = Object.fromEntries(
  GATEWAY_ENTRIES.map((e) => [e.name, e.load]),
);

export async function loadGatewayClass(name: string): Promise<GatewayClass> {
  const load = GATEWAYS[name.toUpperCase()];
  if (!load) {
    throw new Error(`no gateway named "${name}" (available: ${Object.keys(GATEWAYS).join(', ') || 'none'})`);
  }
  return load();
}
