// The CTP structs vnt reads and writes, in three layouts (the third, "mini", is CTP Mini's, from
// bindings/mini/structs.ts): "legacy" (6.3.x, InstrumentID char[31] near the start)
// and "modern" (6.5.1 on, InstrumentID char[81] moved to the end, its old place kept as reserve1). Declared
// from the documented field facts (name, C type, order), never from vendor headers. Each layout stops at the
// last field vnt uses: fields SFIT appended in later versions are then never read past the end of an older
// version's smaller struct. koffi computes the layout (natural alignment, like g++, checked by the tests);
// values are read and written at koffi's offsets on plain Buffers, and text is decoded as GBK.
import {
  cppDeclarations as declare,
  defineStructs,
  type NativeRecord,
  type NativeStruct,
  type StructSet as NativeStructSet,
} from '../native/structs.js';
import { MINI_SPECS } from '../mini/structs.js';
import {
  shared,
  orderBody,
  orderTail,
  tradeMid,
  tradeTail,
  positionBody,
  instrumentMid,
  depthBody,
  loginHead,
  inputOrderMid,
  actionHead,
  marginRateBody,
  commissionRateBody,
} from './fields.js';

/** CTP 6.3.x, CTP 6.5.1 on, CTP Mini (bindings/mini/structs.ts). */
export type Generation = 'legacy' | 'modern' | 'mini';
export type CtpValue = NativeRecord[string];
export type CtpRecord = NativeRecord;

const legacySpecs = {
  ...shared,
  ReqUserLogin: `${loginHead}, ClientIPAddress c16, LoginRemark c36, ClientIPPort i`,
  QryInstrument: 'InstrumentID c31, ExchangeID c9, ExchangeInstID c31, ProductID c31',
  Instrument:
    'InstrumentID c31, ExchangeID c9, InstrumentName c21, ExchangeInstID c31, ProductID c31, ' +
    `${instrumentMid}, UnderlyingInstrID c31, StrikePrice d, OptionsType c, UnderlyingMultiple d, CombinationType c`,
  QryInvestorPosition: 'BrokerID c11, InvestorID c13, InstrumentID c31, ExchangeID c9, InvestUnitID c17',
  InvestorPosition: `InstrumentID c31, ${positionBody}`,
  InputOrder: `BrokerID c11, InvestorID c13, InstrumentID c31, ${orderBody}, ${inputOrderMid}, IPAddress c16, MacAddress c21`,
  InputOrderAction: `${actionHead}, InstrumentID c31, InvestUnitID c17, IPAddress c16, MacAddress c21`,
  Order:
    `BrokerID c11, InvestorID c13, InstrumentID c31, ${orderBody}, OrderLocalID c13, ExchangeID c9, ` +
    `ParticipantID c11, ClientID c11, ExchangeInstID c31, ${orderTail}, IPAddress c16, MacAddress c21`,
  Trade: `BrokerID c11, InvestorID c13, InstrumentID c31, ${tradeMid}, ExchangeInstID c31, ${tradeTail}`,
  SpecificInstrument: 'InstrumentID c31',
  DepthMarketData: `TradingDay c9, InstrumentID c31, ExchangeID c9, ExchangeInstID c31, ${depthBody}`,
  QryInstrumentMarginRate: 'BrokerID c11, InvestorID c13, InstrumentID c31, HedgeFlag c',
  InstrumentMarginRate: `InstrumentID c31, ${marginRateBody}`,
  QryInstrumentCommissionRate: 'BrokerID c11, InvestorID c13, InstrumentID c31',
  InstrumentCommissionRate: `InstrumentID c31, ${commissionRateBody}`,
};

