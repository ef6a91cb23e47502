// Display labels for enum values, one table per locale. English by default; the Chinese locale restores
// VN Trader's labels for traders who know them.
import { Direction, Exchange, Offset, OptionType, OrderType, Product, Status } from './constant.js';

export type Locale = 'en' | 'zh';

type LabelTable = Record<string, string>;

const EN: LabelTable = {
  [`Direction.${Direction.LONG}`]: 'Long',
  [`Direction.${Direction.SHORT}`]: 'Short',
  [`Direction.${Direction.NET}`]: 'Net',
  [`Offset.${Offset.NONE}`]: '',
  [`Offset.${Offset.OPEN}`]: 'Open',
  [`Offset.${Offset.CLOSE}`]: 'Close',
  [`Offset.${Offset.CLOSETODAY}`]: 'CloseToday',
  [`Offset.${Offset.CLOSEYESTERDAY}`]: 'CloseYday',
  [`Status.${Status.SUBMITTING}`]: 'Submitting',
  [`Status.${Status.NOTTRADED}`]: 'Not traded',
  [`Status.${Status.PARTTRADED}`]: 'Part traded',
  [`Status.${Status.ALLTRADED}`]: 'All traded',
  [`Status.${Status.CANCELLED}`]: 'Cancelled',
  [`Status.${Status.REJECTED}`]: 'Rejected',
  [`Product.${Product.EQUITY}`]: 'Equity',
  [`Product.${Product.FUTURES}`]: 'Futures',
  [`Product.${Product.OPTION}`]: 'Option',
  [`Product.${Product.INDEX}`]: 'Index',
  [`Product.${Product.FOREX}`]: 'Forex',
  [`Product.${Product.SPOT}`]: 'Spot',
  [`Product.${Product.ETF}`]: 'ETF',
  [`Product.${Product.BOND}`]: 'Bond',
  [`Product.${Product.WARRANT}`]: 'Warrant',
  [`Product.${Product.SPREAD}`]: 'Spread',
  [`Product.${Product.FUND}`]: 'Fund',
  [`Product.${Product.SWAP}`]: 'Swap',
  [`OrderType.${OrderType.LIMIT}`]: 'Limit',
  [`OrderType.${OrderType.MARKET}`]: 'Market',
  [`OrderType.${OrderType.STOP}`]: 'Stop',
  [`OrderType.${OrderType.FAK}`]: 'FAK',
  [`OrderType.${OrderType.FOK}`]: 'FOK',
  [`OrderType.${OrderType.POSTONLY}`]: 'Post-only',
  [`OptionType.${OptionType.CALL}`]: 'Call',
  [`OptionType.${OptionType.PUT}`]: 'Put',
};

const ZH: LabelTable = {
  [`Direction.${Direction.LONG}`]: '多',
  [`Direction.${Direction.SHORT}`]: '空',
  [`Direction.${Direction.NET}`]: '净',
  [`Offset.${Offset.NONE}`]: '',
  [`Offset.${Offset.OPEN}`]: '开',
  [`Offset.${Offset.CLOSE}`]: '平',
  [`Offset.${Offset.CLOSETODAY}`]: '平今',
  [`Offset.${Offset.CLOSEYESTERDAY}`]: '平昨',
  [`Status.${Status.SUBMITTING}`]: '提交中',
  [`Status.${Status.NOTTRADED}`]: '未成交',
  [`Status.${Status.PARTTRADED}`]: '部分成交',
  [`Status.${Status.ALLTRADED}`]: '全部成交',
  [`Status.${Status.CANCELLED}`]: '已撤销',
  [`Status.${Status.REJECTED}`]: '拒单',
  [`Product.${Product.EQUITY}`]: '股票',
  [`Product.${Product.FUTURES}`]: '期货',
  [`Product.${Product.OPTION}`]: '期权',
  [`Product.${Product.INDEX}`]: '指数',
  [`Product.${Product.FOREX}`]: '外汇',
  [`Product.${Product.SPOT}`]: '现货',
  [`Product.${Product.ETF}`]: 'ETF',
  [`Product.${Product.BOND}`]: '债券',
  [`Product.${Product.WARRANT}`]: '权证',
  [`Product.${Product.SPREAD}`]: '价差',
  [`Product.${Product.FUND}`]: '基金',
  [`Product.${Product.SWAP}`]: '永续',
  [`OrderType.${OrderType.LIMIT}`]: '限价',
  [`OrderType.${OrderType.MARKET}`]: '市价',
  [`OrderType.${OrderType.STOP}`]: 'STOP',
  [`OrderType.${OrderType.FAK}`]: 'FAK',
  [`OrderType.${OrderType.FOK}`]: 'FOK',
  [`OrderType.${OrderType.POSTONLY}`]: '只做Maker',
  [`OptionType.${OptionType.CALL}`]: '看涨期权',
  [`OptionType.${OptionType.PUT}`]: '看跌期权',
};

const TABLES: Record<Locale, LabelTable> = { en: EN, zh: ZH };

type Enums = {
  Direction: Direction;
  Offset: Offset;
  Status: Status;
  Product: Product;
  OrderType: OrderType;
  OptionType: OptionType;
  Exchange: Exchange;
};

let current: Locale = 'en';

export function setLocale(locale: Locale): void {
  current = locale;
}

export function getLocale(): Locale {
  return current;
}

/** The label of an enum value in the current (or given) locale; exchanges show their code. */
export function label<E extends keyof Enums>(enumName: E, value: Enums[E], locale: Locale = current): string {
  return TABLES[locale][`${enumName}.${value}`] ?? String(value);
}
