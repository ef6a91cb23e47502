// The TWS framing and message codecs, against byte fixtures built from IB's documented field orders (and
// messages captured from TWS as published in IB API client test suites).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  encodeHandshake,
  encodeMessage,
  FieldReader,
  FrameDecoder,
  FrameError,
  parseVersionRange,
  splitFields,
} from '../../../gateways/ib/codec.js';
import * as incoming from '../../../gateways/ib/incoming.js';
import { decodeServerMessage } from '../../../gateways/ib/incoming.js';
import * as outgoing from '../../../gateways/ib/outgoing.js';
import { decodeClientRequest } from '../../../gateways/ib/outgoing.js';
import { contractFromDetails } from '../../../gateways/ib/parse.js';
import { ibContract, MAX_CLIENT_VERSION } from '../../../gateways/ib/protocol.js';
import { IB_SIM_INSTRUMENTS } from '../../../gateways/ib/sim/instruments.js';

/** A frame from "|"-separated text, the way IB's docs and test suites write captured messages. */
function frame(text: string): Buffer {
  const body = Buffer.from(text.replace(/\|/g, '\0'), 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

const isFrameError = (e: unknown): boolean => e instanceof FrameError;

function decodeAll(dec: FrameDecoder): string[][] {
  const out: string[][] = [];
  for (let f = dec.next(); f; f = dec.next()) out.push(f);
  return out;
}

const CAPTURED = [
  '176|20250323 22:21:01 Greenwich Mean Time|',
  '15|1|DU1234567|',
  '9|1|1|',
  '4|2|-1|2104|Market data farm connection is OK:usfarm||',
  '1|6|9000|1|185.50|100|7|',
  '3|1|Submitted|0|1|0|2126726143|0|0|100||0|',
];

test('handshake: API prefix, then a length-prefixed version range', () => {
  const bytes = encodeHandshake(100, 177);
  assert.is(bytes.subarray(0, 4).toString('latin1'), 'API\0');
  assert.is(bytes.readUInt32BE(4), 'v100..177'.length);
  assert.is(bytes.subarray(8).toString('ascii'), 'v100..177');
  assert.is(encodeHandshake(176, 177, '+PACEAPI').subarray(8).toString(), 'v176..177 +PACEAPI');
  assert.equal(parseVersionRange('v100..177'), { min: 100, max: 177, options: '' });
  assert.equal(parseVersionRange('v176..177 +PACEAPI'), { min: 176, max: 177, options: '+PACEAPI' });
  assert.equal(parseVersionRange('v150'), { min: 150, max: 150, options: '' });
  assert.is(parseVersionRange('v177..100'), undefined);
  assert.is(parseVersionRange('GET / HTTP/1.1'), undefined);
  assert.ok(MAX_CLIENT_VERSION < 201, 'the offered range stays below the protobuf era');
});

test('framing: encodeMessage writes a big-endian length and NUL-terminated fields', () => {
  const bytes = encodeMessage([71, 2, 7, '', true, false, 1.5]);
  assert.is(bytes.readUInt32BE(0), bytes.length - 4);
  assert.is(bytes.subarray(4).toString(), '71\x002\x007\x00\x001\x000\x001.5\x00');
  assert.throws(() => encodeMessage(['a\0b']), isFrameError);
  assert.throws(() => encodeMessage([Number.NaN]), isFrameError);
});

test('decoder: whole, coalesced and byte-by-byte delivery give the same frames', () => {
  const stream = Buffer.concat(CAPTURED.map(frame));
  const expected = CAPTURED.map((t) => t.split('|').slice(0, -1));

  const whole = new FrameDecoder();
  whole.push(stream);
  assert.equal(decodeAll(whole), expected);
  assert.is(whole.pending, 0);

  const bytewise = new FrameDecoder();
  const got: string[][] = [];
  for (let i = 0; i < stream.length; i++) {
    bytewise.push(stream.subarray(i, i + 1));
    got.push(...decodeAll(bytewise));
  }
  assert.equal(got, expected);

  // Chunks that cut through length prefixes and fields at odd places.
  const odd = new FrameDecoder();
  const got2: string[][] = [];
  for (let i = 0; i < stream.length; i += 7) {
    odd.push(stream.subarray(i, Math.min(stream.length, i + 7)));
    got2.push(...decodeAll(odd));
  }
  assert.equal(got2, expected);
});

test('decoder: a partial frame waits, an absurd length is refused', () => {
  const dec = new FrameDecoder(1024);
  const f = frame('9|1|42|');
  dec.push(f.subarray(0, 6));
  assert.is(dec.next(), undefined);
  assert.is(dec.pending, 6);
  dec.push(f.subarray(6));
  assert.equal(dec.next(), ['9', '1', '42']);
  const bad = Buffer.alloc(4);
  bad.writeUInt32BE(1 << 30);
  dec.push(bad);
  assert.throws(() => dec.next(), isFrameError);
});

test('fields: empty fields survive, a missing final NUL still yields the last field', () => {
  assert.equal(splitFields(Buffer.from('a\0\0b\0')), ['a', '', 'b']);
  assert.equal(splitFields(Buffer.from('a\0b')), ['a', 'b']);
  const r = new FieldReader(['12', '', '1.7976931348623157e+308', 'x']);
  assert.is(r.int(), 12);
  assert.is(r.num(), 0, 'empty reads as 0');
  assert.is(r.num(), 0, 'unset double reads as 0');
  assert.throws(() => r.int(), isFrameError, 'garbage in an integer field throws');
});

test('captured: server messages decode into what they say', () => {
  const sv = 176;
  const dec = (t: string) => decodeServerMessage(t.split('|').slice(0, -1), sv);
  assert.equal(dec('15|1|DU1234567,DU7654321|'), {
    kind: 'managedAccounts',
    accounts: ['DU1234567', 'DU7654321'],
  });
  assert.equal(dec('9|1|1|'), { kind: 'nextValidId', orderId: 1 });
  assert.equal(dec('4|2|-1|2104|Market data farm connection is OK:usfarm||'), {
    kind: 'error',
    msg: {
      reqId: -1,
      code: 2104,
      message: 'Market data farm connection is OK:usfarm',
      advancedOrderRejectJson: '',
    },
  });
  assert.equal(dec('1|6|9000|1|185.50|100|7|'), {
    kind: 'tickPrice',
    msg: { reqId: 9000, tickType: 1, price: 185.5, size: 100, attrMask: 7 },
  });
  assert.equal(dec('2|6|9000|0|300|'), { kind: 'tickSize', msg: { reqId: 9000, tickType: 0, size: 300 } });
  assert.equal(dec('46|6|9000|45|1742768461|'), {
    kind: 'tickString',
    msg: { reqId: 9000, tickType: 45, value: '1742768461' },
  });
  const status = dec('3|1|Submitted|0|1|0|2126726143|0|0|100||0|');
  assert.is(status.kind, 'orderStatus');
  if (status.kind === 'orderStatus') {
    assert.is(status.msg.orderId, 1);
    assert.is(status.msg.status, 'Submitted');
    assert.is(status.msg.remaining, 1);
    assert.is(status.msg.permId, 2126726143);
    assert.is(status.msg.clientId, 100);
  }
  assert.equal(dec('6|2|NetLiquidation|100000.00|USD|DU1234567|'), {
    kind: 'accountValue',
    msg: { key: 'NetLiquidation', value: '100000.00', currency: 'USD', account: 'DU1234567' },
  });
  assert.equal(dec('59|1|0000e0d5.67fb1a0c.01.01|1.0|USD|1.7976931348623157E308|1.7976931348623157E308||'), {
    kind: 'commission',
    msg: { execId: '0000e0d5.67fb1a0c.01.01', commission: 1, currency: 'USD', realizedPnl: 0 },
  });
  const exec = dec(
    '11|-1|12|265598|AAPL|STK||0.0|||ISLAND|USD|AAPL|NMS|0000e0d5.67fb1a0c.01.01|20250323 14:30:01 US/Eastern|DU1234567|ISLAND|BOT|100|185.5|2126726143|100|0|100|185.5|ref1||||2|',
  );
  assert.is(exec.kind, 'execution');
  if (exec.kind === 'execution') {
    assert.is(exec.msg.orderId, 12);
    assert.is(exec.msg.contract.conId, 265598);
    assert.is(exec.msg.contract.exchange, 'ISLAND');
    assert.is(exec.msg.execution.side, 'BOT');
    assert.is(exec.msg.execution.shares, 100);
    assert.is(exec.msg.execution.cumQty, 100);
    assert.is(exec.msg.execution.orderRef, 'ref1');
  }
  const pos = dec('61|3|DU1234567|265598|AAPL|STK||0.0|||NASDAQ|USD|AAPL|NMS|300|150.25|');
  assert.equal(
    pos.kind === 'position' && [pos.msg.account, pos.msg.contract.conId, pos.msg.position, pos.msg.avgCost],
    ['DU1234567', 265598, 300, 150.25],
  );
  const hist = dec(
    '17|3|20250320 00:00:00|20250323 00:00:00|2|20250320|1.5|2|1|1.75|1000|1.6|12|20250321|1.75|2.5|1.5|2|800|2|9|',
  );
  assert.is(hist.kind, 'historicalData');
  if (hist.kind === 'historicalData') {
    assert.is(hist.msg.bars.length, 2);
    assert.equal(hist.msg.bars[1], {
      date: '20250321',
      open: 1.75,
      high: 2.5,
      low: 1.5,
      close: 2,
      volume: 800,
      wap: 2,
      barCount: 9,
    });
  }
  assert.equal(dec('12|1|7|0|0|1|185.49|200|'), {
    kind: 'depth',
    msg: { reqId: 7, position: 0, operation: 0, side: 1, price: 185.49, size: 200 },
  });
  assert.equal(dec('13|1|7|1|NSDQ|1|0|185.51|300|1|'), {
    kind: 'depth',
    msg: { reqId: 7, position: 1, operation: 1, side: 0, price: 185.51, size: 300 },
  });
  assert.equal(dec('999|1|x|'), { kind: 'other', msgId: 999 });
});

test('captured: CONTRACT_DATA for AAPL, and the REQ_CONTRACT_DATA that asks for it', () => {
  // A contract-details answer for AAPL in the layout TWS uses since server version 164 (size rules), lists
  // shortened: reqId, symbol ... conId, minTick, multiplier, order types, valid exchanges, ..., sec ids
  // (ISIN), aggGroup, market rules, stock type, min size, size increment, suggested increment.
  const captured =
    '10|9000|AAPL|STK||0||SMART|USD|AAPL|NMS|NMS|265598|0.01||LMT,MKT,STP|SMART,NASDAQ|1|0|APPLE INC|NASDAQ||' +
    'Technology|Computers|Computers|US/Eastern|20250324:0400-20250324:2000|20250324:0930-20250324:1600|||' +
    '1|ISIN|US0378331005|1|||26,26||COMMON|0.0001|0.0001|100|';
  const m = decodeServerMessage(captured.split('|').slice(0, -1), 176);
  assert.ok(m.kind === 'contractDetails');
  if (m.kind === 'contractDetails') {
    assert.is(m.msg.reqId, 9000);
    assert.is(m.msg.contract.conId, 265598);
    assert.is(m.msg.contract.exchange, 'SMART');
    assert.is(m.msg.contract.primaryExchange, 'NASDAQ');
    assert.is(m.msg.contract.tradingClass, 'NMS');
    assert.is(m.msg.minTick, 0.01);
    assert.is(m.msg.longName, 'APPLE INC');
    assert.is(m.msg.timeZoneId, 'US/Eastern');
    assert.is(m.msg.tradingHours, '20250324:0400-20250324:2000');
    assert.is(m.msg.liquidHours, '20250324:0930-20250324:1600');
    assert.is(
      contractFromDetails(m.msg, 'IB')!.tradingHours,
      'Mon 03-24 04:00-20:00 (US/Eastern) — liquid Mon 03-24 09:30-16:00',
    );
    assert.is(m.msg.minSize, 0.0001);
    assert.is(m.msg.sizeIncrement, 0.0001);
  }
  // The request for it, field by field as IB's EClient writes it from server version 176 (issuerId last).
  const ours = encodeMessage(
    outgoing.reqContractDetails(
      176,
      9000,
      ibContract({ symbol: 'AAPL', secType: 'STK', exchange: 'SMART', currency: 'USD' }),
    ),
  );
  assert.is(ours.subarray(4).toString().replace(/\0/g, '|'), '9|8|9000|0|AAPL|STK||0|||SMART||USD|||0||||');
});

test("recorded: an order's OPEN_ORDER, ORDER_STATUS and EXECUTION_DATA as TWS sends them (version 173)", () => {
  // TWS fills the delta-neutral block with "None" and so sends 136 fields; the gateway reads the prefix only.
  const openOrder =
    '5|5|265598|AAPL|STK||0|?||SMART|USD|AAPL|NMS|BUY|100|MKT|0.0|0.0|DAY||DU1234567||0||100|600745656|0|0|0||' +
    '600745656.0/DU1234567/100||||||||||0||-1|0||||||2147483647|0|0|0||3|0|0||0|0||0|None||0||||?|0|0||0|0|||||' +
    '|0|0|0|2147483647|2147483647|||0||IB|0|0||0|0|Filled|' +
    Array(9).fill('1.7976931348623157E308').join('|') +
    '||||||0|0|0|None|' +
    Array(6).fill('1.7976931348623157E308').join('|') +
    '|0||||0|1|0|0|0|||0||100|0.02|||';
  const fields = openOrder.split('|').slice(0, -1);
  assert.is(fields.length, 136);
  const oo = decodeServerMessage(fields, 173);
  assert.ok(oo.kind === 'openOrder');
  if (oo.kind === 'openOrder') {
    assert.equal(
      [oo.msg.orderId, oo.msg.contract.conId, oo.msg.contract.exchange, oo.msg.action, oo.msg.totalQuantity],
      [5, 265598, 'SMART', 'BUY', 100],
    );
    assert.equal(
      [oo.msg.orderType, oo.msg.tif, oo.msg.account, oo.msg.clientId, oo.msg.permId],
      ['MKT', 'DAY', 'DU1234567', 100, 600745656],
    );
    // Read through to the order state: no what-if, and TWS's unset figures are no figures.
    assert.equal([oo.msg.whatIf, oo.msg.state], [false, { commissionCurrency: '', warningText: '' }]);
  }
  const st = decodeServerMessage(
    '3|5|Filled|100|0|201.94|600745656|0|201.94|100||0|'.split('|').slice(0, -1),
    173,
  );
  assert.ok(
    st.kind === 'orderStatus' &&
      st.msg.status === 'Filled' &&
      st.msg.filled === 100 &&
      st.msg.avgFillPrice === 201.94,
  );
  const ex = decodeServerMessage(
    '11|-1|5|265598|AAPL|STK||0.0|||IEX|USD|AAPL|NMS|0000e0d5.67fe667b.01.01|20250415  19:38:31|DU1234567|IEX|BOT|100|201.94|600745656|100|0|100|201.94|||||2|'
      .split('|')
      .slice(0, -1),
    173,
  );
  assert.ok(ex.kind === 'execution');
  if (ex.kind === 'execution') {
    assert.equal(
      [
        ex.msg.orderId,
        ex.msg.execution.execId,
        ex.msg.execution.time,
        ex.msg.execution.side,
        ex.msg.execution.shares,
        ex.msg.execution.price,
      ],
      [5, '0000e0d5.67fe667b.01.01', '20250415  19:38:31', 'BOT', 100, 201.94],
    );
  }
});

test('round trip: what the simulator writes, the gateway reads (every message the gateway uses)', () => {
  const contract = IB_SIM_INSTRUMENTS[0]!.contract; // AAPL, SMART, primary NASDAQ
  for (const sv of [176, 177]) {
    const read = (fields: ReturnType<typeof incoming.tickPrice>) => {
      const bytes = encodeMessage(fields);
      const d = new FrameDecoder();
      d.push(bytes);
      return decodeServerMessage(d.next()!, sv);
    };
    const details: incoming.ContractDetailsMsg = {
      reqId: 4,
      contract,
      marketName: 'NMS',
      minTick: 0.01,
      orderTypes: 'LMT,MKT,STP',
      validExchanges: 'SMART,ISLAND',
      longName: 'APPLE INC',
      timeZoneId: 'US/Eastern',
      // IB's documented example of the form before TWS 970 (contract details page).
      tradingHours: '20090507:0700-1830,1830-2330;20090508:CLOSED',
      liquidHours: '20090507:0930-1600;20090508:CLOSED',
      minSize: 1,
      sizeIncrement: 1,
    };
    const got = read(incoming.contractDetails(sv, details));
    assert.equal(got, { kind: 'contractDetails', msg: details }, `contract details at ${sv}`);
    const oo = read(
      incoming.openOrder(sv, {
        orderId: 12,
        contract,
        action: 'BUY',
        totalQuantity: 100,
        orderType: 'LMT',
        lmtPrice: 185.5,
        auxPrice: 0,
        tif: 'DAY',
        account: 'DU1',
        orderRef: 'ref',
        clientId: 1,
        permId: 99,
        status: 'Submitted',
      }),
    );
    assert.ok(oo.kind === 'openOrder');
    if (oo.kind === 'openOrder') {
      assert.is(oo.msg.orderId, 12);
      assert.is(oo.msg.contract.conId, 265598);
      assert.is(oo.msg.lmtPrice, 185.5);
      assert.is(oo.msg.account, 'DU1');
      assert.is(oo.msg.orderRef, 'ref');
      assert.is(oo.msg.permId, 99);
    }
    const pv = read(
      incoming.portfolioValue({
        contract,
        position: 5,
        marketPrice: 10,
        marketValue: 50,
        averageCost: 9,
        unrealizedPnl: 5,
        realizedPnl: 0,
        account: 'DU1',
      }),
    );
    assert.ok(
      pv.kind === 'portfolio' &&
        pv.msg.position === 5 &&
        pv.msg.averageCost === 9 &&
        pv.msg.account === 'DU1',
    );
  }
});

/** A plain LMT order, as the gateway sends it and as TWS reports it. */
const PLAIN_CONTRACT = ibContract({ conId: 265598, exchange: 'SMART' });
const PLAIN_ORDER: outgoing.IbOrder = {
  action: 'BUY',
  totalQuantity: 1,
  orderType: 'LMT',
  lmtPrice: 1,
  tif: 'DAY',
  account: 'DU1',
  orderRef: '',
};
const PLAIN_OPEN_ORDER: incoming.OpenOrderMsg = {
  ...PLAIN_ORDER,
  orderId: 1,
  contract: PLAIN_CONTRACT,
  lmtPrice: 1,
  auxPrice: 0,
  clientId: 1,
  permId: 1,
  status: 'Submitted',
};

test("field counts: PLACE_ORDER and OPEN_ORDER match the sequences in IB's client and decoder", () => {
  // Counted field by field from EClient.placeOrder and the OPEN_ORDER decoder for a plain LMT order
  // (no combo legs, algo, conditions or delta-neutral parts): 114 and 127 fields at server version 177,
  // one more each at 176 (the deprecated faProfile).
  const [c, o, oo] = [PLAIN_CONTRACT, PLAIN_ORDER, PLAIN_OPEN_ORDER];
  assert.is(outgoing.placeOrder(177, 1, c, o).length, 114);
  assert.is(outgoing.placeOrder(176, 1, c, o).length, 115);
  assert.is(
    outgoing.placeOrder(177, 1, { ...c, exchange: 'IBKRATS' }, o).length,
    115,
    'IBKRATS adds minTradeQty',
  );
  assert.is(incoming.openOrder(177, oo).length, 127);
  assert.is(incoming.openOrder(176, oo).length, 128);
});

test("what-if: PLACE_ORDER's whatIf flag reaches the simulator; OPEN_ORDER's order state comes back", () => {
  const contract = PLAIN_CONTRACT;
  const order: outgoing.IbOrder = { ...PLAIN_ORDER, totalQuantity: 100, lmtPrice: 190 };
  const state: incoming.OrderStateFigures = {
    initMarginBefore: 0,
    maintMarginBefore: 0,
    equityWithLoanBefore: 1_000_000,
    initMarginChange: 9500,
    maintMarginChange: 4750,
    equityWithLoanChange: -1.9,
    initMarginAfter: 9500,
    maintMarginAfter: 4750,
    equityWithLoanAfter: 999_998.1,
    commission: 1.9,
    commissionCurrency: 'USD',
    warningText: '',
  };
  for (const sv of [141, 142, 176, 177]) {
    for (const whatIf of [true, false]) {
      const fields = outgoing.placeOrder(sv, 7, contract, { ...order, whatIf });
      const parsed = decodeClientRequest(splitFields(encodeMessage(fields).subarray(4)), sv);
      assert.ok(parsed.kind === 'placeOrder' && parsed.order.whatIf === whatIf, `whatIf ${whatIf} at ${sv}`);
    }
    const oo = decodeServerMessage(
      incoming
        .openOrder(sv, {
          ...PLAIN_OPEN_ORDER,
          totalQuantity: 100,
          lmtPrice: 190,
          status: 'PreSubmitted',
          whatIf: true,
          state,
        })
        .map(String),
      sv,
    );
    assert.ok(oo.kind === 'openOrder' && oo.msg.whatIf, `whatIf read at ${sv}`);
    // Before WHAT_IF_EXT_FIELDS (142) TWS sends the figures after the order only.
    const expected =
      sv >= 142
        ? state
        : Object.fromEntries(Object.entries(state).filter(([k]) => !/(Before|Change)$/.test(k)));
    if (oo.kind === 'openOrder') assert.equal(oo.msg.state, expected, `order state at ${sv}`);
  }
});

test('client requests: the simulator reads back what the gateway sends, PLACE_ORDER gated by version', () => {
  const contract = PLAIN_CONTRACT;
  const order: outgoing.IbOrder = {
    ...PLAIN_ORDER,
    ...{ action: 'SELL', totalQuantity: 3, orderType: 'STP', lmtPrice: undefined, auxPrice: 180.25 },
    orderRef: 'me',
  };
  const f176 = outgoing.placeOrder(176, 41, contract, order);
  const f177 = outgoing.placeOrder(177, 41, contract, order);
  assert.is(f176.length, f177.length + 1, 'server version 177 drops the deprecated faProfile field');
  const parsed = decodeClientRequest(splitFields(encodeMessage(f177).subarray(4)), 177);
  assert.equal(parsed, {
    kind: 'placeOrder',
    orderId: 41,
    contract: ibContract({ conId: 265598, exchange: 'SMART' }),
    order: { ...order, lmtPrice: undefined, whatIf: false },
    fieldCount: f177.length,
  });
  assert.is(f177[1], 41);
  assert.is(f177[16], 'SELL', 'action follows the 12 contract fields and secIdType/secId');
  assert.is(f177[19], '', 'an unset limit price is an empty field');
  const mkt = decodeClientRequest(
    splitFields(encodeMessage(outgoing.reqMktData(177, 7, contract)).subarray(4)),
    177,
  );
  assert.equal(mkt, { kind: 'reqMktData', reqId: 7, contract });
  const cd = decodeClientRequest(
    splitFields(
      encodeMessage(
        outgoing.reqContractDetails(
          177,
          3,
          ibContract({ symbol: 'AAPL', secType: 'STK', currency: 'USD', exchange: 'SMART' }),
        ),
      ).subarray(4),
    ),
    177,
  );
  assert.ok(
    cd.kind === 'reqContractDetails' && cd.contract.symbol === 'AAPL' && cd.contract.secType === 'STK',
  );
  const ex = decodeClientRequest(
    splitFields(
      encodeMessage(
        outgoing.reqExecutions(5, {
          clientId: 1,
          acctCode: 'DU1',
          time: '',
          symbol: '',
          secType: '',
          exchange: '',
          side: '',
        }),
      ).subarray(4),
    ),
    177,
  );
  assert.ok(ex.kind === 'reqExecutions' && ex.reqId === 5 && ex.filter.clientId === 1);
  assert.equal(decodeClientRequest(splitFields(encodeMessage(outgoing.startApi(9)).subarray(4)), 177), {
    kind: 'startApi',
    clientId: 9,
    optionalCapabilities: '',
  });
  assert.equal(decodeClientRequest(['4', '1', '41', ''], 177), { kind: 'cancelOrder', orderId: 41 });
  const h = decodeClientRequest(
    splitFields(
      encodeMessage(
        outgoing.reqHistoricalData(177, {
          reqId: 8,
          contract,
          endDateTime: '',
          barSize: '1 min',
          duration: '1 D',
          useRth: false,
          whatToShow: 'TRADES',
          formatDate: 2,
        }),
      ).subarray(4),
    ),
    177,
  );
  assert.ok(h.kind === 'reqHistoricalData' && h.request.barSize === '1 min' && h.request.formatDate === 2);
});

test.run();
