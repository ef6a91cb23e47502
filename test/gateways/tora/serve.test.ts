// The real `vnt serve TORA` process with the simulated library from saved settings: it loads the library in
// its native host process, logs in, serves the contracts (Chinese names intact) and shuts down cleanly on
// SIGTERM, with no secret in its output.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TraderDir } from '../../../src/core/settings.js';
import { RpcClient } from '../../../src/rpc/client.js';
import { ToraGateway } from '../../../gateways/tora/index.js';
import { readToken, startProcess, tempDir, VNT_BIN } from '../../rpc/helpers.js';
import { startSim } from './sim.js';

test('vnt serve TORA: connects through the binding, serves contracts, shuts down on SIGTERM', async () => {
  const sim = await startSim({ version: '4.0.8' });
  const dir = tempDir('tora-serve');
  const setting = sim.setting();
  new TraderDir(dir).saveGatewaySetting('TORA', ToraGateway.defaultSetting, setting);
  const server = await startProcess([VNT_BIN, '--trader-dir', dir, 'serve', 'TORA', '--port', '0']);
  try {
    const c = await RpcClient.connect(
      { url: server.url, token: readToken(dir) },
      { onEvent: () => {}, onClose: () => {} },
    );
    assert.equal(await c.request('getAllGatewayNames'), ['TORA']);
    const contract = await c.request('getContract', { vtSymbol: '600000.SSE' });
    assert.is(contract?.name, '浦发银行');
    c.close();
  } finally {
    const code = await server.kill('SIGTERM');
    // An orderly shutdown (Release through the worker), not a second-signal exit (130) or a crash (null).
    assert.is(code, 0, `exit code ${code}`);
  }
  const out = server.output();
  assert.match(out, /TORA trader API 4\.0\.8/);
  assert.not.ok(out.includes(String(setting.password)), 'no password in the output');
  assert.not.ok(out.includes(String(setting.dynamic_password)), 'no dynamic password in the output');
});

test.run();
