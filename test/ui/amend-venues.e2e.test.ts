// In-place amend on the real binary in tmux against the venues' simulators (`vnt sim ib`, `vnt sim bitfinex`):
// IB modifies an order by PLACE_ORDER again under its id, Bitfinex by the `ou` input; for each, the amend form
// says the order keeps its id, `:amend` changes the price and then the volume alone on the same row (one
// order, never replaced), and the Log tab says what was sent.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BitfinexGateway } from '../../gateways/bitfinex/index.js';
import type { Tmux } from '../helpers/tmux.js';
import { connectedConsole, ibConsole, startedList, venueSimulator } from '../helpers/venue-console.js';

const started = startedList();
test.after(() => started.stop());

/**
 * Buys, then amends the price and the volume alone with `:amend`, reading the active tab's row of the order
 * (price and volume as the console shows them; the offset column is blank on these venues).
 */
async function amendInPlace(
  tm: Tmux,
  vtSymbol: string,
  order: { volume: string; price: string },
  amended: { price: string; shownPrice: string; volume: string; shownVolume: string },
): Promise<void> {
  // The symbol column is cut to its width (BTCUSD.BITF…).
  const sym = `${vtSymbol.slice(0, 11).replace('.', '\\.')}\\S*`;
  const rowOf = (screen: string, id: string) =>
    new RegExp(`${id.replace('.', '\\.')}\\s+${sym}\\s+Long\\s+([\\d.,]+)\\s+([\\d.]+)\\s+0\\s`).exec(screen);
  tm.palette(`buy ${vtSymbol} ${order.volume} @ ${order.price}`);
  tm.keys('2');
  let screen = await tm.waitFor(new RegExp(`\\.\\d+\\s+${sym}\\s+Long`), 'the resting order');
  const id = new RegExp(`([A-Z]+\\.\\d+)\\s+${sym}`).exec(screen)![1]!;
  screen = await tm.waitFor((s) => rowOf(s, id) !== null, 'its row');
  const shownVolume = rowOf(screen, id)![2];
  tm.keys('a');
  screen = await tm.waitFor(`Amend ${id}`, 'the amend form');
  assert.match(screen, /amended in place: the order keeps its id/);
  tm.keys('Escape');
  await tm.waitFor((s) => !s.includes(`Amend ${id}`), 'the form closed');

  tm.palette(`amend ${id} ${amended.price}`);
  screen = await tm.waitFor((s) => rowOf(s, id)?.[1] === amended.shownPrice, 'the new price on the row');
  assert.is(rowOf(screen, id)![2], shownVolume, 'the volume kept');
  tm.palette(`amend ${id} - ${amended.volume}`);
  screen = await tm.waitFor((s) => rowOf(s, id)?.[2] === amended.shownVolume, 'the volume amended alone');
  assert.is(rowOf(screen, id)![1], amended.shownPrice, 'the price kept');
  assert.is(screen.match(new RegExp(`\\.\\d+\\s+${sym}\\s+Long`, 'g'))?.length, 1, 'one order, not replaced');

  tm.keys('7', 'f');
  tm.type('amend sent');
  tm.keys('Enter');
  // Both lines on the Log tab (the status line shows only the latest, so one alone may be read from it).
  await tm.waitFor(
    (s) =>
      s.includes(`amend sent for ${id}: price ${amended.price}`) &&
      s.includes(`amend sent for ${id}: volume ${amended.volume}`),
    'the Log tab',
  );
}

test('IB: a resting order amended in place, price then volume, on the same row', async () => {
  const tm = await ibConsole(started, 9);
  await amendInPlace(
    tm,
    '265598.SMART',
    { volume: '10', price: '100' },
    { price: '99.5', shownPrice: '99.50', volume: '12', shownVolume: '12' },
  );
});

test('BITFINEX: a resting order amended in place with the ou input, price then volume', async () => {
  const sim = await venueSimulator(started, 'bitfinex', /REST \(restUrl and publicRestUrl\): (http:\/\/\S+)/);
  const ws = (await sim.waitFor(/WebSocket \(wsUrl and publicWsUrl\): (\S+)/, 'the ws url'))[1]!;
  const key = (await sim.waitFor(/test API key: (\S+)/, 'the key'))[1]!;
  const secret = (await sim.waitFor(/test secret: +(\S+)/, 'the secret'))[1]!;
  const tm = await connectedConsole(started, 'BITFINEX', BitfinexGateway.defaultSetting, {
    key,
    secret,
    restUrl: sim.url,
    publicRestUrl: sim.url,
    wsUrl: ws,
    publicWsUrl: ws,
  });
  await amendInPlace(
    tm,
    'BTCUSD.BITFINEX',
    { volume: '0.002', price: '90000' },
    { price: '89000', shownPrice: '89000', volume: '0.005', shownVolume: '0.005' },
  );
});

test.run();
