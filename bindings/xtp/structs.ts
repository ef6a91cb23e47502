// The XTP structs vnt reads and writes, declared from the documented field facts (name, C type, order) of the
// public 2.2.27/2.2.32 headers, never from the headers themselves. XTP packs with `#pragma pack(8)`, which is
// natural alignment on x86-64; its enums are 4-byte ints ("i" here). Its unions are declared by their
// members at the union's offset: the side/position_effect union is four uint8 (its uint32 alignment is
// restored by an explicit pad where the previous field ends off a 4-byte boundary), and the market data
// union by the stock members vnt reads followed by reserved bytes up to the union's size. Arrays of numbers
// (bid[10], ask_qty[10]) are ten numbered fields of the same type: the same layout. The fields these
// two releases differ in (risk degrees in the asset answer, a reserved int that became
// position_security_type, the bond member of the union) are reserved here: vnt does not read them, and the
// sizes are equal. Text is UTF-8 (XTP's documentation and its Linux SDK use it).
import {
  cppDeclarations as declare,
  defineStructs,
  type NativeRecord,
  type StructSet as NativeStructSet,
} from '../native/structs.js';

export type XtpRecord = NativeRecord;

const levels = (name: string, code: string) =>
  Array.from({ length: 10 }, (_, i) => `${name}${i + 1} ${code}`).join(', ');

const sideUnion = 'side B, position_effect B, reserved1 B, reserved2 B';

