// CTP Mini sends CTP's field values (direction, offset, order status, product class codes, exchange ids) in
// CThostFtdc* structs of its own layout, which the binding decodes into the same records: the mapping to vnt
// objects is CTP's. Re-exported here so that the MINI folder has the shape of every gateway folder.
export {
  CTP_EXCHANGES as MINI_EXCHANGES,
  errorText,
  parseAccount,
  parseContract,
  parseOrder,
  parsePositionRow,
  parseTrade,
} from '../ctp/parse.js';
