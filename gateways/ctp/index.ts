// CTP (SFIT) futures gateway. The vendor libraries are the user's own (paths in the setting); they run in a
// native host process (bindings/native/host) through the koffi binding in bindings/ctp, whose version tables
// decide how to call them. Every vendor call is bounded: a library that hangs or crashes ends its host, not
// the console, and the gateway says what the library did.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Exchange, OrderType } from '../../src/core/constant.js';
import { BaseGateway, type GatewayCapabilities } from '../../src/core/gateway.js';
import type { CancelRequest, OrderRequest, SubscribeRequest } from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';
import type { RspInfo } from '../../bindings/ctp/protocol.js';
import type { FtdcEvent } from '../../bindings/native/ftdc.js';
import { FAMILIES, type CtpFamilyName } from '../../bindings/ctp/family.js';
import { CtpSession, DEFAULT_LIMITS } from '../../bindings/ctp/session.js';
import { SUPPORTED_MD_VERSIONS, SUPPORTED_VERSIONS } from '../../bindings/ctp/versions.js';
import { NativeHost } from '../common/native-host.js';
import { CtpMdClient } from './md.js';
import { CTP_EXCHANGES, errorText } from './parse.js';
import type { GatewayPushes, LinkOptions, NativeLink, NativeMd, NativeTd } from './pushes.js';
import { CtpTdClient } from './td.js';

export class CtpGateway extends BaseGateway {
  static override readonly defaultName: string = 'CTP';
  static override readonly defaultSetting: SettingSchema = {
    username: { type: 'string', default: '', label: '用户名 (user id)' },
    password: { type: 'secret', default: '', label: '密码 (password)' },
    brokerid: { type: 'string', default: '', label: '经纪商代码 (broker id)' },
    td_address: { type: 'string', default: '', label: '交易服务器 (trading front)', help: 'tcp://host:port' },
    md_address: {
      type: 'string',
      default: '',
      label: '行情服务器 (market data front)',
      help: 'tcp://host:port',
    },
    product_info: { type: 'string', default: '', label: '产品名称 (app id)' },
    auth_code: { type: 'secret', default: '', label: '授权编码 (auth code)' },
    td_library: {
      type: 'string',
      default: '',
      label: 'trader library',
      help: `path to your SDK's thosttraderapi_se.so (CTP ${SUPPORTED_VERSIONS.join(', ')})`,
    },
    md_library: {
      type: 'string',
      default: '',
      label: 'market data library',
      help: `path to thostmduserapi_se.so (CTP ${SUPPORTED_MD_VERSIONS.join(', ')})`,
    },
    flow_dir: {
      type: 'string',
      default: '',
      label: 'flow file folder',
      help: 'empty: a folder under the temp dir',
    },
    query_interval_ms: { type: 'integer', default: 1000, min: 0, max: 60_000, label: 'query spacing (ms)' },
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
  static override readonly exchanges: readonly Exchange[] = CTP_EXCHANGES;
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: [OrderType.LIMIT, OrderType.MARKET, OrderType.FAK, OrderType.FOK],
    history: false,
    offsets: true,
  };

  /** Which SDK's version tables apply: the MINI gateway is this class with the Mini family. */
  protected readonly family: CtpFamilyName = 'ctp';
  /** The setting keys of the user id and the app id (VN Trader's names differ between its gateways). */
  protected readonly settingNames: { user: string; appid: string } = {
    user: 'username',
    appid: 'product_info',
  };
  /** How messages name the SDK. */
  protected get sdk(): string {
    return FAMILIES[this.family].sdk;
  }
  private td: NativeTd | undefined;
  private md: NativeMd | undefined;
  /** The host session's life; its dispatch routes events as the session delivers them (the fuzz test's hook). */
  protected readonly host = new NativeHost<NativeLink['session'], FtdcEvent>({
    sdk: () => this.sdk,
    log: (msg, level) => this.writeLog(msg, level),
    setStatus: (status, message) => this.setStatus(status, message),
    name: () => this.gatewayName,
    closeClients: () => {
      this.td?.close();
      this.md?.close();
      this.td = undefined;
      this.md = undefined;
    },
  });

