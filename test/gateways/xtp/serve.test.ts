// The real `vnt serve XTP` process with the simulated library from saved settings: it loads the libraries in
// its host, logs in, serves the contracts (Chinese names intact, one code on two exchanges kept apart) and
// shuts down cleanly on SIGTERM, with no secret in its output.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TraderDir } from '../../../src/core/settings.js';
import { RpcClient } from '../../../src/rpc/client.js';
import { XtpGateway } from '../../../gateways/xtp/index.js';
import { readToken, startProcess, tempDir, VNT_BIN } from '../../rpc/helpers.js';
import { startSim } from './sim.js';

test('vnt serve XTP: connects through the binding, serves contracts, shuts down on SIGTERM', async () => {
  const sim = await startSim({ abiVersion: '2.2.27' });
  const dir = tempDir('xtp-serve');
  const setting = sim.setting();
  new TraderDir(dir).saveGatewaySetting('XTP', XtpGateway.defaultSetting, setting);
  const server = await startProcess([VNT_BIN, '--trader-dir', dir, 'serve', 'XTP', '--port', '0']);
  try {
    const c = await RpcClient.connect(
      { url: server.url, token: readToken(dir) },
      { onEvent: () => {}, onClose: () => {} },
    );
    assert.equal(await c.request('getAllGatewayNames'), ['XTP']);
    assert.is((await c.request('getContract', { vtSymbol: '600000.SSE' }))?.name, '浦发银行');
    assert.is((await c.request('getContract', { vtSymbol: '000001.SZSE' }))?.name, '平安银行');
    assert.is((await c.request('getContract', { vtSymbol: '000001.SSE' }))?.name, '上证指数');
    c.close();
  } finally {
    const code = await server.kill('SIGTERM');
    assert.is(code, 0, `exit code ${code}`);
    await sim.stop();
  }
  const out = server.output();
  assert.match(out, /XTP trader API 2\.2\.27\.1 loaded/);
  assert.not.ok(out.includes(String(setting.password)), 'no password in the output');
  assert.not.ok(out.includes(String(setting.software_key)), 'no software key in the output');
});

test.run();
