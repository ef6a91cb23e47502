// One TCP connection to TWS or IB Gateway: the "API\0" handshake, server-version negotiation, START_API,
// then a stream of decoded messages. Outgoing messages pass through the pacer. It does not reconnect; the
// gateway owns that decision.
import net from 'node:net';
import { encodeHandshake, encodeMessage, FrameDecoder, type Field } from './codec.js';
import { decodeServerMessage, type ServerMessage } from './incoming.js';
import { startApi } from './outgoing.js';
import { Pacer } from './pacer.js';
import { MAX_CLIENT_VERSION, MIN_CLIENT_VERSION } from './protocol.js';

export interface TwsClientOptions {
  host: string;
  port: number;
  clientId: number;
  /** Gives up on an unanswered TCP connect or handshake after this long. */
  connectTimeoutMs?: number;
  /** Sustained messages per second (TWS allows 50; the default leaves room for bunching on the way). */
  maxMessagesPerSecond?: number;
}

export interface TwsClientHandlers {
  message(msg: ServerMessage): void;
  /** The link is gone (after a successful connect): reason is human-readable. */
  closed(reason: string): void;
  /** A whole frame whose fields did not decode; it is skipped and the stream goes on. */
  malformed?(reason: string): void;
}

export class TwsClient {
  private socket: net.Socket | undefined;
  private readonly decoder = new FrameDecoder();
  private readonly pacer: Pacer<Buffer>;
  private version = 0;
  private connTime = '';
  private connAt = 0;
  private open = false;
  /** Fails a connect() still in progress (close() during the handshake). */
  private abort: ((reason: string) => void) | undefined;

  constructor(
    private readonly options: TwsClientOptions,
    private readonly handlers: TwsClientHandlers,
  ) {
    this.pacer = new Pacer((buf) => this.socket?.write(buf), options.maxMessagesPerSecond ?? 40);
  }

  /** The negotiated server version (0 before the handshake). */
  get serverVersion(): number {
    return this.version;
  }

  get connectionTime(): string {
    return this.connTime;
  }

  /** When the handshake answer arrived (epoch ms), to read TWS's clock offset from the connection time. */
  get connectedAt(): number {
    return this.connAt;
  }

  get isOpen(): boolean {
    return this.open;
  }

  /**
   * Connects and completes the handshake; resolves once START_API is sent. Messages that follow (managed
   * accounts, nextValidId, farm notices) arrive through the message handler.
   */
  connect(): Promise<void> {
    const { host, port, clientId } = this.options;
    const where = `${host}:${port}`;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      this.socket = socket;
      socket.setNoDelay(true);
      let handshaken = false;
      const fail = (reason: string): void => {
        this.abort = undefined;
        clearTimeout(timer);
        socket.destroy();
        if (this.socket === socket) this.socket = undefined;
        reject(new Error(reason));
      };
      this.abort = fail;
      const timer = setTimeout(
        () => fail(`TWS at ${where} did not complete the API handshake (is the API enabled?)`),
        this.options.connectTimeoutMs ?? 10_000,
      );
      socket.once('connect', () => socket.write(encodeHandshake(MIN_CLIENT_VERSION, MAX_CLIENT_VERSION)));
      socket.on('data', (chunk) => {
        this.decoder.push(chunk);
        try {
          if (!handshaken) {
            const hello = this.decoder.next();
            if (!hello) return;
            const version = Number(hello[0]);
            if (!Number.isInteger(version) || hello.length < 2) {
              fail(`TWS at ${where} answered the handshake with something else ("${hello.join('|')}")`);
              return;
            }
            if (version < MIN_CLIENT_VERSION) {
              fail(
                `TWS at ${where} speaks server version ${version}; vnt needs ${MIN_CLIENT_VERSION} or later ` +
                  `(IB's floor for the length-prefixed API, MIN_CLIENT_VER): update TWS or IB Gateway`,
              );
              return;
            }
            if (version > MAX_CLIENT_VERSION) {
              fail(
                `TWS at ${where} chose server version ${version}, above the ${MIN_CLIENT_VERSION}..` +
                  `${MAX_CLIENT_VERSION} vnt offered (not a TWS that follows the handshake)`,
              );
              return;
            }
            handshaken = true;
            this.version = version;
            this.connTime = hello[1] ?? '';
            this.connAt = Date.now();
            this.open = true;
            this.abort = undefined;
            clearTimeout(timer);
            socket.write(encodeMessage(startApi(clientId)));
            resolve();
          }
          this.drain();
        } catch (error) {
          // A frame that cannot be parsed leaves the stream unframed: nothing after it can be trusted.
          const reason = `protocol error from TWS: ${(error as Error).message}`;
          if (!handshaken) fail(reason);
          else this.drop(reason);
        }
      });
      socket.on('error', (error: NodeJS.ErrnoException) => {
        if (!handshaken) {
          fail(
            error.code === 'ECONNREFUSED'
              ? `TWS is not reachable at ${where} (connection refused: is TWS or IB Gateway running with the API enabled on this port?)`
              : `cannot connect to TWS at ${where}: ${error.message}`,
          );
        }
      });
      socket.on('close', () => {
        if (!handshaken) {
          fail(
            `TWS at ${where} closed the connection during the handshake (a TWS that cannot speak any of ` +
              `server versions ${MIN_CLIENT_VERSION}..${MAX_CLIENT_VERSION}, or a peer that is not TWS)`,
          );
          return;
        }
        this.drop('TWS closed the connection');
      });
    });
  }

  /** Queues one message; dropped silently when the link is down (the gateway re-issues after reconnect). */
  send(fields: readonly Field[]): void {
    if (!this.open) return;
    this.pacer.send(encodeMessage(fields));
  }

  /** Closes the link without reporting it as a failure. */
  close(): void {
    this.abort?.('connection closed by the client');
    this.open = false;
    this.pacer.clear();
    const s = this.socket;
    this.socket = undefined;
    s?.removeAllListeners('close');
    s?.destroy();
  }

  private drain(): void {
    for (let fields = this.decoder.next(); fields; fields = this.decoder.next()) {
      if (fields.length === 0) continue;
      let msg: ServerMessage;
      try {
        msg = decodeServerMessage(fields, this.version);
      } catch (error) {
        // The frame length kept the stream aligned: only this message is lost.
        const head = fields.slice(0, 4).join('|').slice(0, 80);
        this.handlers.malformed?.(`${(error as Error).message} (message ${head}|...)`);
        continue;
      }
      this.handlers.message(msg);
      if (!this.open) return;
    }
  }

  private drop(reason: string): void {
    if (!this.open) return;
    this.open = false;
    this.pacer.clear();
    this.socket?.destroy();
    this.socket = undefined;
    this.handlers.closed(reason);
  }
}
