// The storm both HTX fuzz tests raise: 400 broken frames (FuzzRng.brokenText of the documented messages), each
// on the market link or the account link at random, then a marker on each link, waited for in the log — so
// every broken frame before it has been read.
import type { LogData } from '../../../src/core/object.js';
import type { HtxSim } from '../../../gateways/htx/sim/server.js';
import type { FuzzRng, Json } from '../../helpers/fuzz.js';
import { until } from '../../helpers/wait.js';

type Link = Parameters<HtxSim['sendRaw']>[0];

export async function stormLinks(
  rng: FuzzRng,
  sim: Pick<HtxSim, 'sendRaw'>,
  logs: readonly LogData[],
  market: readonly unknown[],
  account: { link: Exclude<Link, 'market'>; docs: readonly unknown[] },
): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const link = rng.bool() ? 'market' : account.link;
    const base = rng.pick(link === 'market' ? market : account.docs);
    sim.sendRaw(link, rng.brokenText(base as Json));
  }
  const markers = [`marker-${account.link}`, 'marker-market'];
  sim.sendRaw(account.link, markers[0]!);
  sim.sendRaw('market', markers[1]!);
  await until(() => markers.every((m) => logs.some((l) => l.msg.includes(m))), 'the markers');
}
