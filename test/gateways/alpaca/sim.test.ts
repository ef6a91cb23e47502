// The Alpaca simulator as `vnt sim alpaca` runs it: a child process that prints where it listens and the test
// keys, and a gateway that connects to those printed URLs and trades; plus the admin levers over HTTP.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import { AlpacaGateway } from '../../../gateways/alpaca/index.js';
import { until } from '../../helpers/wait.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../bin/vnt.js');

test('`vnt sim alpaca --port 0` prints its URLs and keys, and a gateway trades against them', async () => {
  const child = spawn(process.execPath, [BIN, 'sim', 'alpaca', '--port', '0', '--tick-rate', '20'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const me = new MainEngine({ log: false });
  try {
    await until(() => out.includes('Press Ctrl-C'), 'the simulator banner');
    const field = (label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(out)?.[1] ?? '';
    const setting = {
      key: field('test KEY ID'),
      secret: field('test Secret Key'),
      server: 'PAPER',
      restUrl: field('Trading REST URL'),
      streamUrl: field('Trading stream URL'),
      dataRestUrl: field('Market data REST URL'),
      stockStreamUrl: field('Stock data stream URL'),
      cryptoStreamUrl: field('Crypto data stream URL'),
    };
    assert.match(setting.stockStreamUrl, /\/v2\/\{feed\}$/);
    assert.match(setting.cryptoStreamUrl, /\/v1beta3\/crypto\/us$/);
    me.addGateway(AlpacaGateway, 'ALPACA');
    await me.connect(setting, 'ALPACA');
    assert.ok(me.getContract('BTC/USD.ALPACA'));
    const id = me.sendOrder(
      {
        symbol: 'BTC/USD',
        exchange: Exchange.ALPACA,
        direction: Direction.LONG,
        type: OrderType.LIMIT,
        price: 50000,
        volume: 0.01,
        offset: Offset.NONE,
      },
      'ALPACA',
    );
    await until(() => me.getOrder(id)?.status === Status.NOTTRADED, 'the order resting');
    const lever = await fetch(`${setting.restUrl}/admin/market?active=false`, { method: 'POST' });
    assert.equal(await lever.json(), { active: false });
  } finally {
    await me.close();
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
});

test.run();
