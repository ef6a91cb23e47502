// XTP's synchronous login (issue 13): it runs off the console's event loop, a login that never returns is cut
// off at the call limit with the call named (the host is killed and the console keeps running), and a refused
// login is a readable status with XTP's code and text. Release that never returns is bounded too.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GatewayStatus } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { LogData } from '../../../src/core/object.js';
import { XtpGateway } from '../../../gateways/xtp/index.js';
import { until } from '../../helpers/wait.js';
import { startSim, type XtpSim } from './sim.js';

void process.stdout;
void process.stderr;

let sim: XtpSim;
let me: MainEngine;
let logs: LogData[];

async function engine(commands: string[]): Promise<void> {
  sim = await startSim({ abiVersion: '2.2.32' });
  for (const c of commands) await sim.control(c);
  me = new MainEngine({ log: false });
  logs = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.addGateway(XtpGateway, 'XTP');
}

const setting = () => sim.setting({ call_timeout_s: 4 });
const status = () => me.getGateway('XTP').status;
const logged = (re: RegExp) => logs.some((l) => re.test(l.msg));

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
  await sim?.stop();
});

test('a trading login that never returns: connect rejects naming Login, the event loop ran, host killed', async () => {
  await engine(['hang login']);
  // The console's loop keeps turning while the library blocks in Login (it runs in the host's worker pool).
  let turns = 0;
  const ticker = setInterval(() => turns++, 20);
  const error = await me.connect(setting(), 'XTP').then(
    () => '',
    (e: Error) => e.message,
  );
  clearInterval(ticker);
  assert.match(error, /did not return from XTP::API::TraderApi::Login within 4 s/);
  assert.match(error, /killed/);
  assert.ok(turns > 0, 'the console event loop ran during the login');
  assert.is(status(), GatewayStatus.DISCONNECTED);
  const line = logs.find((l) => /host process (\d+)/.test(l.msg));
  assert.ok(line, 'the host pid is logged');
  const pid = Number(/host process (\d+)/.exec(line!.msg)![1]);
  await until(() => !alive(pid), `host ${pid} to be gone`);
  // Nothing of the hung session is left: a later connect with a working library succeeds.
  await sim.control('reset');
  await me.connect(setting(), 'XTP');
  assert.is(status(), GatewayStatus.CONNECTED);
});

test("a refused login: connect rejects with XTP's code and text, and the password is not in it", async () => {
  await engine(['login_error 10200102 invalid user or password']);
  const error = await me.connect(setting(), 'XTP').then(
    () => '',
    (e: Error) => e.message,
  );
  assert.match(error, /XTP trading login failed: \[10200102\] invalid user or password/);
  assert.is(status(), GatewayStatus.DISCONNECTED);
  for (const l of logs) {
    assert.not.ok(l.msg.includes('pw-secret-123'), `password in log: ${l.msg}`);
    assert.not.ok(l.msg.includes('key-secret-456'), `software key in log: ${l.msg}`);
  }
});

test('quote protocol: UDP is honoured when chosen, and a server that wants UDP refuses TCP readably', async () => {
  await engine(['quote_protocol 2']);
  const error = await me.connect(setting(), 'XTP').then(
    () => '',
    (e: Error) => e.message,
  );
  assert.match(error, /XTP quote login failed: \[10210102\] this quote server is UDP only/);
  await me.connect({ ...setting(), quote_protocol: 'UDP' }, 'XTP');
  assert.is(status(), GatewayStatus.CONNECTED);
  assert.ok(logged(/XTP quote login \(UDP\)/), 'the log says UDP');
});

test('a Release that never returns: close() still ends, the host is killed', async () => {
  await engine([]);
  await me.connect(setting(), 'XTP');
  const line = logs.find((l) => /host process (\d+)/.test(l.msg))!;
  const pid = Number(/host process (\d+)/.exec(line.msg)![1]);
  await sim.control('hang release');
  await me.getGateway('XTP').close();
  assert.is(status(), GatewayStatus.DISCONNECTED);
  await until(
    () => logged(/did not return from XTP::API::QuoteApi::Release within 4 s/),
    'Release named in the log',
  );
  assert.not.ok(alive(pid), `host ${pid} is gone`);
});

test.run();
