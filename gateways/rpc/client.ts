// The RPC gateway's link to its server: the first connect reports failure to the caller; after that a lost
// link is retried with exponential backoff (and jitter, so many clients do not return in lockstep) until
// close(). Each successful (re)connect runs the gateway's sync before the link counts as up.
import { errorMessage } from '../../src/core/errors.js';
import { RpcClient, type RpcClientOptions } from '../../src/rpc/client.js';
import type { EventMessage } from '../../src/rpc/protocol.js';

export interface LinkHooks {
  onEvent(message: EventMessage): void;
  onProtocolError(reason: string): void;
  /** Pulls snapshots and replays subscriptions; a rejection drops the link and retries. */
  onConnected(client: RpcClient, reconnect: boolean): Promise<void>;
  onDisconnected(reason: string): void;
  onRetryFailed(reason: string, nextDelayMs: number): void;
}

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5000;

export class RpcLink {
  private current: RpcClient | undefined;
  private closing = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | undefined;
  private connectedOnce = false;

  constructor(
    private readonly options: RpcClientOptions,
    private readonly hooks: LinkHooks,
  ) {}

  /** The open connection (also while it syncs); undefined while down. */
  get client(): RpcClient | undefined {
    return this.current;
  }

  /** First connection; rejects with the reason if it fails (no retries until one succeeded). */
  async open(): Promise<void> {
    await this.connectOnce();
  }

  close(): void {
    this.closing = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    const c = this.current;
    this.current = undefined;
    c?.close();
  }

  private async connectOnce(): Promise<void> {
    let up = false;
    const client = await RpcClient.connect(this.options, {
      onEvent: (m) => this.hooks.onEvent(m),
      onProtocolError: (reason) => this.hooks.onProtocolError(reason),
      onClose: (_code, reason) => {
        if (this.current === client) this.current = undefined;
        if (up) this.lost(reason);
      },
    });
    if (this.closing) {
      client.close();
      throw new Error('link closed while connecting');
    }
    // Usable during the sync too: a cancel held for an order resolved by the sync must go out on it.
    this.current = client;
    try {
      await this.hooks.onConnected(client, this.connectedOnce);
      if (this.closing || !client.isOpen) throw new Error('link closed while syncing');
    } catch (error) {
      if (this.current === client) this.current = undefined;
      client.close();
      throw error;
    }
    up = true;
    this.connectedOnce = true;
  }

  private lost(reason: string): void {
    if (this.closing) return;
    this.hooks.onDisconnected(reason);
    this.schedule();
  }

  private schedule(): void {
    if (this.closing || this.retry) return;
    const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** this.attempt);
    const delay = Math.round(base * (0.5 + Math.random() / 2));
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.connectOnce().then(
        () => {
          this.attempt = 0;
        },
        (error: unknown) => {
          if (this.closing) return;
          this.attempt += 1;
          const next = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** this.attempt);
          this.hooks.onRetryFailed(errorMessage(error), next);
          this.schedule();
        },
      );
    }, delay);
  }
}
