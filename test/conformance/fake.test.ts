// Proves the conformance suite itself against the in-process fake gateway.
import { Exchange, Offset } from '../../src/core/constant.js';
import { FakeGateway } from '../helpers/fake-gateway.js';
import { runConformance } from './suite.js';

let gateway: FakeGateway | undefined;

class TrackedFake extends FakeGateway {
  constructor(...args: ConstructorParameters<typeof FakeGateway>) {
    super(...args);
    gateway = this;
  }
}

runConformance({
  gatewayClass: TrackedFake,
  instrument: {
    symbol: 'rb2501',
    exchange: Exchange.SHFE,
    openOffset: Offset.OPEN,
    restingBuyPrice: 3800,
    volume: 4,
    offTickPrice: 3800.5,
  },
  start: async () => ({ account: 'acc1', password: 'pw-secret' }),
  stop: async () => undefined,
  fill: async (_direction, price, volume) => gateway!.venue.fill(price, volume),
  rejectNext: async () => {
    gateway!.venue.rejectReason = 'E042 insufficient margin';
    return 'E042';
  },
  drop: async () => gateway!.setLink(false),
  fillWhileDown: async (_direction, price, volume) => gateway!.venue.fill(price, volume),
  restore: async () => gateway!.setLink(true),
});
