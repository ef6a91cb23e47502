// The market data side of a CTP (or FEMAS) session: login on every front connection, then (re)subscribe everything
// asked for so far; depth market data becomes TickData.
import { LogLevel } from '../../src/core/constant.js';
import type { ContractData } from '../../src/core/object.js';
import type { FtdcEvent } from '../../bindings/native/ftdc.js';
import type { CtpRecord } from '../../bindings/ctp/structs.js';
import { errorText, exchangeOf, isError, parseTick } from './parse.js';
import type { GatewayPushes } from './pushes.js';

/** What the client needs of a session: CTP's and FEMAS's md APIs share the login struct's and calls' names. */
export interface MdSession {
  request(
    api: 'md',
    method: 'ReqUserLogin',
    struct: 'ReqUserLogin',
    fields: CtpRecord,
    requestId: number,
  ): Promise<number>;
  subscribe(symbols: string[]): Promise<number>;
}

export class CtpMdClient {
  loggedIn = false;
  private readonly symbols = new Set<string>();
  private reqId = 0;

  constructor(
    private readonly session: MdSession,
    private readonly login: { userid: string; password: string; brokerid: string },
    private readonly contracts: ReadonlyMap<string, ContractData>,
    private readonly push: GatewayPushes,
  ) {}

  handle(e: FtdcEvent): void {
    switch (e.name) {
      case 'OnFrontConnected':
        this.push.log('CTP market data front connected');
        void this.session
          .request(
            'md',
            'ReqUserLogin',
            'ReqUserLogin',
            { BrokerID: this.login.brokerid, UserID: this.login.userid, Password: this.login.password },
            ++this.reqId,
          )
          .then(
            (code) => code !== 0 && this.push.log(`CTP market data login not sent (code ${code})`),
            (err: Error) => this.push.log(`CTP market data login not sent: ${err.message}`, LogLevel.WARNING),
          );
        break;
      case 'OnFrontDisconnected':
        this.loggedIn = false;
        this.push.log(
          `CTP market data front disconnected (reason 0x${e.reason.toString(16)})`,
          LogLevel.WARNING,
        );
        this.push.linkChanged();
        break;
      case 'OnRspUserLogin':
        if (isError(e.info)) return this.push.failed('CTP market data login failed', e.info);
        this.loggedIn = true;
        this.push.log('CTP market data login');
        if (this.symbols.size) this.send([...this.symbols]);
        this.push.linkChanged();
        break;
      case 'OnRspSubMarketData':
        if (isError(e.info)) {
          this.push.log(
            `CTP subscription of ${e.data?.InstrumentID ?? '?'} failed: ${errorText(e.info)}`,
            LogLevel.WARNING,
          );
        }
        break;
      case 'OnRspError':
        if (e.info) this.push.log(`CTP market data error: ${errorText(e.info)}`, LogLevel.ERROR);
        break;
      case 'OnRtnDepthMarketData': {
        const r = e.data;
        if (!r) return;
        const contract = this.contracts.get(String(r.InstrumentID));
        // The md front often leaves ExchangeID empty: the contract list says where a symbol trades.
        const exchange = contract?.exchange ?? exchangeOf(String(r.ExchangeID));
        if (!exchange) return;
        this.push.tick(parseTick(r, this.push.gatewayName, exchange, contract?.name ?? ''));
        break;
      }
    }
  }

  subscribe(symbol: string): void {
    if (this.symbols.has(symbol)) return;
    this.symbols.add(symbol);
    if (this.loggedIn) this.send([symbol]);
  }

  private send(symbols: string[]): void {
    void this.session.subscribe(symbols).then(
      (code) => code !== 0 && this.push.log(`CTP subscription not sent (code ${code})`, LogLevel.WARNING),
      (e: Error) =>
        this.push.log(`CTP subscription of ${symbols.join(', ')} not sent: ${e.message}`, LogLevel.WARNING),
    );
  }

  close(): void {
    this.loggedIn = false;
  }
}
