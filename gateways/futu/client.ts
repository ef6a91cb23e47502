// One TCP connection to OpenD: InitConnect, KeepAlive at the interval OpenD gives, requests answered by serialNo,
// pushes handed on. A reply with retType ≠ 0 rejects with OpenD's retMsg and errCode. A silent link (no packet
// for keepAliveInterval × 2.5) is closed, so the gateway's reconnect takes over. Given OpenD's RSA key, the link is
// encrypted: InitConnect under RSA, everything after it under the AES key InitConnect's reply names (crypto.ts).
import type { KeyObject } from 'node:crypto';
import net from 'node:net';
import { errorMessage, VntError } from '../../src/core/errors.js';
import {
  decodeBody,
  encodeBody,
  encodePacket,
  FrameDecoder,
  FramingError,
  isBad,
  type Packet,
} from './codec.js';
import { FtAesEcbCipher, PACKET_ENC_ALGO, RsaCipher, type BodyCipher } from './crypto.js';
import {
  CLIENT_VER,
  PROTO,
  PROTO_NAME,
  PUSH_PROTOS,
  QUOTE_PUSHES,
  RET_TYPE,
  type ProtoName,
} from './protocol.js';
import type { InitConnectS2C, Reply } from './types.js';

export class FutuError extends VntError {
  constructor(
    readonly proto: string,
    readonly retType: number,
    readonly retMsg: string,
    readonly errCode: number,
  ) {
    super(`${proto}: ${retMsg || 'failed'} (retType ${retType}${errCode ? `, errCode ${errCode}` : ''})`);
  }
}

export interface OpenDOptions {
  host: string;
  port: number;
  clientId: string;
  /** Give up on a request after this long (OpenD answers within seconds). */
  requestTimeoutMs?: number;
  /** OpenD's RSA private key (its rsa_private_key): the link is encrypted. */
  rsaKey?: KeyObject;
}

export interface OpenDHandlers {
  push(protoId: number, reply: Reply<unknown>): void;
  closed(reason: string): void;
  malformed(reason: string): void;
}

interface Waiting {
  proto: ProtoName;
  resolve(r: Reply<unknown>): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

export class OpenDClient {
  private socket: net.Socket | undefined;
  private readonly decoder = new FrameDecoder();
  private serial = 0;
  private readonly waiting = new Map<number, Waiting>();
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private lastReceived = 0;
  private closedReason = '';
  private readonly rsa: RsaCipher | undefined;
  private aes: BodyCipher | undefined;
  init: InitConnectS2C | undefined;
  /** OpenD's connID, for the packetID of every order request. */
  connID = '0';
  userID = '0';

  constructor(
    private readonly options: OpenDOptions,
    private readonly handlers: OpenDHandlers,
  ) {
    if (options.rsaKey) {
      const rsa = new RsaCipher(options.rsaKey);
      this.rsa = rsa;
      this.decoder.crypto = {
        cipherFor: (protoId) => (protoId === PROTO.InitConnect ? rsa : this.aes),
        plainAllowed: (protoId) => protoId === PROTO.InitConnect,
      };
    }
  }

  get encrypted(): boolean {
    return this.rsa !== undefined;
  }

  get open(): boolean {
    return this.socket !== undefined && this.closedReason === '';
  }

