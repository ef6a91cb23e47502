// TORA (华鑫奇点) stock gateway: SSE and SZSE stocks, funds and bonds through Huaxin's TORA trader API and
// its Level-1 market data API (XMd). The vendor libraries are the user's own (paths in the setting); they run
// in a native host process (bindings/native/host) through the koffi binding in bindings/tora, whose release
// tables decide how to call them. Every vendor call is bounded: a library that hangs or crashes ends its
// host, not the console, and the gateway says what the library did.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Exchange, OrderType } from '../../src/core/constant.js';
import { BaseGateway, type GatewayCapabilities } from '../../src/core/gateway.js';
import type { CancelRequest, OrderRequest, SubscribeRequest } from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';
import type { RspInfo, SpiEvent } from '../../bindings/tora/protocol.js';
import { DEFAULT_LIMITS, ToraSession } from '../../bindings/tora/session.js';
import { SUPPORTED_MD_VERSIONS, SUPPORTED_VERSIONS } from '../../bindings/tora/versions.js';
import { NativeHost } from '../common/native-host.js';
import { ToraMdClient } from './md.js';
import { errorText, TORA_EXCHANGES } from './parse.js';
import type { GatewayPushes } from './pushes.js';
import { ToraTdClient } from './td.js';

/** TORA_TSTP_LACT_* codes by the names the form offers. */
const ACCOUNT_TYPES: Record<string, string> = { user_id: '0', fund_account: '1' };

