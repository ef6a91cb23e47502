// Proves the conformance suite itself against the in-process fake gateway.
import { FAKE_INSTRUMENT, FakeGateway } from '../helpers/fake-gateway.js';
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
  instrument: FAKE_INSTRUMENT,
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
