// 1Token's tick stream: `${ws}/tick`, `{"uri":"auth"}` first, then one subscribe-single-tick-verbose per
// contract. A connection carries at most 50 contracts, so more subscriptions open more connections; each
// keeps its own subscriptions across reconnects (WsClient restores them). 1Token closes a link that sends
// nothing for 30 s, so each link sends `{"uri":"ping"}` every pingMs.
import { LogLevel } from '../../src/core/constant.js';
import { VntError } from '../../src/core/errors.js';
import type { ProxyAddress } from '../common/proxy-agent.js';
import { WsClient } from '../common/ws-client.js';
import { tickProblem } from './shape.js';
import type { OtTick } from './types.js';

export const CONTRACTS_PER_LINK = 50;

export interface MarketDataOptions {
  name: string;
  url: string;
  proxy?: ProxyAddress;
  pingMs: number;
  silenceMs: number;
  onTick: (tick: OtTick) => void;
  onStatus: (up: boolean, reason: string) => void;
  log: (msg: string, level: LogLevel) => void;
}

interface Link {
  client: WsClient;
  ping: NodeJS.Timeout;
  authed: (() => void) | undefined;
}

export class MarketData {
  private readonly links: Link[] = [];
  private readonly warned = new Set<string>();
  private closed = false;

  constructor(private readonly o: MarketDataOptions) {}

  /** Opens the first link, so that connect() fails early when the tick stream cannot be reached. */
  async start(): Promise<void> {
    await this.open();
  }

  get linkCount(): number {
    return this.links.length;
  }

  subscribe(contractId: string): void {
    if (this.links.some((l) => l.client.subscriptions.has(contractId))) return;
    const link = this.links.find((l) => l.client.subscriptions.size < CONTRACTS_PER_LINK);
    if (link) {
      link.client.subscribe([contractId]);
      return;
    }
    this.open()
      .then((l) => l.client.subscribe([contractId]))
      .catch((error: unknown) =>
        this.o.log(`${this.o.name}: cannot open another tick link: ${String(error)}`, LogLevel.ERROR),
      );
  }

  async close(): Promise<void> {
    this.closed = true;
    const links = this.links.splice(0);
    for (const l of links) clearInterval(l.ping);
    await Promise.all(links.map((l) => l.client.close()));
  }

  private async open(): Promise<Link> {
    if (this.closed) throw new VntError(`${this.o.name} is closed`);
    const index = this.links.length + 1;
    const link: Link = {
      client: undefined as unknown as WsClient,
      ping: undefined as unknown as NodeJS.Timeout,
      authed: undefined,
    };
    link.client = new WsClient({
      name: `${this.o.name} ticks #${index}`,
      url: () => this.o.url,
      silenceMs: this.o.silenceMs,
      ...(this.o.proxy ? { proxy: this.o.proxy } : {}),
      subscribeMessage: (topics) =>
        JSON.stringify({ uri: 'subscribe-single-tick-verbose', contract: topics[0] }),
      maxTopicsPerMessage: 1,
      onOpen: (client) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            link.authed = undefined;
            reject(new VntError(`${this.o.name}: the tick stream did not answer {"uri":"auth"}`));
          }, this.o.silenceMs);
          link.authed = () => {
            clearTimeout(timer);
            link.authed = undefined;
            resolve();
          };
          client.send(JSON.stringify({ uri: 'auth' }));
        }),
      onMessage: (text) => this.onMessage(link, text),
      onStatus: (up, reason) => this.o.onStatus(up, reason),
      log: this.o.log,
    });
    link.ping = setInterval(() => link.client.send('{"uri":"ping"}'), this.o.pingMs);
    this.links.push(link);
    try {
      await link.client.start();
    } catch (error) {
      clearInterval(link.ping);
      this.links.splice(this.links.indexOf(link), 1);
      await link.client.close();
      throw error;
    }
    return link;
  }

  /** Handles a tick-stream frame as if 1Token had sent it (benchmarks replay recorded frames through this). */
  replay(text: string): void {
    this.onMessage(undefined, text);
  }

  private onMessage(link: Link | undefined, text: string): void {
    const msg = JSON.parse(text) as {
      uri?: unknown;
      data?: unknown;
      code?: unknown;
      message?: unknown;
      contract?: unknown;
    };
    switch (msg.uri) {
      case 'single-tick-verbose': {
        const problem = tickProblem(msg.data);
        if (problem) return this.warnOnce(problem, text);
        this.o.onTick(msg.data as OtTick);
        return;
      }
      case 'auth':
        link?.authed?.();
        return;
      case 'pong':
        return;
      case 'subscribe-single-tick-verbose':
        if (msg.code !== 'success') {
          this.o.log(
            `${this.o.name}: subscribing ${String(msg.contract)} failed: ${text.slice(0, 200)}`,
            LogLevel.ERROR,
          );
        }
        return;
      case 'status':
        // rate-limit-exceed: 1Token closes the link next; WsClient reconnects with backoff.
        this.o.log(
          `${this.o.name}: tick stream status ${String(msg.code)} ${String(msg.message ?? '')}`,
          LogLevel.WARNING,
        );
        return;
      default:
        return;
    }
  }

  private warnOnce(problem: string, text: string): void {
    if (this.warned.has(problem)) return;
    this.warned.add(problem);
    this.o.log(`${this.o.name}: ignored a tick (${problem}): ${text.slice(0, 120)}`, LogLevel.WARNING);
  }
}
