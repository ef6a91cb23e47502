// Sim/doc agreement: every reply and push the simulated OpenD serves has the documented shape (same keys, same
// types, same nesting) of test/fixtures/futu/documented.ts, re-typed from Futu's OpenAPI protocol reference;
// and its errors are OpenD's: retType -1 with a retMsg (and errCode), no s2c.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OpenDClient } from '../../../gateways/futu/client.js';
import { PROTO, PROTO_NAME, type ProtoName } from '../../../gateways/futu/protocol.js';
import { FUTU_SIM_PASSWORD, startFutuSimulator } from '../../../gateways/futu/sim/index.js';
import type { Reply } from '../../../gateways/futu/types.js';
import { shapeDifferences } from '../../helpers/doc-shape.js';
import { until } from '../../helpers/wait.js';
import { createHash } from 'node:crypto';
import { DOCUMENTED_PUSHES, DOCUMENTED_REPLIES } from '../../fixtures/futu/documented.js';

test('every simulator reply and push matches the documented shape', async () => {
  const { sim, exchange } = await startFutuSimulator({ seed: 5, tickRate: 0 });
  const pushes: Array<[number, Reply<unknown>]> = [];
  const client = new OpenDClient(
    { host: '127.0.0.1', port: sim.port, clientId: 'doc' },
    {
      push: (id, r) => pushes.push([id, r]),
      closed: () => undefined,
      malformed: (m) => assert.unreachable(m),
    },
  );
  const checked = new Set<string>();
  const check = (proto: string, s2c: unknown, documented: unknown): void => {
    assert.equal(shapeDifferences(s2c ?? {}, documented), [], `${proto} as documented`);
    checked.add(proto);
  };
  const call = async (proto: ProtoName, c2s: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const r = await client.request<Record<string, unknown>>(proto, c2s);
    assert.is(r.retType, 0, `${proto}: ${r.retMsg}`);
    check(proto, r.s2c, DOCUMENTED_REPLIES[proto]);
    return r.s2c ?? {};
  };
  try {
    const init = await client.connect();
    check('InitConnect', init, DOCUMENTED_REPLIES['InitConnect']);
    await call('KeepAlive', { time: 1 });
    const state = await call('GetGlobalState', { userID: client.userID });
    assert.is(state['trdLogined'], true);
    await call('Trd_GetAccList', { userID: client.userID, trdCategory: 1 });
    await call('Trd_UnlockTrade', {
      unlock: true,
      pwdMD5: createHash('md5').update(FUTU_SIM_PASSWORD).digest('hex'),
    });
    const header = { trdEnv: 1, accID: '281756455988880', trdMarket: 1 };
    await call('Trd_SubAccPush', { accIDList: [header.accID] });
    await call('Qot_GetStaticInfo', { market: 1, secType: 3 });
    await call('Qot_Sub', {
      securityList: [{ market: 1, code: '00700' }],
      subTypeList: [1, 2, 4],
      isSubOrUnSub: true,
      isRegOrUnRegPush: true,
      isFirstPush: true,
    });
    await call('Qot_RequestHistoryKL', {
      rehabType: 0,
      klType: 2,
      security: { market: 1, code: '00700' },
      beginTime: '2026-11-20 00:00:00',
      endTime: '2026-11-25 00:00:00',
      maxAckKLNum: 1000,
    });
    const place = (serialNo: number) => ({
      packetID: { connID: client.connID, serialNo },
      header,
      trdSide: 1,
      orderType: 1,
      code: '00700',
      qty: 200,
      price: 300,
      secMarket: 1,
      remark: 'doc-1',
      timeInForce: 0,
    });
    const s1 = client.nextSerial();
    const placed = await client.request<{ orderID: string }>('Trd_PlaceOrder', place(s1), s1);
    assert.is(placed.retType, 0, placed.retMsg);
    check('Trd_PlaceOrder', placed.s2c, DOCUMENTED_REPLIES['Trd_PlaceOrder']);
    const orderID = placed.s2c!.orderID;
    exchange.crossFromMarket('HK.00700', 'SELL', 300, 100);
    await until(() => pushes.some(([id]) => id === PROTO.Trd_UpdateOrderFill), 'a fill push');
    await until(() => pushes.some(([id]) => id === PROTO.Qot_UpdateTicker), 'a ticker push for the trade');
    await call('Trd_GetFunds', { header });
    await call('Trd_GetPositionList', { header });
    await call('Trd_GetOrderList', { header });
    await call('Trd_GetOrderFillList', { header });
    const s2 = client.nextSerial();
    const amend = await client.request(
      'Trd_ModifyOrder',
      {
        packetID: { connID: client.connID, serialNo: s2 },
        header,
        orderID,
        modifyOrderOp: 1,
        qty: 200,
        price: 299.8,
      },
      s2,
    );
    assert.is(amend.retType, 0, amend.retMsg);
    check('Trd_ModifyOrder', amend.s2c, DOCUMENTED_REPLIES['Trd_ModifyOrder']);

    // Errors: retType -1, a retMsg and an errCode, no s2c — a replayed packetID, a lot-size breach.
    const replay = await client.request('Trd_PlaceOrder', place(s1), client.nextSerial());
    assert.equal(shapeDifferences(replay, { retType: -1, retMsg: 'x', errCode: 1 }), []);
    assert.match(String(replay.retMsg), /packetID/);
    const s3 = client.nextSerial();
    const odd = await client.request('Trd_PlaceOrder', { ...place(s3), qty: 150 }, s3);
    assert.is(odd.retType, -1);
    assert.match(String(odd.retMsg), /lot size/);

    sim.setTradeLogin(false);
    await until(() => pushes.some(([id]) => id === PROTO.Notify), 'a Notify push');
    for (const [id, r] of pushes) {
      const name = PROTO_NAME.get(id)!;
      assert.is(r.retType, 0);
      check(name, r.s2c, DOCUMENTED_PUSHES[name]);
    }
    for (const name of [...Object.keys(DOCUMENTED_REPLIES), ...Object.keys(DOCUMENTED_PUSHES)]) {
      if (name === 'KeepAlive' || checked.has(name)) continue;
      assert.unreachable(`${name} was not exercised`);
    }
  } finally {
    client.close();
    exchange.stop();
    await sim.stop();
  }
});

test.run();
