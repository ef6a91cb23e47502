// The Tiger simulator as `vnt sim tiger` runs it: a child process that prints its REST URL, push host and
// port, the throwaway CA file, the test tiger id, account and key file; a gateway connects to those and trades.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import { TigerGateway } from '../../../gateways/tiger/index.js';
import { until } from '../../helpers/wait.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../bin/vnt.js');

test('`vnt sim tiger --port 0` prints where it listens, and a gateway trades against it', async () => {
  const child = spawn(process.execPath, [BIN, 'sim', 'tiger', '--port', '0', '--tick-rate', '20'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const me = new MainEngine({ log: false });
  try {
    await until(() => out.includes('Press Ctrl-C'), 'the simulator banner');
    const field = (label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(out)?.[1] ?? '';
    const setting = {
      tigerId: field('test tiger_id'),
      standardAccount: field('test account'),
      privateKey: field('test private key'),
      restUrl: field('REST gateway URL'),
      pushHost: field('Push host'),
      pushPort: Number(field('Push port')),
      pushCa: field('Push CA file'),
      symbols: 'AAPL',
    };
    assert.match(setting.restUrl, /^http:\/\/127\.0\.0\.1:\d+\/gateway$/);
    me.addGateway(TigerGateway, 'TIGER');
    await me.connect(setting, 'TIGER');
    assert.ok(me.getContract('AAPL.SMART'));
    const id = me.sendOrder(
      {
        symbol: 'AAPL',
        exchange: Exchange.SMART,
        direction: Direction.LONG,
        type: OrderType.LIMIT,
        price: 150,
        volume: 1,
        offset: Offset.NONE,
      },
      'TIGER',
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
