// The gateway against an encrypted OpenD (the simulator with an RSA key): what crosses the wire is ciphertext,
// trading works as in plain mode, and every mismatch of keys fails connect with a reason a person can act on.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { Exchange, GatewayStatus, LogLevel, Status } from '../../../src/core/constant.js';
import { FUTU_SIM_PASSWORD, startFutuSimulator } from '../../../gateways/futu/sim/index.js';
import { until } from '../../helpers/wait.js';
import { buy, connectFutu, failedConnect, realSetting, startTap, tempRsaKey } from './engine.js';

/** What the client sent, through a relay, when it connects, unlocks and places one order. */
async function wireOfOneOrder(encrypted: boolean): Promise<{ wire: Buffer; remark: string; logs: string }> {
  const key = tempRsaKey();
  const { sim, exchange } = await startFutuSimulator({
    tickRate: 0,
    ...(encrypted ? { rsaKey: key.key } : {}),
  });
  const tap = await startTap(sim.port);
  try {
    const { me, seen } = await connectFutu(
      realSetting(sim, { port: tap.port, rsaKeyFile: encrypted ? key.file : '' }),
    );
    const id = me.sendOrder(buy(300), 'FUTU');
    await until(() => seen.last(id)?.status === Status.NOTTRADED, 'the order acknowledged');
    await me.close();
    return { wire: tap.sent(), remark: id.split('.').pop()!, logs: seen.logText() };
  } finally {
    await tap.close();
    exchange.stop();
    await sim.stop();
    key.remove();
  }
}

test('encrypted: neither the password MD5 nor the order remark crosses the wire (and in plain mode both do)', async () => {
  const md5 = createHash('md5').update(FUTU_SIM_PASSWORD).digest('hex');
  const plain = await wireOfOneOrder(false);
  assert.ok(plain.wire.includes(md5), 'plain mode: the MD5 is visible (the check can see it)');
  assert.ok(plain.wire.includes(plain.remark), 'plain mode: the remark is visible');
  const enc = await wireOfOneOrder(true);
  assert.not.ok(enc.wire.includes(md5), 'encrypted: no MD5 on the wire');
  assert.not.ok(enc.wire.includes(enc.remark), 'encrypted: no remark on the wire');
  assert.match(enc.logs, /\(encrypted\)/);
});

test('encrypted: orders fill, cancel and reconcile after OpenD restarts, with a fresh AES key per link', async () => {
  const key = tempRsaKey();
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0, rsaKey: key.key });
  try {
    const { me, seen } = await connectFutu(realSetting(sim, { rsaKeyFile: key.file }));
    const filled = me.sendOrder(buy(300), 'FUTU');
    await until(() => seen.last(filled)?.status === Status.NOTTRADED, 'acknowledged');
    exchange.crossFromMarket('HK.00700', 'SELL', 300, 100);
    await until(() => seen.last(filled)?.status === Status.ALLTRADED, 'filled through an encrypted push');
    const resting = me.sendOrder(buy(290), 'FUTU');
    await until(() => seen.last(resting)?.status === Status.NOTTRADED, 'resting');
    await sim.restart();
    exchange.crossFromMarket('HK.00700', 'SELL', 290, 100);
    await sim.resume();
    await until(() => seen.last(resting)?.status === Status.ALLTRADED, 'the fill while down, reconciled');
    await until(() => seen.trades.some((t) => t.vtOrderid === resting), 'its trade');
    await until(() => seen.statuses[seen.statuses.length - 1] === GatewayStatus.CONNECTED, 'CONNECTED again');
    assert.ok((sim.received.get('InitConnect') ?? 0) >= 2, 'a second encrypted InitConnect');
    const last = me.sendOrder(buy(280), 'FUTU');
    await until(() => seen.last(last)?.status === Status.NOTTRADED, 'after the reconnect');
    me.cancelOrder({ orderid: last.split('.').pop()!, symbol: '00700', exchange: Exchange.SEHK }, 'FUTU');
    await until(() => seen.last(last)?.status === Status.CANCELLED, 'cancelled');
    assert.is(
      seen.trades.filter((t) => t.vtOrderid === resting).length,
      1,
      'the fill while down pushed once',
    );
    assert.is(sim.received.get('badPacket') ?? 0, 0, 'OpenD could read everything');
    assert.not.match(seen.logText(), /PRIVATE KEY|MII/, 'no key material in the log');
    await me.close();
  } finally {
    exchange.stop();
    await sim.stop();
    key.remove();
  }
});

test('key mismatches fail connect with what to fix: wrong key, key on a plain OpenD, no key on an encrypted one', async () => {
  const ours = tempRsaKey();
  const theirs = tempRsaKey();
  const enc = await startFutuSimulator({ tickRate: 0, rsaKey: theirs.key });
  const plain = await startFutuSimulator({ tickRate: 0 });
  try {
    const wrong = await failedConnect(realSetting(enc.sim, { rsaKeyFile: ours.file }));
    assert.match(wrong.error.message, /encrypted InitConnect failed: .*cannot decrypt InitConnect/);
    assert.match(wrong.error.message, /same RSA private key/);
    const onPlain = await failedConnect(realSetting(plain.sim, { rsaKeyFile: ours.file }));
    assert.match(onPlain.error.message, /encrypted InitConnect failed: .*same RSA private key/);
    const none = await failedConnect(realSetting(enc.sim, { rsaKeyFile: '' }));
    assert.match(none.error.message, /cannot decrypt InitConnect/);
    const missing = await failedConnect(realSetting(enc.sim, { rsaKeyFile: `${ours.file}.gone` }));
    assert.match(missing.error.message, /cannot read the RSA key file .*ENOENT/);
    for (const r of [wrong, onPlain, none, missing]) assert.not.match(r.seen.logText(), /MII|PRIVATE KEY/);
  } finally {
    for (const s of [enc, plain]) {
      s.exchange.stop();
      await s.sim.stop();
    }
    ours.remove();
    theirs.remove();
  }
});

test('a key file others can read is used, with a warning to chmod it', async () => {
  const key = tempRsaKey(0o644);
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0, rsaKey: key.key });
  try {
    const { me, seen } = await connectFutu(realSetting(sim, { rsaKeyFile: key.file }));
    const warn = seen.logs.find((l) => /readable by other users/.test(l.msg));
    assert.ok(warn, 'warned');
    assert.is(warn!.level, LogLevel.WARNING);
    await me.close();
  } finally {
    exchange.stop();
    await sim.stop();
    key.remove();
  }
});

test.run();
