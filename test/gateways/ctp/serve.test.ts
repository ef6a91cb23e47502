// The real `vnt serve CTP` process with the simulated library from saved settings: it loads the library in
// its worker, logs in, serves the contracts (Chinese names intact) and shuts down cleanly on SIGTERM, with no
// secret in its output.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TraderDir } from '../../../src/core/settings.js';
import { RpcClient } from '../../../src/rpc/client.js';
import { CtpGateway } from '../../../gateways/ctp/index.js';
import { readToken, startProcess, tempDir, VNT_BIN } from '../../rpc/helpers.js';
import { startSim } from './sim.js';

test('vnt serve CTP: connects through the binding, serves contracts, shuts down on SIGTERM', async () => {
  const sim = await startSim({ abiVersion: '6.3.15', oldMd: true });
  const dir = tempDir('ctp-serve');
  const setting = sim.setting();
  new TraderDir(dir).saveGatewaySetting('CTP', CtpGateway.defaultSetting, setting);
  const server = await startProcess([VNT_BIN, '--trader-dir', dir, 'serve', 'CTP', '--port', '0']);
  try {
    const c = await RpcClient.connect(
      { url: server.url, token: readToken(dir) },
      { onEvent: () => {}, onClose: () => {} },
    );
    assert.equal(await c.request('getAllGatewayNames'), ['CTP']);
    const contract = await c.request('getContract', { vtSymbol: 'rb2501.SHFE' });
    assert.is(contract?.name, '螺纹钢2501');
    c.close();
  } finally {
    const code = await server.kill('SIGTERM');
    // An orderly shutdown (Release through the worker), not a second-signal exit (130) or a crash (null).
    assert.is(code, 0, `exit code ${code}`);
  }
  const out = server.output();
  assert.match(out, /CTP API v6\.3\.15/);
  assert.not.ok(out.includes(String(setting.password)), 'no password in the output');
  assert.not.ok(out.includes(String(setting.auth_code)), 'no auth code in the output');
});

test.run();