  async connect(setting: GatewaySetting): Promise<void> {
    if (this.host.session) throw new Error(`${this.gatewayName} is already connected; close it first`);
    const s = (k: string) => String(setting[k] ?? '').trim();
    const required = [
      this.settingNames.user,
      'brokerid',
      'td_address',
      'md_address',
      'td_library',
      'md_library',
    ];
    for (const key of required) {
      if (!s(key)) throw new Error(`${this.sdk} setting "${key}" is empty`);
    }
    for (const key of ['td_library', 'md_library']) {
      if (!fs.existsSync(s(key))) throw new Error(`${this.sdk} setting "${key}": no file at ${s(key)}`);
    }
    const front = (a: string) => (/^(tcp|ssl|socks\d?):\/\//.test(a) ? a : `tcp://${a}`);
    const flowDir =
      s('flow_dir') ||
      fs.mkdtempSync(
        path.join(os.tmpdir(), `vnt-${this.sdk.replace(/\W+/g, '').toLowerCase()}-${this.gatewayName}-`),
      );

    const connectLimitMs = Number(setting.connect_timeout_s ?? 60) * 1000;
    const callTimeoutMs = Number(setting.call_timeout_s ?? DEFAULT_LIMITS.callTimeoutMs / 1000) * 1000;

    const names = this.settingNames;
    // The host's end is reported only after openLink has returned.
    const link: NativeLink = this.openLink({
      credentials: {
        userid: s(names.user),
        password: String(setting.password ?? ''),
        brokerid: s('brokerid'),
        appid: s(names.appid),
        authCode: String(setting.auth_code ?? ''),
      },
      queryIntervalMs: Number(setting.query_interval_ms ?? 1000),
      callbacks: this.host.callbacks((e) => {
        if (e.api === 'td') this.td?.handle(e);
        else this.md?.handle(e);
      }),
      limits: { callTimeoutMs, exitGraceMs: DEFAULT_LIMITS.exitGraceMs },
      pushes: this.pushes(),
      traderLibrary: path.resolve(s('td_library')),
      mdLibrary: path.resolve(s('md_library')),
      flowDir,
      tdFront: front(s('td_address')),
      mdFront: front(s('md_address')),
    });
    this.td = link.td;
    this.md = link.md;
    const synced = this.host.begin(link.session, connectLimitMs);
    try {
      this.writeLog(`${await link.open()}; host process ${link.session.pid}`);
    } catch (e) {
      this.host.failConnect((e as Error).message);
    }
    return synced;
  }

  /**
   * Creates the session (its host not yet started) and the trading and market data clients on it; `open`
   * starts the host, loads and checks the libraries and resolves with what was loaded. FEMAS supplies its own.
   */
  protected openLink(o: LinkOptions): NativeLink {
    const session = new CtpSession(o.callbacks, o.limits);
    const td = new CtpTdClient(
      session,
      {
        ...o.credentials,
        queryIntervalMs: o.queryIntervalMs,
        settlementConfirm: FAMILIES[this.family].settlementConfirm,
      },
      o.pushes,
    );
    const { userid, password, brokerid } = o.credentials;
    const md = new CtpMdClient(session, { userid, password, brokerid }, td.contracts, o.pushes);
    const open = async () => {
      const opened = await session.open({
        traderLibrary: o.traderLibrary,
        mdLibrary: o.mdLibrary,
        flowDir: o.flowDir,
        tdFront: o.tdFront,
        mdFront: o.mdFront,
        family: this.family,
      });
      return (
        `${this.sdk} API ${opened.versionText} loaded (binding for ${opened.version}); market data API ` +
        `${opened.mdVersionText} (binding for ${opened.mdVersion})`
      );
    };
    return { session, td, md, open };
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
      log: (msg, level) => this.writeLog(this.named(msg), level),
      failed: (step, info) => this.loginStepFailed(this.named(step), info),
      linkChanged: () => this.linkChanged(),
    };
  }

  /** The shared clients say "CTP ..."; under another SDK the log names that one ("CTP Mini ...", "FEMAS ..."). */
  private named(msg: string): string {
    return this.sdk === 'CTP' ? msg : msg.replace(/^CTP /, `${this.sdk} `);
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
    this.host.client(this.md, `subscribe ${req.symbol}`)?.subscribe(req.symbol);
    this.td?.wantRates?.(req.symbol);
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

  async close(): Promise<void> {
    await this.host.close();
  }
}
