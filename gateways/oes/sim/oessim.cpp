// vnt's simulated OES counter: a small library exporting the OES 0.16.x sync C functions vnt calls, with the
// binding's struct layouts (the generated header, from bindings/oes/structs.ts). Deterministic: each security
// has a fixed best ask/bid; a buy at or above the ask (sell at or below the bid) fills at once at that price,
// anything else rests until cancelled. Reports queue up and are delivered by OesApi_WaitReportMsg on the
// caller's thread, as the real sync API does. Cash and holdings follow fills; shares bought today are not
// sellable until tomorrow (T+1: sellAvlHld grows only by the opening holding).
// Levers (environment): OESSIM_HANG_WAIT=1 makes WaitReportMsg never return; OESSIM_HANG_INIT=1 the same
// for InitAll; OESSIM_REJECT_USER=<name> refuses that login.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

struct Head {
  uint8_t msgFlag;
  uint8_t msgId;
  uint16_t status;
  int32_t msgSize;
};
struct RptHead {
  long long rptSeqNum;
  uint8_t rptMsgType;
  uint8_t execType;
  short bodyLength;
  int ordRejReason;
};
typedef int (*RptCb)(void *, Head *, void *, void *);
typedef int (*QryCb)(void *, Head *, void *, void *, void *);

struct Sec {
  const char *id;
  uint8_t mkt;  // 1 SSE, 2 SZSE (eOesMarketIdT)
  const char *name;
  int bid, ask;  // x10000
};
const Sec SECS[] = {
    {"600000", 1, "\xe6\xb5\xa6\xe5\x8f\x91\xe9\x93\xb6\xe8\xa1\x8c", 102500, 102600},  // 浦发银行
    {"000001", 2, "\xe5\xb9\xb3\xe5\xae\x89\xe9\x93\xb6\xe8\xa1\x8c", 121000, 121100},  // 平安银行
};

struct Hold {
  std::string id;
  uint8_t mkt;
  long long original, bought, sold, sellFrozen;
  long long cost;
};

std::deque<std::vector<char>> reports;
std::vector<OesOrdCnfmT> orders;
std::vector<OesTrdCnfmT> trades;
std::vector<Hold> holds = {{"600000", 1, 1000, 0, 0, 0, 10000000}};
long long cash = 1000000000000LL;  // 100,000,000.00 x10000
long long frozen = 0;
long long seq = 0, clOrdId = 0, trdNum = 0;

const Sec *find(const char *id) {
  for (const Sec &s : SECS)
    if (std::strncmp(s.id, id, 16) == 0) return &s;
  return nullptr;
}
Hold *holding(const char *id) {
  for (Hold &h : holds)
    if (h.id == id) return &h;
  return nullptr;
}
template <class T> void push(uint8_t msgId, const T &body, int rej = 0) {
  std::vector<char> b(sizeof(RptHead) + sizeof(T));
  RptHead h{++seq, msgId, 0, (short)sizeof(T), rej};
  std::memcpy(b.data(), &h, sizeof h);
  std::memcpy(b.data() + sizeof h, &body, sizeof(T));
  reports.push_back(std::move(b));
}
void fill(OesOrdCnfmT &o, int px) {
  OesTrdCnfmT t{};
  t.exchTrdNum = ++trdNum;
  t.mktId = o.mktId;
  t.trdSide = o.bsType;
  std::memcpy(t.invAcctId, o.invAcctId, 16);
  std::memcpy(t.securityId, o.securityId, 16);
  t.trdQty = o.ordQty;
  t.trdPrice = px;
  t.trdAmt = (long long)px * o.ordQty;
  t.clOrdId = o.clOrdId;
  t.cumQty = o.ordQty;
  t.clSeqNo = o.clSeqNo;
  t.ordStatus = 8;  // OES_ORD_STATUS_FILLED
  t.ordType = o.ordType;
  t.ordBuySellType = o.bsType;
  t.origOrdQty = o.ordQty;
  t.origOrdPrice = o.ordPrice;
  t.cumAmt = t.trdAmt;
  o.cumQty = o.ordQty;
  o.cumAmt = t.trdAmt;
  o.ordStatus = 8;
  Hold *h = holding(o.securityId);
  if (!h) {
    holds.push_back({o.securityId, o.mktId, 0, 0, 0, 0, 0});
    h = &holds.back();
  }
  if (o.bsType == 1) {
    h->bought += o.ordQty;
    cash -= t.trdAmt;
  } else {
    h->sold += o.ordQty;
    cash += t.trdAmt;
  }
  trades.push_back(t);
  push(0x15, t);
  push(0x14, o);
}

template <class T> int each(void *chan, uint8_t msgId, const std::vector<T> &items, QryCb cb, void *param) {
  for (size_t i = 0; i < items.size(); i++) {
    Head h{0, msgId, 0, (int)sizeof(T)};
    int cursor[2] = {(int)i + 1, i + 1 == items.size()};
    cb(chan, &h, (void *)&items[i], cursor, param);
  }
  return (int)items.size();
}

}  // namespace