  /** Connects, runs InitConnect and starts KeepAlive; resolves with OpenD's InitConnect answer. */
  async connect(): Promise<InitConnectS2C> {
    const { host, port } = this.options;
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', (e) =>
        reject(new VntError(`cannot reach OpenD at ${host}:${port}: ${e.message}`)),
      );
    });
    socket.on('error', (e) => this.shutdown(`socket error: ${e.message}`));
    socket.on('close', () => this.shutdown('OpenD closed the connection'));
    socket.on('data', (chunk) => this.onData(chunk));
    let init: InitConnectS2C;
    try {
      init = await this.call<InitConnectS2C>('InitConnect', {
        clientVer: CLIENT_VER,
        clientID: this.options.clientId,
        recvNotify: true,
        packetEncAlgo: this.rsa ? PACKET_ENC_ALGO.FTAES_ECB : PACKET_ENC_ALGO.None,
        pushProtoFmt: 0,
        programmingLanguage: 'TypeScript',
      });
    } catch (error) {
      if (!this.rsa) throw error;
      throw new VntError(
        `encrypted InitConnect failed: ${errorMessage(error)} — OpenD must run with the same RSA private key ` +
          '(rsa_private_key in its configuration) as setting "rsaKeyFile"',
      );
    }
    const interval = Number(init.keepAliveInterval);
    if (!(interval > 0)) throw new VntError(`OpenD gave keepAliveInterval ${String(init.keepAliveInterval)}`);
    this.init = init;
    this.connID = String(init.connID ?? '0');
    this.userID = String(init.loginUserID ?? '0');
    this.startKeepAlive(interval * 1000);
    return init;
  }

  /** Sends a request and resolves with its s2c, or rejects with OpenD's retMsg. */
  async call<S>(proto: ProtoName, c2s: Record<string, unknown>, serialNo?: number): Promise<S> {
    const reply = await this.request<S>(proto, c2s, serialNo);
    if (reply.retType !== RET_TYPE.Succeed) {
      throw new FutuError(proto, reply.retType ?? RET_TYPE.Unknown, reply.retMsg ?? '', reply.errCode ?? 0);
    }
    return (reply.s2c ?? {}) as S;
  }

  /** The next serial number (order requests put it in their packetID before sending). */
  nextSerial(): number {
    this.serial = this.serial >= 0xffffffff ? 1 : this.serial + 1;
    return this.serial;
  }

  request<S>(
    proto: ProtoName,
    c2s: Record<string, unknown>,
    serialNo = this.nextSerial(),
  ): Promise<Reply<S>> {
    return new Promise<Reply<S>>((resolve, reject) => {
      if (!this.open) return reject(new VntError(`cannot send ${proto}: not connected to OpenD`));
      let bytes: Buffer;
      try {
        const cipher = proto === 'InitConnect' ? this.rsa : this.aes;
        bytes = encodePacket(PROTO[proto], serialNo, encodeBody(`${proto}.Request`, { c2s }), 0, cipher);
      } catch (error) {
        return reject(new VntError(`cannot encode ${proto}: ${errorMessage(error)}`));
      }
      const timer = setTimeout(() => {
        this.waiting.delete(serialNo);
        reject(new VntError(`OpenD did not answer ${proto} within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.waiting.set(serialNo, { proto, resolve: resolve as (r: Reply<unknown>) => void, reject, timer });
      this.socket!.write(bytes);
    });
  }

  close(reason = 'closed'): void {
    this.shutdown(reason);
  }

  private get timeoutMs(): number {
    return this.options.requestTimeoutMs ?? 15_000;
  }

  private startKeepAlive(intervalMs: number): void {
    this.lastReceived = Date.now();
    this.keepAliveTimer = setInterval(() => {
      if (Date.now() - this.lastReceived > intervalMs * 2.5) {
        this.shutdown(`OpenD sent nothing for ${Math.round((intervalMs * 2.5) / 1000)} s (KeepAlive missed)`);
        return;
      }
      this.request('KeepAlive', { time: Math.floor(Date.now() / 1000) }).catch(() => undefined);
    }, intervalMs);
    this.keepAliveTimer.unref?.();
  }

  private onData(chunk: Buffer): void {
    this.lastReceived = Date.now();
    this.decoder.push(chunk);
    for (;;) {
      let p;
      try {
        p = this.decoder.next();
      } catch (error) {
        const why = error instanceof FramingError ? error.message : errorMessage(error);
        this.handlers.malformed(`unframeable stream from OpenD: ${why}`);
        this.shutdown(`unframeable stream from OpenD: ${why}`);
        return;
      }
      if (!p) return;
      if (isBad(p)) {
        this.handlers.malformed(`packet ${p.protoId} (serial ${p.serialNo}) skipped: ${p.reason}`);
        // A request whose answer was damaged fails now rather than at its timeout.
        this.fail(p.serialNo, p.protoId, new VntError(`OpenD's answer was damaged: ${p.reason}`));
        continue;
      }
      this.onPacket(p);
      if (!this.open) return;
    }
  }

  private onPacket(p: Packet): void {
    const name = PROTO_NAME.get(p.protoId);
    if (!name) {
      this.handlers.malformed(`packet with unknown protocol id ${p.protoId} skipped`);
      return;
    }
    let reply: Reply<unknown>;
    try {
      reply = decodeBody<Reply<unknown>>(`${name}.Response`, p.body, QUOTE_PUSHES.has(p.protoId));
    } catch (error) {
      this.handlers.malformed(`${name} (serial ${p.serialNo}) skipped: ${errorMessage(error)}`);
      this.fail(p.serialNo, p.protoId, new VntError(`${name}: undecodable answer from OpenD`));
      return;
    }
    if (p.protoId === PROTO.InitConnect && this.rsa && reply.retType === RET_TYPE.Succeed) {
      // Switched here, not when the call resolves: a push may follow in the same TCP chunk, already under AES.
      try {
        this.aes = new FtAesEcbCipher(String((reply.s2c as InitConnectS2C | undefined)?.connAESKey ?? ''));
      } catch (error) {
        this.shutdown(`InitConnect: ${errorMessage(error)}`);
        return;
      }
    }
    const w = this.waiting.get(p.serialNo);
    if (w && PROTO[w.proto] === p.protoId) {
      this.waiting.delete(p.serialNo);
      clearTimeout(w.timer);
      w.resolve(reply);
      return;
    }
    if (PUSH_PROTOS.has(p.protoId)) this.handlers.push(p.protoId, reply);
  }

  private fail(serialNo: number, protoId: number, error: Error): void {
    const w = this.waiting.get(serialNo);
    if (!w || PROTO[w.proto] !== protoId) return;
    this.waiting.delete(serialNo);
    clearTimeout(w.timer);
    w.reject(error);
  }

  private shutdown(reason: string): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    if (this.keepAliveTimer) clearInterval(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
    this.socket?.destroy();
    for (const [serial, w] of this.waiting) {
      clearTimeout(w.timer);
      w.reject(new VntError(`${w.proto}: connection to OpenD lost (${reason})`));
      this.waiting.delete(serial);
    }
    this.handlers.closed(reason);
  }
}