const specs = {
  // XTPRI
  RspInfo: 'error_id i, error_msg c124',
  OrderInsertInfo:
    'order_xtp_id Q, order_client_id I, ticker c16, market i, price d, stop_price d, quantity q, price_type i, ' +
    `${sideUnion}, business_type i`,
  OrderCancelInfo: 'order_cancel_xtp_id Q, order_xtp_id Q',
  OrderInfo:
    'order_xtp_id Q, order_client_id I, order_cancel_client_id I, order_cancel_xtp_id Q, ticker c16, market i, ' +
    `price d, quantity q, price_type i, ${sideUnion}, business_type i, qty_traded q, qty_left q, insert_time q, ` +
    'update_time q, cancel_time q, trade_amount d, order_local_id c11, order_status i, order_submit_status i, ' +
    'order_type c',
  TradeReport:
    'order_xtp_id Q, order_client_id I, ticker c16, market i, local_order_id Q, exec_id c18, price d, quantity q, ' +
    'trade_time q, trade_amount d, report_index Q, order_exch_id c17, trade_type c, reserve_pad c2, ' +
    `${sideUnion}, business_type i, branch_pbu c7`,
  QueryOrderReq: 'ticker c16, begin_time q, end_time q',
  QueryTraderReq: 'ticker c16, begin_time q, end_time q',
  QueryAssetRsp:
    'total_asset d, buying_power d, security_asset d, fund_buy_amount d, fund_buy_fee d, fund_sell_amount d, ' +
    'fund_sell_fee d, withholding_amount d, account_type i, frozen_margin d, frozen_exec_cash d, ' +
    'frozen_exec_fee d, pay_later d, preadva_pay d, orig_banlance d, banlance d, deposit_withdraw d, ' +
    'trade_netting d, captial_asset d, force_freeze_amount d, preferred_amount d, repay_stock_aval_banlance d, ' +
    'fund_order_data_charges d, fund_cancel_data_charges d, reserve_risk c16, reserve_unknown c208',
  QueryStkPositionRsp:
    'ticker c16, ticker_name c64, market i, total_qty q, sellable_qty q, avg_price d, unrealized_pnl d, ' +
    'yesterday_position q, purchase_redeemable_qty q, position_direction i, reserve_security_type i, ' +
    'executable_option q, lockable_position q, executable_underlying q, locked_position q, ' +
    'usable_locked_position q, profit_price d, buy_cost d, profit_cost d, reserve_unknown c328',
  OptionAuctionInfoReq: 'market i, ticker c16',
  OptionAuctionInfoRsp:
    'ticker c16, security_id_source i, symbol c64, contract_id c64, underlying_security_id c16, ' +
    'underlying_security_id_source i, list_date I, last_trade_date I, ticker_type i, day_trading i, ' +
    'call_or_put i, delivery_day I, delivery_month I, exercise_type i, exercise_begin_date I, ' +
    'exercise_end_date I, exercise_price d, qty_unit q, contract_unit q, contract_position q, ' +
    'prev_close_price d, prev_clearing_price d, lmt_buy_max_qty q, lmt_buy_min_qty q, lmt_sell_max_qty q, ' +
    'lmt_sell_min_qty q, mkt_buy_max_qty q, mkt_buy_min_qty q, mkt_sell_max_qty q, mkt_sell_min_qty q, ' +
    'price_tick d, upper_limit_price d, lower_limit_price d, sell_margin d, margin_ratio_param1 d, ' +
    'margin_ratio_param2 d, reserve_unknown c160',
  // Credit (margin) accounts: the answer to CreditCashRepay, QueryCreditFundInfo's row and one debt
  // (QueryCreditDebtInfo), the same in every release from 2.2.27 to 2.2.50.
  CrdCashRepayRsp: 'xtp_id q, request_amount d, cash_repay_amount d',
  CrdFundInfo: 'maintenance_ratio d, all_asset d, all_debt d, line_of_credit d, guaranty d, reserved d',
  CrdDebtInfo:
    'debt_type i, debt_id c33, position_id q, order_xtp_id Q, debt_status i, market i, ticker c16, order_date Q, ' +
    'end_date Q, orig_end_date Q, is_extended b, remain_amt d, remain_qty q, remain_principal d, ' +
    'due_right_qty q, reserve_unknown c16',
  // XTPQSI
  QuoteStaticInfo:
    'exchange_id i, ticker c16, ticker_name c64, ticker_type i, pre_close_price d, upper_limit_price d, ' +
    'lower_limit_price d, price_tick d, buy_qty_unit i, sell_qty_unit i',
  // XTPNQFI (2.2.39 and later): a 新三板 / Beijing contract, from QueryAllNQTickersFullInfo. The eight bytes
  // of 8- and 16-bit bitfields (trade status … layer) and the flags after them are reserved here.
  NQFullInfo:
    'exchange_id i, ticker c16, ticker_name c64, security_type i, ticker_qualification_class i, ' +
    'ticker_abbr_en c64, base_ticker c16, industry_type c6, currency_type c3, trade_unit i, hang_out_date i, ' +
    'value_date i, maturity_date i, per_limit_vol i, buy_vol_unit i, sell_vol_unit i, mini_declared_vol i, ' +
    'limit_price_attr i, market_maker_quantity i, price_gear d, first_limit_trans d, subsequent_limit_trans d, ' +
    'limit_upper_price d, limit_lower_price d, block_trade_upper d, block_trade_lower d, convert_into_ration d, ' +
    'reserve_bits c8, reserve_flags c8, reserve_unknown c24',
  // XTPST
  SpecificTicker: 'exchange_id i, ticker c16',
  // XTPMD
  MarketData:
    'exchange_id i, ticker c16, last_price d, pre_close_price d, open_price d, high_price d, low_price d, ' +
    'close_price d, pre_total_long_positon q, total_long_positon q, pre_settl_price d, settl_price d, ' +
    'upper_limit_price d, lower_limit_price d, pre_delta d, curr_delta d, data_time q, qty q, turnover d, ' +
    `avg_price d, ${levels('bid', 'd')}, ${levels('ask', 'd')}, ${levels('bid_qty', 'q')}, ` +
    `${levels('ask_qty', 'q')}, trades_count q, ticker_status c8, total_bid_qty q, total_ask_qty q, ` +
    'ma_bid_price d, ma_ask_price d, ma_bond_bid_price d, ma_bond_ask_price d, yield_to_maturity d, iopv d, ' +
    'reserve_union c160, data_type i, reserve_type_v2 i',
} as const;

export type StructName = keyof typeof specs;
export type StructSet = NativeStructSet<StructName>;

export const STRUCTS: StructSet = defineStructs(specs, { encoding: 'utf8' });

/** The vendor's C++ name of a struct. */
export const cppStructName = (name: StructName): string =>
  (
    ({
      RspInfo: 'XTPRI',
      QuoteStaticInfo: 'XTPQSI',
      NQFullInfo: 'XTPNQFI',
      SpecificTicker: 'XTPST',
      MarketData: 'XTPMD',
      OptionAuctionInfoReq: 'XTPQueryOptionAuctionInfoReq',
      OptionAuctionInfoRsp: 'XTPQueryOptionAuctionInfoRsp',
    }) as Record<string, string>
  )[name as string] ?? `XTP${name}`;

/** C++ declarations of the same structs (for the simulated library and the layout test); vendor names. */
export function cppDeclarations(): string {
  return declare(STRUCTS, cppStructName);
}