const modernSpecs: Record<keyof typeof legacySpecs, string> = {
  ...shared,
  ReqUserLogin: `${loginHead}, reserve1 c16, LoginRemark c36, ClientIPPort i, ClientIPAddress c33`,
  QryInstrument:
    'reserve1 c31, ExchangeID c9, reserve2 c31, reserve3 c31, InstrumentID c81, ExchangeInstID c81, ProductID c81',
  Instrument:
    'reserve1 c31, ExchangeID c9, InstrumentName c21, reserve2 c31, reserve3 c31, ' +
    `${instrumentMid}, reserve4 c31, StrikePrice d, OptionsType c, UnderlyingMultiple d, CombinationType c, ` +
    'InstrumentID c81, ExchangeInstID c81, ProductID c81, UnderlyingInstrID c81',
  QryInvestorPosition:
    'BrokerID c11, InvestorID c13, reserve1 c31, ExchangeID c9, InvestUnitID c17, InstrumentID c81',
  InvestorPosition: `reserve1 c31, ${positionBody}, PositionCostOffset d, TasPosition i, TasPositionCost d, InstrumentID c81`,
  InputOrder:
    `BrokerID c11, InvestorID c13, reserve1 c31, ${orderBody}, ${inputOrderMid}, reserve2 c16, MacAddress c21, ` +
    'InstrumentID c81, IPAddress c33',
  InputOrderAction: `${actionHead}, reserve1 c31, InvestUnitID c17, reserve2 c16, MacAddress c21, InstrumentID c81, IPAddress c33`,
  Order:
    `BrokerID c11, InvestorID c13, reserve1 c31, ${orderBody}, OrderLocalID c13, ExchangeID c9, ` +
    `ParticipantID c11, ClientID c11, reserve2 c31, ${orderTail}, reserve3 c16, MacAddress c21, InstrumentID c81, ` +
    'ExchangeInstID c81, IPAddress c33',
  Trade: `BrokerID c11, InvestorID c13, reserve1 c31, ${tradeMid}, reserve2 c31, ${tradeTail}, InstrumentID c81, ExchangeInstID c81`,
  SpecificInstrument: 'reserve1 c31, InstrumentID c81',
  DepthMarketData: `TradingDay c9, reserve1 c31, ExchangeID c9, reserve2 c31, ${depthBody}, InstrumentID c81, ExchangeInstID c81`,
  QryInstrumentMarginRate:
    'BrokerID c11, InvestorID c13, reserve1 c31, HedgeFlag c, ExchangeID c9, InvestUnitID c17, InstrumentID c81',
  InstrumentMarginRate: `reserve1 c31, ${marginRateBody}, ExchangeID c9, InvestUnitID c17, InstrumentID c81`,
  QryInstrumentCommissionRate:
    'BrokerID c11, InvestorID c13, reserve1 c31, ExchangeID c9, InvestUnitID c17, InstrumentID c81',
  InstrumentCommissionRate: `reserve1 c31, ${commissionRateBody}, ExchangeID c9, BizType c, InvestUnitID c17, InstrumentID c81`,
};

export type StructName = keyof typeof legacySpecs;
// Every layout declares the same structs.
MINI_SPECS satisfies Record<StructName, string>;
export const STRUCT_NAMES = Object.keys(legacySpecs) as StructName[];

export type CtpStruct = NativeStruct<StructName>;
export type StructSet = NativeStructSet<StructName>;

const cache = new Map<Generation, StructSet>();

/** The structs of one generation; text is GBK. */
export function structsFor(generation: Generation): StructSet {
  let set = cache.get(generation);
  if (!set) {
    const specs = { legacy: legacySpecs, modern: modernSpecs, mini: MINI_SPECS }[generation];
    set = defineStructs(specs, { encoding: 'gbk' });
    cache.set(generation, set);
  }
  return set;
}

/** The vendor's C++ name of a struct. */
export const cppStructName = (name: StructName): string => `CThostFtdc${name}Field`;

/** C++ declarations of the same structs (for the simulated library and the layout test); vendor names. */
export function cppDeclarations(generation: Generation): string {
  return declare(structsFor(generation), cppStructName);
}
