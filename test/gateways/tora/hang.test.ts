// TORA libraries that never return or crash: the simulated library blocks forever in Init,
// SubscribeMarketData or Release, or crashes mid-session. connect() and close() still end within the call
// limit, the status is true, the log names the vendor call, and the library's host process is gone.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Exchange, GatewayStatus } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { LogData } from '../../../src/core/object.js';
import { ToraGateway } from '../../../gateways/tora/index.js';
import { until } from '../../helpers/wait.js';
import { startSim, type ToraSim } from './sim.js';

let sim: ToraSim;
let me: MainEngine;
let logs: LogData[];

async function engine(commands: string[]): Promise<void> {
  sim = await startSim({ version: '4.0.8' });
  for (const c of commands) await sim.control(c);
  me = new MainEngine({ log: false });
  logs = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.addGateway(ToraGateway, 'TORA');
}

// 4 s: a hang must end in bounded time, but the vendor calls before it must fit the limit on a loaded machine.
const setting = () => sim.setting({ call_timeout_s: 4 });
const status = () => me.getGateway('TORA').status;
const logged = (re: RegExp) => logs.some((l) => re.test(l.msg));

function hostPid(): number {
  const line = logs.find((l) => /host process \d+/.test(l.msg));
  assert.ok(line, 'the host pid is logged');
  return Number(/host process (\d+)/.exec(line!.msg)![1]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test.after.each(async () => {
  if (me?.eventEngine.isActive) await me.close();
});

test('Init never returns: connect rejects naming CTORATstpTraderApi::Init, DISCONNECTED; a retry works', async () => {
  await engine(['hang init']);
  const error = await me.connect(setting(), 'TORA').then(
    () => '',
    (e: Error) => e.message,
  );
  assert.match(error, /did not return from CTORATstpTraderApi::Init within 4 s/);
  assert.is(status(), GatewayStatus.DISCONNECTED);
  await sim.control('reset');
  await me.connect(setting(), 'TORA');
  assert.is(status(), GatewayStatus.CONNECTED);
});

test('SubscribeMarketData never returns: the session ends DISCONNECTED, the host is killed', async () => {
  await engine([]);
  await me.connect(setting(), 'TORA');
  const pid = hostPid();
  await sim.control('hang subscribe');
  me.subscribe({ symbol: '600000', exchange: Exchange.SSE }, 'TORA');
  await until(() => status() === GatewayStatus.DISCONNECTED, 'DISCONNECTED after the hung subscription');
  assert.ok(logged(/did not return from CTORATstpXMdApi::SubscribeMarketData within 4 s/), 'named');
  assert.not.ok(alive(pid), `host ${pid} is gone`);
  await me.close();
});

test('Release never returns: close() ends DISCONNECTED with the host killed', async () => {
  await engine([]);
  await me.connect(setting(), 'TORA');
  const pid = hostPid();
  await sim.control('hang release');
  await me.getGateway('TORA').close();
  assert.is(status(), GatewayStatus.DISCONNECTED);
  await until(() => logged(/did not return from CTORATstpXMdApi::Release within 4 s/), 'Release named');
  assert.not.ok(alive(pid), `host ${pid} is gone`);
});

test('a library that crashes mid-session: DISCONNECTED with the signal named', async () => {
  await engine([]);
  await me.connect(setting(), 'TORA');
  process.kill(hostPid(), 'SIGSEGV');
  await until(() => status() === GatewayStatus.DISCONNECTED, 'DISCONNECTED after the crash');
  await until(() => logged(/crashed \(SIGSEGV\)/), 'the crash in the log');
});

test.after(async () => {
  await sim?.stop();
});

test.run();
