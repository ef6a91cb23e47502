// HUOBI (HTX spot) — and, when it lands, HBDM (HTX derivatives) — from one folder, as OKEX/OKEXF share
// gateways/okx. Setting names follow VN Trader's HUOBI (API Key → Access Key, Secret Key, proxy), plus the
// host choice and every URL overridable (the simulator, proxies, api-aws.huobi.pro).
import { Exchange, OrderType } from '../../src/core/constant.js';
import type { GatewayCapabilities } from '../../src/core/gateway.js';
import type { SettingSchema } from '../../src/core/setting-schema.js';
import { HbdmSwapGateway } from './hbdm/gateway.js';
import { HBDM_HOSTS, HBDM_PRODUCT_CHOICES, MARGIN_MODES } from './hbdm/urls.js';
import { HuobiSpotGateway } from './spot.js';
import { SPOT_HOSTS } from './urls.js';

const SPOT_SETTING: SettingSchema = {
  accessKey: { type: 'string', default: '', label: 'Access Key' },
  secretKey: { type: 'secret', default: '', label: 'Secret Key' },
  host: {
    type: 'choice',
    choices: [...SPOT_HOSTS],
    default: 'api.huobi.pro',
    label: 'Host',
    help: 'api-aws.huobi.pro is HTX’s host for servers in AWS Tokyo',
  },
  proxyHost: {
    type: 'string',
    default: '',
    label: 'Proxy host',
    help: 'HTTP proxy for REST and (by CONNECT) WebSockets; empty for none',
  },
  proxyPort: { type: 'integer', default: 0, min: 0, max: 65535, label: 'Proxy port' },
  restUrl: { type: 'string', default: '', label: 'REST URL', help: 'empty: https://<host>' },
  marketUrl: { type: 'string', default: '', label: 'Market WebSocket URL', help: 'empty: wss://<host>/ws' },
  privateUrl: {
    type: 'string',
    default: '',
    label: 'Private WebSocket URL',
    help: 'empty: wss://<host>/ws/v2',
  },
  silenceMs: {
    type: 'integer',
    default: 30_000,
    min: 100,
    max: 120_000,
    label: 'Silence timeout (ms)',
    help: 'HTX pings every 5 s; a link silent this long is reconnected',
  },
};

export class HuobiGateway extends HuobiSpotGateway {
  static override readonly defaultName = 'HUOBI';
  static override readonly defaultSetting: SettingSchema = SPOT_SETTING;
  static override readonly exchanges: readonly Exchange[] = [Exchange.HUOBI];
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: [OrderType.LIMIT, OrderType.MARKET, OrderType.POSTONLY, OrderType.FAK, OrderType.FOK],
    history: true,
    offsets: false,
  };
}

// HBDM: VN Trader's fields (API Key → Access Key, Secret Key, proxy), the leverage every order carries
// (lever_rate), the product (USDT-M swaps with isolated margin, coin-M swaps, or coin-M futures), the host and
// every URL overridable.
const HBDM_SETTING: SettingSchema = {
  accessKey: { type: 'string', default: '', label: 'Access Key' },
  secretKey: { type: 'secret', default: '', label: 'Secret Key' },
  host: {
    type: 'choice',
    choices: [...HBDM_HOSTS],
    default: 'api.hbdm.com',
    label: 'Host',
    help: 'api.hbdm.vn is HTX’s derivatives host for servers in AWS',
  },
  product: {
    type: 'choice',
    choices: Object.keys(HBDM_PRODUCT_CHOICES),
    default: 'USDT-M swap',
    label: 'Product',
    help: 'USDT-M swap: BTC-USDT, margin in USDT; USDT-M futures: delivery contracts BTC-USDT-240628 (BTC-USDT-CW/NW/CQ/NQ), cross margin only; coin-M swap: BTC-USD, contracts in USD, margin in the coin; coin-M futures: delivery contracts BTC240628 (BTC_CW/NW/CQ/NQ), margin in the coin',
  },
  marginMode: {
    type: 'choice',
    choices: [...MARGIN_MODES],
    default: 'isolated',
    label: 'Margin mode',
    help: 'USDT-M only: isolated (one margin account per contract) or cross (one USDT account, swap_cross_* calls); USDT-M futures need cross',
  },
  leverRate: {
    type: 'integer',
    default: 5,
    min: 1,
    max: 200,
    label: 'Leverage',
    help: 'lever_rate sent with every order; must match the contract’s leverage on HTX',
  },
  openInterestMs: {
    type: 'integer',
    default: 10_000,
    min: 0,
    max: 600_000,
    label: 'Open interest poll (ms)',
    help: 'how often open interest is read over REST for the subscribed contracts (at least 1000); 0: never',
  },
  proxyHost: SPOT_SETTING.proxyHost!,
  proxyPort: SPOT_SETTING.proxyPort!,
  restUrl: { type: 'string', default: '', label: 'REST URL', help: 'empty: https://<host>' },
  marketUrl: {
    type: 'string',
    default: '',
    label: 'Market WebSocket URL',
    help: 'empty: wss://<host>/linear-swap-ws (USDT-M swaps and futures), /swap-ws (coin-M swap) or /ws (coin-M futures)',
  },
  notifyUrl: {
    type: 'string',
    default: '',
    label: 'Notification WebSocket URL',
    help: 'empty: wss://<host>/linear-swap-notification (USDT-M swaps and futures), /swap-notification (coin-M swap) or /notification (coin-M futures)',
  },
  silenceMs: SPOT_SETTING.silenceMs!,
};

export class HbdmGateway extends HbdmSwapGateway {
  static override readonly defaultName = 'HBDM';
  static override readonly defaultSetting: SettingSchema = HBDM_SETTING;
  static override readonly exchanges: readonly Exchange[] = [Exchange.HUOBI];
  static override readonly capabilities: GatewayCapabilities = {
    // STOP: a trigger order at the order's price, placing an optimal_5 order when reached.
    orderTypes: [
      OrderType.LIMIT,
      OrderType.MARKET,
      OrderType.POSTONLY,
      OrderType.FAK,
      OrderType.FOK,
      OrderType.STOP,
    ],
    history: true,
    offsets: true,
  };
}
