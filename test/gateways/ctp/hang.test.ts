// Vendor libraries that never return or crash (issue 11): the simulated library blocks forever in Init,
// SubscribeMarketData or Release, or raises SIGSEGV at exit, as real ones do. connect() and close() must still
// end — within the call limit the setting states — with a true status, the log must say what the library did,
// the library's host process must be gone, and this test process must exit by itself.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Exchange, GatewayStatus } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { LogData } from '../../../src/core/object.js';
import { CtpGateway } from '../../../gateways/ctp/index.js';
import { until } from '../../helpers/wait.js';
import { startSim, type CtpSim } from './sim.js';

let sim: CtpSim;
let me: MainEngine;
let logs: LogData[];

async function engine(commands: string[]): Promise<void> {
  sim = await startSim({ abiVersion: '6.7.13' });
  for (const c of commands) await sim.control(c);
  me = new MainEngine({ log: false });
  logs = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.addGateway(CtpGateway, 'CTP');
}

// 4 s: a hang must end in bounded time, but the vendor calls before it must fit the limit on a loaded machine.
const setting = () => sim.setting({ call_timeout_s: 4 });
const status = () => me.getGateway('CTP').status;
const logged = (re: RegExp) => logs.some((l) => re.test(l.msg));

/** The pid of the gateway's host process, from its "loaded" log line. */
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

test('a library blocking forever in Init: connect rejects naming Init, DISCONNECTED, host killed', async () => {
  await engine(['hang init']);
  const error = await me.connect(setting(), 'CTP').then(
    () => '',
    (e: Error) => e.message,
  );
  assert.match(error, /did not return from CThostFtdcTraderApi::Init within 4 s/);
  assert.match(error, /killed/);
  assert.is(status(), GatewayStatus.DISCONNECTED);
  // The host died before it could log its pid; the kill is in the log with the call it hung in.
  await until(() => logged(/CThostFtdcTraderApi::Init.*killed/), 'the kill in the log');
  // A later connect with a working library succeeds: nothing of the hung session is left.
  await sim.control('reset');
  await me.connect(setting(), 'CTP');
  assert.is(status(), GatewayStatus.CONNECTED);
});

test('a library blocking forever in SubscribeMarketData: the session ends, DISCONNECTED with the reason', async () => {
  await engine([]);
  await me.connect(setting(), 'CTP');
  const pid = hostPid();
  await sim.control('hang subscribe');
  me.subscribe({ symbol: 'rb2501', exchange: Exchange.SHFE }, 'CTP');
  await until(() => status() === GatewayStatus.DISCONNECTED, 'DISCONNECTED after the hung subscription');
  assert.ok(
    logged(/did not return from CThostFtdcMdApi::SubscribeMarketData within 4 s/),
    'the call is named (not a request queued behind it)',
  );
  assert.not.ok(alive(pid), `host ${pid} is gone`);
  // close() on the ended session still ends, and the status stays true.
  await me.close();
});

test('a library blocking forever in Release: close() ends with DISCONNECTED and the host killed', async () => {
  await engine([]);
  await me.connect(setting(), 'CTP');
  const pid = hostPid();
  await sim.control('hang release');
  await me.getGateway('CTP').close();
  assert.is(status(), GatewayStatus.DISCONNECTED);
  await until(
    () => logged(/did not return from CThostFtdcMdApi::Release within 4 s/),
    'Release named in the log',
  );
  assert.not.ok(alive(pid), `host ${pid} is gone`);
});

test('a library crashing with SIGSEGV at exit after a clean Release: close() ends, the crash is logged', async () => {
  await engine([]);
  await me.connect(setting(), 'CTP');
  const pid = hostPid();
  await sim.control('crash_at_exit');
  await me.getGateway('CTP').close();
  assert.is(status(), GatewayStatus.DISCONNECTED);
  await until(
    () => logged(/crashed \(SIGSEGV\) in the vendor library at exit, after a clean release/),
    'the crash at exit in the log',
  );
  assert.not.ok(alive(pid), `host ${pid} is gone`);
  // The console is unharmed: connect again.
  await sim.control('reset');
  await me.connect(setting(), 'CTP');
  assert.is(status(), GatewayStatus.CONNECTED);
});

test('a library that crashes mid-session: DISCONNECTED with the signal named', async () => {
  await engine([]);
  await me.connect(setting(), 'CTP');
  const pid = hostPid();
  process.kill(pid, 'SIGSEGV');
  await until(() => status() === GatewayStatus.DISCONNECTED, 'DISCONNECTED after the crash');
  await until(() => logged(/crashed \(SIGSEGV\)/), 'the crash in the log');
});

test.after(async () => {
  await sim?.stop();
});

test.run();
