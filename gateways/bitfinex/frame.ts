// The framing of Bitfinex channel messages (docs.bitfinex.com/docs/ws-general): [CHAN_ID, PAYLOAD] for data,
// [CHAN_ID, TYPE, PAYLOAD] when a type string comes first ("te", "tu", "cs", "os", "n", ...), and [CHAN_ID,
// "hb"] for heartbeats. The `conf` flags append numbers after the payload: with SEQ_ALL the public sequence
// number is the last value (on channel 0 the second to last, the last being the private sequence), as
// Bitfinex's own client reads them (bitfinex-api-node ws2 _validateMessageSeq); with TIMESTAMP a millisecond
// timestamp comes before it.
import type { Json } from './types.js';

export interface ChannelFrame {
  chanId: number;
  /** The type string ("hb", "cs", "te", "os", ...), or '' for a plain data message. */
  type: string;
  payload: Json | undefined;
  /** Numbers after the payload (timestamp, sequence numbers). */
  extras: number[];
}

/** Splits a channel message; undefined when it is not one (the caller logs it). */
export function channelFrame(msg: unknown): ChannelFrame | undefined {
  if (!Array.isArray(msg) || msg.length < 2 || typeof msg[0] !== 'number' || !Number.isSafeInteger(msg[0]))
    return undefined;
  const chanId = msg[0];
  let type = '';
  let at = 1;
  if (typeof msg[1] === 'string') {
    type = msg[1];
    at = 2;
  }
  const payload = type === 'hb' ? undefined : (msg[at] as Json | undefined);
  const rest = msg.slice(type === 'hb' ? 2 : at + 1);
  if (!rest.every((x) => typeof x === 'number' && Number.isFinite(x))) return undefined;
  if (type !== 'hb' && payload === undefined) return undefined;
  return { chanId, type, payload, extras: rest as number[] };
}

/** The public sequence number of a frame, when sequencing is on. */
export function publicSeq(f: ChannelFrame): number | undefined {
  if (f.chanId === 0 && f.type !== 'hb')
    return f.extras.length >= 2 ? f.extras[f.extras.length - 2] : undefined;
  return f.extras.length ? f.extras[f.extras.length - 1] : undefined;
}

/** The millisecond timestamp of a frame (TIMESTAMP flag), when it carries one. */
export function frameTime(f: ChannelFrame): number | undefined {
  return f.extras.find((x) => x >= 1e12);
}
