// OKEX (spot) and OKEXF (perpetual swaps and delivery futures) on OKX API v5, both on the one client in
// gateway.ts. Setting field names follow VN Trader's OKEX/OKEXF (API Key, Secret Key, Passphrase; OKEXF's
// Leverage), plus what v5 adds: REAL/DEMO, the regional host, margin mode, and every URL overridable.
import { Exchange, OrderType } from '../../src/core/constant.js';
import type { GatewayCapabilities } from '../../src/core/gateway.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';
import { OkxGateway, type Flavour } from './gateway.js';
import type { TdMode } from './types.js';

const COMMON_SETTING: SettingSchema = {
  apiKey: { type: 'string', default: '', label: 'API Key' },
  secretKey: { type: 'secret', default: '', label: 'Secret Key' },
  passphrase: { type: 'secret', default: '', label: 'Passphrase' },
  server: {
    type: 'choice',
    choices: ['REAL', 'DEMO'],
    default: 'REAL',
    label: 'Server',
    help: 'DEMO: demo trading (x-simulated-trading: 1 and the demo WebSocket hosts); needs a demo API key',
  },
  region: {
    type: 'choice',
    choices: ['www', 'eea', 'us'],
    default: 'www',
    label: 'Region',
    help: 'www.okx.com, eea.okx.com or us.okx.com: the host your account is registered on',
  },
  proxyHost: {
    type: 'string',
    default: '',
    label: 'Proxy host',
    help: 'HTTP proxy for REST and (by CONNECT) WebSockets; empty for none',
  },
  proxyPort: { type: 'integer', default: 0, min: 0, max: 65535, label: 'Proxy port' },
  restUrl: { type: 'string', default: '', label: 'REST URL', help: 'empty: the region default' },
  publicUrl: { type: 'string', default: '', label: 'Public WebSocket URL', help: 'empty: the default' },
  privateUrl: { type: 'string', default: '', label: 'Private WebSocket URL', help: 'empty: the default' },
  businessUrl: {
    type: 'string',
    default: '',
    label: 'Business WebSocket URL',
    help: 'empty: the default (candle channels; vnt reads history over REST)',
  },
  heartbeatMs: {
    type: 'integer',
    default: 20_000,
    min: 50,
    max: 29_000,
    label: 'Heartbeat (ms)',
    help: "how often 'ping' is sent; OKX closes a link silent for 30 s",
  },
};

const ORDER_TYPES = [OrderType.LIMIT, OrderType.MARKET, OrderType.POSTONLY, OrderType.FOK, OrderType.FAK];

export class OkexGateway extends OkxGateway {
  static override readonly defaultName = 'OKEX';
  static override readonly defaultSetting: SettingSchema = COMMON_SETTING;
  static override readonly exchanges: readonly Exchange[] = [Exchange.OKEX];
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: ORDER_TYPES,
    history: true,
    offsets: false,
    amend: true,
  };
  protected override readonly flavour: Flavour = { instTypes: ['SPOT'], idLetter: 's' };

  protected override configure(): void {
    this.tdMode = 'cash';
  }
}

export class OkexfGateway extends OkxGateway {
  static override readonly defaultName = 'OKEXF';
  static override readonly defaultSetting: SettingSchema = {
    ...COMMON_SETTING,
    leverage: {
      type: 'integer',
      default: 10,
      min: 0,
      max: 125,
      label: 'Leverage',
      help: 'set on each instrument before its first order; 0 leaves what is set on OKX',
    },
    marginMode: {
      type: 'choice',
      choices: ['cross', 'isolated'],
      default: 'cross',
      label: 'Margin mode',
      help: 'tdMode of every order',
    },
  };
  static override readonly exchanges: readonly Exchange[] = [Exchange.OKEX];
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: ORDER_TYPES,
    history: true,
    // In long/short position mode the order says whether it opens or closes.
    offsets: true,
    amend: true,
  };
  protected override readonly flavour: Flavour = { instTypes: ['SWAP', 'FUTURES'], idLetter: 'f' };

  protected override configure(setting: GatewaySetting): void {
    this.tdMode = (setting.marginMode === 'isolated' ? 'isolated' : 'cross') satisfies TdMode;
    this.leverage = Math.max(0, Math.floor(Number(setting.leverage ?? 10)));
  }
}
