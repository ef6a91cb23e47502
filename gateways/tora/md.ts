// The Level-1 market data side of a TORA session (XMd): login on every front connection, then (re)subscribe
// everything asked for so far, per exchange; market data becomes TickData with five levels.
import { LogLevel, type Exchange } from '../../src/core/constant.js';
import { makeVtSymbol, type ContractData } from '../../src/core/object.js';
import type { SpiEvent } from '../../bindings/tora/protocol.js';
import type { ToraSession } from '../../bindings/tora/session.js';
import type { GatewayPushes } from './pushes.js';
import { errorText, EXCHANGE_TO_TORA, exchangeOf, isError, parseTick } from './parse.js';

export class ToraMdClient {
  loggedIn = false;
  /** Subscriptions by TORA exchange code. */
  private readonly symbols = new Map<string, Set<string>>();
  private reqId = 0;

  constructor(
    private readonly session: ToraSession,
    private readonly login: { account: string; password: string; accountType: string },
    private readonly contracts: ReadonlyMap<string, ContractData>,
    private readonly push: GatewayPushes,
  ) {}

  handle(e: SpiEvent): void {
    switch (e.name) {
      case 'OnFrontConnected':
        this.push.log('TORA market data front connected');
        void this.session
          .mdLogin(
            {
              LogInAccount: this.login.account,
              LogInAccountType: this.login.accountType,
              Password: this.login.password,
            },
            ++this.reqId,
          )
          .then(
            (code) => code !== 0 && this.push.log(`TORA market data login not sent (code ${code})`),
            (err: Error) =>
              this.push.log(`TORA market data login not sent: ${err.message}`, LogLevel.WARNING),
          );
        break;
      case 'OnFrontDisconnected':
        this.loggedIn = false;
        this.push.log(
          `TORA market data front disconnected (reason 0x${e.reason.toString(16)})`,
          LogLevel.WARNING,
        );
        this.push.linkChanged();
        break;
      case 'OnRspUserLogin':
        if (isError(e.info)) return this.push.failed('TORA market data login failed', e.info);
        this.loggedIn = true;
        this.push.log('TORA market data login');
        for (const [exchange, set] of this.symbols) this.send([...set], exchange);
        this.push.linkChanged();
        break;
      case 'OnRspSubMarketData':
        if (isError(e.info))
          this.push.log(
            `TORA subscription of ${String(e.data?.SecurityID ?? '?')} failed: ${errorText(e.info)}`,
            LogLevel.WARNING,
          );
        break;
      case 'OnRtnMarketData': {
        const r = e.data;
        const exchange = r ? exchangeOf(String(r.ExchangeID)) : null;
        if (!r || !exchange) return;
        const contract = this.contracts.get(makeVtSymbol(String(r.SecurityID), exchange));
        this.push.tick(parseTick(r, this.push.gatewayName, exchange, contract?.name ?? ''));
        break;
      }
    }
  }

  subscribe(symbol: string, exchange: Exchange): void {
    const code = EXCHANGE_TO_TORA[exchange];
    if (!code) {
      this.push.log(`cannot subscribe ${symbol}.${exchange}: TORA serves SSE and SZSE`, LogLevel.WARNING);
      return;
    }
    let set = this.symbols.get(code);
    if (!set) this.symbols.set(code, (set = new Set()));
    if (set.has(symbol)) return;
    set.add(symbol);
    if (this.loggedIn) this.send([symbol], code);
  }

  private send(symbols: string[], exchange: string): void {
    if (!symbols.length) return;
    void this.session.subscribe({ symbols, exchange }).then(
      (code) => code !== 0 && this.push.log(`TORA subscription not sent (code ${code})`, LogLevel.WARNING),
      (e: Error) =>
        this.push.log(`TORA subscription of ${symbols.join(', ')} not sent: ${e.message}`, LogLevel.WARNING),
    );
  }

  close(): void {
    this.loggedIn = false;
  }
}
