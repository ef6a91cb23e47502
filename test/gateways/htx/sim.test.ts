// The HTX simulator as `vnt sim htx` runs it: a child process that prints where it listens and the test
// keys, and a HUOBI gateway that connects to those printed URLs and trades.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import { HuobiGateway } from '../../../gateways/htx/index.js';
import { until } from '../../helpers/wait.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../bin/vnt.js');

test('`vnt sim htx --port 0` prints its URLs and keys, and the HUOBI gateway trades against them', async () => {
  const child = spawn(process.execPath, [BIN, 'sim', 'htx', '--port', '0', '--tick-rate', '20'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const me = new MainEngine({ log: false });
  try {
    await until(() => out.includes('Press Ctrl-C'), 'the simulator banner');
    const field = (label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(out)?.[1] ?? '';
    const setting = {
      accessKey: field('Access Key'),
      secretKey: field('Secret Key'),
      restUrl: field('REST \\(restUrl\\)'),
      marketUrl: field('market WebSocket \\(marketUrl\\)'),
      privateUrl: field('private WebSocket \\(privateUrl\\)'),
    };
    assert.match(setting.marketUrl, /\/ws$/);
    assert.match(setting.privateUrl, /\/ws\/v2$/);
    me.addGateway(HuobiGateway, 'HUOBI');
    await me.connect(setting, 'HUOBI');
    assert.ok(me.getContract('btcusdt.HUOBI'));
    const id = me.sendOrder(
      {
        symbol: 'btcusdt',
        exchange: Exchange.HUOBI,
        direction: Direction.LONG,
        type: OrderType.LIMIT,
        price: 50000,
        volume: 0.001,
        offset: Offset.NONE,
      },
      'HUOBI',
    );
    await until(() => me.getOrder(id)?.status === Status.NOTTRADED, 'the order resting');
  } finally {
    await me.close();
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
});

test.run();