extern "C" {

const char *OesApi_GetApiVersion(void) { return "0.16.1.4"; }

int OesApi_InitAll(void *env, const char *cfg, const char *, const char *, const char *, const char *,
                   const char *, long long, int *lastClSeqNo) {
  if (std::getenv("OESSIM_HANG_INIT"))
    for (;;) pause();
  if (!env || !cfg) return 0;
  const char *reject = std::getenv("OESSIM_REJECT_USER");
  if (reject && cfg && std::strstr(cfg, reject)) return 0;
  if (lastClSeqNo) *lastClSeqNo = (int)orders.size();
  return 1;
}

void OesApi_LogoutAll(void *, int) {}

int OesApi_SendOrderReq(void *, const OesOrdReqT *req) {
  OesOrdCnfmT o{};
  std::memcpy(&o, req, sizeof(OesOrdReqT));
  o.clOrdId = ++clOrdId;
  const Sec *s = find(req->securityId);
  int rej = 0;
  if (!s || s->mkt != req->mktId) rej = 1231;  // no such security
  else if (req->ordQty <= 0 || req->ordQty % 100 != 0) rej = 1237;  // quantity not a lot multiple
  else if (req->bsType == 2) {
    Hold *h = holding(req->securityId);
    long long avl = h ? h->original - h->sold - h->sellFrozen : 0;
    if (req->ordQty > avl) rej = 1258;  // not enough sellable shares
  }
  if (rej) {
    OesOrdCnfmT r = o;
    r.ordRejReason = rej;
    push(0x12, r, rej);
    return 0;
  }
  o.ordStatus = 1;  // OES_ORD_STATUS_NEW
  orders.push_back(o);
  push(0x13, o);
  OesOrdCnfmT &stored = orders.back();
  stored.ordStatus = 2;  // OES_ORD_STATUS_DECLARED
  push(0x14, stored);
  bool cross = req->bsType == 1 ? req->ordPrice >= s->ask : req->ordPrice <= s->bid;
  if (cross) fill(stored, req->bsType == 1 ? s->ask : s->bid);
  return 0;
}

int OesApi_SendOrderCancelReq(void *, const OesOrdCancelReqT *req) {
  for (OesOrdCnfmT &o : orders) {
    if (o.clSeqNo != req->origClSeqNo && o.clOrdId != req->origClOrdId) continue;
    if (o.ordStatus > 4) break;  // final (__OES_ORD_STATUS_FINAL_MIN = 4)
    o.ordStatus = 7;  // OES_ORD_STATUS_CANCELED
    o.canceledQty = o.ordQty - o.cumQty;
    push(0x14, o);
    return 0;
  }
  OesOrdCnfmT r{};
  r.clSeqNo = req->clSeqNo;
  r.ordRejReason = 1272;  // order not found / not cancellable
  push(0x12, r, 1272);
  return 0;
}

int OesApi_WaitReportMsg(void *chan, int, RptCb cb, void *param) {
  if (std::getenv("OESSIM_HANG_WAIT"))
    for (;;) pause();
  int n = 0;
  while (!reports.empty()) {
    std::vector<char> b = std::move(reports.front());
    reports.pop_front();
    Head h{0, (uint8_t)((RptHead *)b.data())->rptMsgType, 0, (int)b.size()};
    cb(chan, &h, b.data(), param);
    n++;
  }
  return n;
}

int OesApi_QueryStock(void *chan, const void *, QryCb cb, void *param) {
  std::vector<OesStockItemT> out;
  for (const Sec &s : SECS) {
    OesStockItemT it{};
    std::strncpy(it.securityId, s.id, 16);
    it.mktId = s.mkt;
    it.securityType = 1;  // OES_SECURITY_TYPE_STOCK
    it.priceTick = 100;   // 0.01
    it.prevClose = (s.bid + s.ask) / 2;
    it.buyQtyUnit = 100;
    it.sellQtyUnit = 1;
    std::strncpy(it.securityName, s.name, 24);
    out.push_back(it);
  }
  return each(chan, 0x3A, out, cb, param);
}

int OesApi_QueryCashAsset(void *chan, const void *, QryCb cb, void *param) {
  OesCashAssetItemT it{};
  std::strncpy(it.cashAcctId, "SIM0001", 16);
  it.currentTotalBal = cash;
  it.currentAvailableBal = cash - frozen;
  it.buyFrzAmt = frozen;
  return each(chan, 0x36, std::vector<OesCashAssetItemT>{it}, cb, param);
}

int OesApi_QueryStkHolding(void *chan, const void *, QryCb cb, void *param) {
  std::vector<OesStkHoldingItemT> out;
  for (const Hold &h : holds) {
    OesStkHoldingItemT it{};
    std::strncpy(it.securityId, h.id.c_str(), 16);
    it.mktId = h.mkt;
    it.originalHld = h.original;
    it.totalBuyHld = h.bought;
    it.totalSellHld = h.sold;
    it.sumHld = h.original + h.bought - h.sold;
    it.sellAvlHld = h.original - h.sold - h.sellFrozen;  // T+1: today's buys are not sellable
    it.costPrice = h.cost;
    out.push_back(it);
  }
  return each(chan, 0x37, out, cb, param);
}

int OesApi_QueryOrder(void *chan, const void *, QryCb cb, void *param) {
  return each(chan, 0x32, orders, cb, param);
}

int OesApi_QueryTrade(void *chan, const void *, QryCb cb, void *param) {
  return each(chan, 0x33, trades, cb, param);
}

}  // extern "C"
