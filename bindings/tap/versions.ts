// One table per TAP (Esunny iTap) release whose classes are known: virtual-method slots of the methods vnt
// calls and the callbacks it handles, and each class's slot count (checked against the size of the
// library's exported vtable). Facts from reference/vendor-vtables.md and vendor-abi.md (vnpy/vnpy_tap HEAD
// 7e9eadb: trade API 9.3.8.7, quote API 9.3.1.4; slot i = i-th declared virtual, no virtual destructors;
// slot counts confirmed on the real Linux libraries' _ZTV sizes). The factories and version functions are
// extern "C", so their names are plain. A version that is not here is refused.
import { supportedVersions, type Versioned } from '../native/abi.js';
import type { ClassTable } from '../native/vtable.js';

export type TradeMethod =
  | 'SetAPINotify'
  | 'SetHostAddress'
  | 'Login'
  | 'Disconnect'
  | 'QryAccount'
  | 'QryFund'
  | 'QryCommodity'
  | 'QryContract'
  | 'InsertOrder'
  | 'CancelOrder'
  | 'QryOrder'
  | 'QryFill'
  | 'QryPosition';

export type TradeCallback =
  | 'OnConnect'
  | 'OnRspLogin'
  | 'OnAPIReady'
  | 'OnDisconnect'
  | 'OnRspQryAccount'
  | 'OnRspQryFund'
  | 'OnRtnFund'
  | 'OnRspQryCommodity'
  | 'OnRspQryContract'
  | 'OnRspOrderAction'
  | 'OnRtnOrder'
  | 'OnRspQryOrder'
  | 'OnRspQryFill'
  | 'OnRtnFill'
  | 'OnRspQryPosition'
  | 'OnRtnPosition';

export type QuoteMethod =
  | 'SetAPINotify'
  | 'SetHostAddress'
  | 'Login'
  | 'Disconnect'
  | 'QryCommodity'
  | 'QryContract'
  | 'SubscribeQuote'
  | 'UnSubscribeQuote';

export type QuoteCallback =
  | 'OnRspLogin'
  | 'OnAPIReady'
  | 'OnDisconnect'
  | 'OnRspQryCommodity'
  | 'OnRspQryContract'
  | 'OnRspSubscribeQuote'
  | 'OnRspUnSubscribeQuote'
  | 'OnRtnQuote';

export interface TradeAbi extends Versioned {
  api: ClassTable<TradeMethod>;
  spi: ClassTable<TradeCallback>;
}

export interface QuoteAbi extends Versioned {
  api: ClassTable<QuoteMethod>;
  spi: ClassTable<QuoteCallback>;
}

export const TRADE_NAMESPACE = 'ITapTrade';
export const TRADE_CLASS = 'ITapTradeAPI';
export const TRADE_NOTIFY_CLASS = 'ITapTradeAPINotify';
/** The quote API declares its classes outside any namespace. */
export const QUOTE_CLASS = 'ITapQuoteAPI';
export const QUOTE_NOTIFY_CLASS = 'ITapQuoteAPINotify';

/** extern "C" exports. */
export const TRADE_SYMBOLS = {
  create: 'CreateITapTradeAPI',
  free: 'FreeITapTradeAPI',
  version: 'GetITapTradeAPIVersion',
  errorText: 'GetITapErrorDescribe',
} as const;

export const QUOTE_SYMBOLS = {
  create: 'CreateTapQuoteAPI',
  free: 'FreeTapQuoteAPI',
  version: 'GetTapQuoteAPIVersion',
} as const;

export const TRADE_ABIS: readonly TradeAbi[] = [
  {
    versions: ['9.3.8'],
    api: {
      slots: 59,
      at: {
        SetAPINotify: 0, SetHostAddress: 1, Login: 2, Disconnect: 5, QryAccount: 11, QryFund: 12,
        QryCommodity: 14, QryContract: 15, InsertOrder: 16, CancelOrder: 17, QryOrder: 20, QryFill: 22, QryPosition: 23,
      },
    },
    spi: {
      slots: 71,
      at: {
        OnConnect: 0, OnRspLogin: 1, OnAPIReady: 5, OnDisconnect: 6, OnRspQryAccount: 11, OnRspQryFund: 12,
        OnRtnFund: 13, OnRspQryCommodity: 15, OnRspQryContract: 16, OnRspOrderAction: 18, OnRtnOrder: 19, OnRspQryOrder: 20,
        OnRspQryFill: 22, OnRtnFill: 23, OnRspQryPosition: 24, OnRtnPosition: 25,
      },
    },
  },
]; // prettier-ignore

export const QUOTE_ABIS: readonly QuoteAbi[] = [
  {
    versions: ['9.3.1'],
    api: {
      slots: 8,
      at: {
        SetAPINotify: 0, SetHostAddress: 1, Login: 2, Disconnect: 3, QryCommodity: 4, QryContract: 5,
        SubscribeQuote: 6, UnSubscribeQuote: 7,
      },
    },
    spi: {
      slots: 8,
      at: {
        OnRspLogin: 0, OnAPIReady: 1, OnDisconnect: 2, OnRspQryCommodity: 3, OnRspQryContract: 4,
        OnRspSubscribeQuote: 5, OnRspUnSubscribeQuote: 6, OnRtnQuote: 7,
      },
    },
  },
]; // prettier-ignore

export const SUPPORTED_TRADE_VERSIONS: readonly string[] = supportedVersions(TRADE_ABIS);
export const SUPPORTED_QUOTE_VERSIONS: readonly string[] = supportedVersions(QUOTE_ABIS);
