// Client order ids (cid): Bitfinex takes an integer that must be unique within the UTC day (docs.bitfinex.com
// /reference/rest-auth-submit-order, "cid"), and cancels by it together with that day (cid_date). vnt's cid
// is a tenth of a millisecond since the epoch, kept strictly increasing, so it stays unique across days and
// restarts too, fits Bitfinex's 45-bit field (1.7e13 < 3.5e13) and doubles as vnt's order id. One source per
// API key and process, so two gateways sharing a key never issue the same cid.
import { createHash } from 'node:crypto';

export class ClientIdSource {
  private last = 0;

  constructor(private readonly clock: () => number = () => Date.now() * 10) {}

  next(): number {
    const n = Math.max(Math.floor(this.clock()), this.last + 1);
    this.last = n;
    return n;
  }
}

const sources = new Map<string, ClientIdSource>();

export function clientIdSourceFor(apiKey: string): ClientIdSource {
  const id = createHash('sha256').update(`cid:${apiKey}`).digest('hex');
  let s = sources.get(id);
  if (!s) sources.set(id, (s = new ClientIdSource()));
  return s;
}
