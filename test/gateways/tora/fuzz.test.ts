// Seeded fuzz: broken records — the vendor's structs filled with random bytes, as a damaged or mismatched
// library would deliver them — decoded by the binding's readers and driven through the connected gateway's
// SPI dispatch, on every callback vnt handles. Nothing may escape as an exception, no NaN may reach a
// pushed object, and the gateway must still trade afterwards. A failing case replays from its seed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, GatewayStatus, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { SpiEvent } from '../../../bindings/tora/protocol.js';
import { mdStructs, traderStructs } from '../../../bindings/tora/structs.js';
import { ToraGateway } from '../../../gateways/tora/index.js';
import { FuzzRng } from '../../helpers/fuzz.js';
import { nativeHostOf, watchDamage } from '../../helpers/native-fuzz.js';
import { until } from '../../helpers/wait.js';
import { startSim } from './sim.js';

const SEED = Number(process.env.VNT_FUZZ_SEED) || 20250102;

const TD: [SpiEvent['name'], string | null][] = [
  ['OnRspUserLogin', null],
  ['OnRspQrySecurity', 'Security'],
  ['OnRspQryShareholderAccount', 'ShareholderAccount'],
  ['OnRspQryTradingAccount', 'TradingAccount'],
  ['OnRspQryPosition', 'Position'],
  ['OnRspQryOrder', 'Order'],
  ['OnRspQryTrade', 'Trade'],
  ['OnRtnOrder', 'Order'],
  ['OnRtnTrade', 'Trade'],
  ['OnErrRtnOrderInsert', 'InputOrder'],
  ['OnRspOrderAction', 'InputOrderAction'],
  ['OnRspError', null],
];

test(`seed ${SEED}: 3000 random records through the connected gateway`, async () => {
  const sim = await startSim({ version: '4.1.6' });
  const me = new MainEngine({ log: false });
  const bad = watchDamage(me, 'TORA');
  me.addGateway(ToraGateway, 'TORA');
  try {
    await me.connect(sim.setting(), 'TORA');
    const gw = nativeHostOf<SpiEvent>(me.getGateway('TORA'));
    const rng = new FuzzRng(SEED);
    const td = traderStructs('4.1') as unknown as Record<string, { size: number; read(b: Buffer): never }>;
    const md = mdStructs('4.1');
    for (let i = 0; i < 3000; i++) {
      const onMd = rng.bool(0.3);
      const [name, struct] = onMd
        ? (['OnRtnMarketData', 'MarketData'] as const)
        : TD[rng.int(0, TD.length - 1)]!;
      const bytes = rng.bytes(struct ? (onMd ? md.MarketData.size : td[struct]!.size) : 0);
      // Often keep a valid exchange code so that the record gets past the first check.
      if (bytes.length && rng.bool(0.7)) bytes[onMd ? 40 : 0] = rng.bool() ? 0x31 : 0x32;
      const data = struct ? (onMd ? md.MarketData.read(bytes) : td[struct]!.read(bytes)) : null;
      const info = rng.bool(0.3) ? { ErrorID: rng.int(-5, 5), ErrorMsg: rng.nastyString() } : null;
      gw.dispatch([
        { api: onMd ? 'md' : 'td', name, data, info, requestId: rng.int(0, 9), isLast: false, reason: 0 },
      ]);
    }
    me.eventEngine.drain();
    assert.equal(bad.slice(0, 5), [], 'no handler threw; no NaN or infinity in a pushed object');
    assert.is(me.getGateway('TORA').status, GatewayStatus.CONNECTED);
    const id = me.sendOrder(
      {
        symbol: '600000',
        exchange: Exchange.SSE,
        direction: Direction.LONG,
        type: OrderType.LIMIT,
        offset: Offset.NONE,
        price: 10.01,
        volume: 100,
      },
      'TORA',
    );
    await until(() => me.getOrder(id)?.status === Status.ALLTRADED, 'a real order still fills');
  } finally {
    await me.close();
    await sim.stop();
  }
});

test.run();