export class ToraGateway extends BaseGateway {
  static override readonly defaultName = 'TORA';
  static override readonly defaultSetting: SettingSchema = {
    account: { type: 'string', default: '', label: '账号 (account)' },
    password: { type: 'secret', default: '', label: '密码 (password)' },
    td_address: { type: 'string', default: '', label: '交易服务器 (trade server)', help: 'tcp://host:port' },
    md_address: {
      type: 'string',
      default: '',
      label: '行情服务器 (quote server)',
      help: 'tcp://host:port (Level-1 XMd front)',
    },
    account_type: {
      type: 'choice',
      choices: Object.keys(ACCOUNT_TYPES),
      default: 'user_id',
      label: '账号类型 (login account type)',
    },
    department_id: {
      type: 'string',
      default: '',
      label: '营业部代码 (department id)',
      help: 'if your broker needs it',
    },
    product_info: { type: 'string', default: '', label: '产品标识 (product info)' },
    dynamic_password: { type: 'secret', default: '', label: '动态密钥 (dynamic password)' },
    terminal_info: {
      type: 'string',
      default: '',
      label: '终端信息 (terminal info)',
      help: 'the collected terminal info string your broker registered, if any',
    },
    td_library: {
      type: 'string',
      default: '',
      label: 'trader library',
      help: `path to your SDK's libtraderapi.so (TORA ${SUPPORTED_VERSIONS.join(', ')})`,
    },
    md_library: {
      type: 'string',
      default: '',
      label: 'market data library',
      help: `path to libxmdapi.so (XMd ${SUPPORTED_MD_VERSIONS.join(', ')})`,
    },
    flow_dir: {
      type: 'string',
      default: '',
      label: 'flow file folder',
      help: 'empty: a folder under the temp dir',
    },
    query_interval_ms: { type: 'integer', default: 200, min: 0, max: 60_000, label: 'query spacing (ms)' },
    connect_timeout_s: {
      type: 'integer',
      default: 60,
      min: 1,
      max: 3600,
      label: 'connect limit (s)',
      help: 'login and first sync must complete within this',
    },
    call_timeout_s: {
      type: 'integer',
      default: DEFAULT_LIMITS.callTimeoutMs / 1000,
      min: 1,
      max: 600,
      label: 'vendor call limit (s)',
      help: 'a library call (Init, a request, Release) that takes longer ends the session',
    },
  };
  static override readonly exchanges: readonly Exchange[] = TORA_EXCHANGES;
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: [OrderType.LIMIT, OrderType.MARKET],
    history: false,
    offsets: false,
  };

  private td: ToraTdClient | undefined;
  private md: ToraMdClient | undefined;
  /** The host session's life; its dispatch routes events as the session delivers them (the fuzz test's hook). */
  protected readonly host = new NativeHost<ToraSession, SpiEvent>({
    sdk: () => 'TORA',
    log: (msg, level) => this.writeLog(msg, level),
    setStatus: (status, message) => this.setStatus(status, message),
    closeClients: () => this.closeClients(),
    name: () => this.gatewayName,
  });

  async connect(setting: GatewaySetting): Promise<void> {
    if (this.host.session) throw new Error(`${this.gatewayName} is already connected; close it first`);
    const s = (k: string) => String(setting[k] ?? '').trim();
    for (const key of ['account', 'td_address', 'md_address', 'td_library', 'md_library']) {
      if (!s(key)) throw new Error(`TORA setting "${key}" is empty`);
    }
    for (const key of ['td_library', 'md_library']) {
      if (!fs.existsSync(s(key))) throw new Error(`TORA setting "${key}": no file at ${s(key)}`);
    }
    const accountType = ACCOUNT_TYPES[s('account_type') || 'user_id'];
    if (!accountType)
      throw new Error(`TORA setting "account_type" must be one of ${Object.keys(ACCOUNT_TYPES).join(', ')}`);
    const front = (a: string) => (/^(tcp|udp):\/\//.test(a) ? a : `tcp://${a}`);
    const flowDir = s('flow_dir') || fs.mkdtempSync(path.join(os.tmpdir(), `vnt-tora-${this.gatewayName}-`));
    const connectLimitMs = Number(setting.connect_timeout_s ?? 60) * 1000;
    const callTimeoutMs = Number(setting.call_timeout_s ?? DEFAULT_LIMITS.callTimeoutMs / 1000) * 1000;

    const callbacks = this.host.callbacks((e) => {
      if (e.api === 'td') this.td?.handle(e);
      else this.md?.handle(e);
    });
    const session = new ToraSession(callbacks, { callTimeoutMs, exitGraceMs: DEFAULT_LIMITS.exitGraceMs });
    const synced = this.host.begin(session, connectLimitMs);
    const pushes = this.pushes();
    const password = String(setting.password ?? '');
    this.td = new ToraTdClient(
      session,
      {
        account: s('account'),
        password,
        accountType,
        departmentId: s('department_id'),
        productInfo: s('product_info'),
        terminalInfo: s('terminal_info'),
        dynamicPassword: String(setting.dynamic_password ?? ''),
        queryIntervalMs: Number(setting.query_interval_ms ?? 200),
      },
      pushes,
    );
    this.md = new ToraMdClient(
      session,
      { account: s('account'), password, accountType },
      this.td.contracts,
      pushes,
    );
    try {
      const opened = await session.open({
        traderLibrary: path.resolve(s('td_library')),
        mdLibrary: path.resolve(s('md_library')),
        flowDir,
        tdFront: front(s('td_address')),
        mdFront: front(s('md_address')),
      });
      this.writeLog(
        `TORA trader API ${opened.versionText} loaded (binding for ${opened.version}); XMd API ` +
          `${opened.mdVersionText} (binding for ${opened.mdVersion}); host process ${session.pid}`,
      );
    } catch (e) {
      this.host.failConnect((e as Error).message);
    }
    return synced;
  }

  private pushes(): GatewayPushes {
    return {
      gatewayName: this.gatewayName,
      tick: (t) => this.onTick(t),
      order: (o) => this.onOrder(o),
      trade: (t) => this.onTrade(t),
      position: (p) => this.onPosition(p),
      account: (a) => this.onAccount(a),
      contract: (c) => this.onContract(c),
      log: (msg, level) => this.writeLog(msg, level),
      failed: (step, info) => this.loginStepFailed(step, info),
      linkChanged: () => this.linkChanged(),
    };
  }

  private loginStepFailed(step: string, info: RspInfo): void {
    this.host.stepFailed(`${step}: ${errorText(info)}`);
  }

  private linkChanged(): void {
    const up = !!this.td?.loggedIn && !!this.td.synced && !!this.md?.loggedIn;
    if (up) this.host.up();
    else this.host.down();
  }

  subscribe(req: SubscribeRequest): void {
    this.host.client(this.md, `subscribe ${req.symbol}`)?.subscribe(req.symbol, req.exchange);
  }

  sendOrder(req: OrderRequest): string {
    if (!this.td) throw new Error(`${this.gatewayName} is not connected`);
    return this.td.sendOrder(req);
  }

  cancelOrder(req: CancelRequest): void {
    this.host.client(this.td, `cancel ${req.orderid}`)?.cancelOrder(req);
  }

  override queryAccount(): void {
    this.td?.queryAccount();
  }

  override queryPosition(): void {
    this.td?.queryPosition();
  }

  private closeClients(): void {
    this.td?.close();
    this.md?.close();
    this.td = undefined;
    this.md = undefined;
  }

  async close(): Promise<void> {
    await this.host.close();
  }
}
