// vnt's simulated OES counter and MDS market-data server: a small library exporting the OES/MDS 0.16.x sync C
// functions vnt calls, with the binding's struct layouts (the generated header, from bindings/oes/structs.ts).
// Deterministic: each security has a fixed best bid/ask; a buy at or above the ask (sell at or below the bid)
// fills at once at that price, anything else rests until a counterparty (control "fill") trades with it or
// it is cancelled. Every report goes into the day's report log with its rptSeqNum; OesApi_WaitReportMsg
// delivers the log from the channel's cursor on the caller's thread, as the real sync API does, and
// OesApi_InitAll places the cursor by lastRptSeqNum (0 from the start, > 0 after that number, < 0 only new
// ones). Cash and holdings follow fills; shares bought today are not sellable until tomorrow (T+1).
// MDS: MdsApi_SubscribeByString keeps the subscribed codes and queues a Level-1 snapshot (five levels) of
// each; a fill moves the last price and queues a snapshot for subscribers; MdsApi_WaitOnMsg delivers them.
// Levers (environment): OESSIM_HANG_WAIT=1 makes WaitReportMsg never return; OESSIM_HANG_INIT=1 the same for
// InitAll; OESSIM_REJECT_USER=<name> refuses that login; OESSIM_DRIVER_ID=<serial> refuses an InitAll whose
// config file's [oes_client] driverId is another (the hard-disk serial a counter binds an account to). Control socket ($OESSIM_CONTROL, simkit.h):
//   reject_next CODE            the next order is refused with OES error CODE (text from OesApi_GetErrorMsg)
//   fill B|S PRICE QTY          a counterparty buys (B) or sells (S) QTY at PRICE against resting orders
//   disconnect [trade|md] [hold]  the link(s) drop: waits return -ECONNRESET, sends and queries -EPIPE, and
//                               reports go to the log unseen until the next InitAll; "hold" refuses InitAll
//                               until "restore"
//   disconnect ... lose         as above, and the reports made while down are not resumed after the next
//                               InitAll (only the queries show what happened)
//   send_fail accepted|lost     the next SendOrderReq breaks the trade link and returns -EPIPE; the counter
//                               has the order (accepted) or not (lost)
//   restore                     InitAll works again
//   burst N                     N snapshots for each subscribed code (benchmarks), numbered 1..N in
//                               TotalVolumeTraded so that a lost one shows
//   crash PID [B|S PRICE QTY]   the library's process PID aborts (as a crashing vendor library would), after an
//                               optional counterparty fill whose reports nobody has polled yet; a library
//                               in another process (started later, replaying kept commands) ignores it
//   garbage SEED N              N broken report messages and N broken MDS messages, seeded (a failing fuzz
//                               case replays): random message ids, sizes short of or at the documented
//                               ones, random bodies — some with a valid market and code so that they get
//                               past the first checks; order ids in them are foreign (>= 1000000)
//   reset                       clears the levers
// With $OESSIM_STATE naming a file, the counter's day (orders, trades, holdings, cash, the report log) is
// kept in it after every change and read back when the library loads, so a host started again after a crash
// finds the counter as a real, remote one would be: what happened before and while it was down.
#include <simkit.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
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
// OesQryCursorT: the query callback's fourth argument.
struct QryCursor {
  int seqNo;
  int8_t isEnd;
  uint8_t filler[3];
  long long userInfo;
};
typedef int (*MsgCb)(void *, Head *, void *, void *);
typedef int (*QryCb)(void *, Head *, void *, QryCursor *, void *);

// eOesMsgTypeT (oes_global/oes_packets.h, 0.16.1.1): the ids of the reports and query answers served here.
enum : uint8_t {
  RPT_BUSINESS_REJECT = 0x12,
  RPT_ORDER_INSERT = 0x13,
  RPT_ORDER_REPORT = 0x14,
  RPT_TRADE_REPORT = 0x15,
  RPT_CASH_ASSET_VARIATION = 0x18,
  RPT_STOCK_HOLDING_VARIATION = 0x19,
  QRYMSG_STK_HLD = 0x34,
  QRYMSG_CASH_ASSET = 0x53,
  QRYMSG_ORD = 0x54,
  QRYMSG_TRD = 0x55,
  QRYMSG_STOCK = 0x58,
};
const uint8_t BS_TYPE_CANCEL = 30;  // OES_BS_TYPE_CANCEL: a cancel request's own confirmation

struct Sec {
  const char *id;
  uint8_t mkt;  // 1 SSE, 2 SZSE (eOesMarketIdT; eMdsExchangeIdT uses the same numbers)
  const char *name;
  int bid, ask;  // x10000
};
const Sec SECS[] = {
    {"600000", 1, "\xe6\xb5\xa6\xe5\x8f\x91\xe9\x93\xb6\xe8\xa1\x8c", 102500, 102600},  // 浦发银行
    {"000001", 2, "\xe5\xb9\xb3\xe5\xae\x89\xe9\x93\xb6\xe8\xa1\x8c", 121000, 121100},  // 平安银行
};
const int TICK = 100;  // 0.01 x10000

struct Hold {
  std::string id;
  uint8_t mkt;
  long long original, bought, sold, sellFrozen;
  long long cost;
};

// One lock for everything: the caller's thread (the gateway's host) and the control thread both change state.
std::recursive_mutex mu;
using Lock = std::lock_guard<std::recursive_mutex>;

std::vector<std::vector<char>> reportLog;  // every report of the day; index = rptSeqNum - 1
size_t cursor = 0;                         // the next report the report channel delivers
std::vector<OesOrdCnfmT> orders;
std::vector<OesTrdCnfmT> trades;
std::vector<Hold> holds = {{"600000", 1, 1000, 0, 0, 0, 10000000}};
long long cash = 1000000000000LL;  // 100,000,000.00 x10000
long long clOrdId = 0, trdNum = 0;
int rejectNext = 0;
bool tradeDown = false, mdDown = false, hold = false, lose = false;
enum class SendFail { none, accepted, lost } sendFail = SendFail::none;

// Where OesApi_InitAll / MdsApi_InitAll were given their client envs: every later call must name a channel
// inside them at the published layout (OesApiClientEnvT: ord, rpt, qry channels of 768 bytes each;
// MdsApiClientEnvT: tcpChannel first), or it is refused with -EINVAL as a wrongly laid out env would fail.
const size_t CHANNEL_BYTES = 768;  // sizeof(SGeneralClientChannelT), sutil/net/spk_general_client_define.h
enum Channel { ORD = 0, RPT = 1, QRY = 2 };
char *envBase = nullptr, *mdEnvBase = nullptr;
bool wrongChannel(void *chan, Channel c) {
  if (envBase && chan == envBase + c * CHANNEL_BYTES) return false;
  std::fprintf(stderr, "oessim: channel %p is not channel %d of the env given to OesApi_InitAll\n", chan, (int)c);
  return true;
}
bool wrongMdChannel(void *chan) {
  if (mdEnvBase && chan == mdEnvBase) return false;
  std::fprintf(stderr, "oessim: %p is not the tcpChannel of the env given to MdsApi_InitAll\n", chan);
  return true;
}

// The garbage lever's messages, delivered after the real ones of a wait: (message id, body).
std::deque<std::pair<uint8_t, std::vector<char>>> rptGarbage, mdGarbage;

std::vector<std::string> subscribed;
std::vector<std::string> subscribedL2;  // of those, the ones subscribed with MDS_SUB_DATA_TYPE_L2_SNAPSHOT
std::vector<std::string> subscribedTrades;  // and with MDS_SUB_DATA_TYPE_L2_TRADE
int tradeApplSeq[3] = {0};                  // ApplSeqNum of each exchange's tick-by-tick channel
std::deque<std::pair<uint8_t, std::vector<char>>> mdQueue;  // (message id, body) for MdsApi_WaitOnMsg
int lastPx[sizeof SECS / sizeof SECS[0]] = {0};
unsigned long long volumeTraded[sizeof SECS / sizeof SECS[0]] = {0};

size_t indexOf(const Sec *s) { return static_cast<size_t>(s - SECS); }
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
  RptHead h{(long long)reportLog.size() + 1, msgId, 0, (short)sizeof(T), rej};
  std::memcpy(b.data(), &h, sizeof h);
  std::memcpy(b.data() + sizeof h, &body, sizeof(T));
  reportLog.push_back(std::move(b));
}

OesCashAssetItemT cashItem() {
  OesCashAssetItemT it{};
  long long frozen = 0;
  for (const OesOrdCnfmT &o : orders)
    if (o.bsType == 1 && (o.ordStatus == 2 || o.ordStatus == 3))
      frozen += (long long)o.ordPrice * (o.ordQty - o.cumQty);
  std::strncpy(it.cashAcctId, "SIM0001", 16);
  it.currentTotalBal = cash;
  it.currentAvailableBal = cash - frozen;
  it.buyFrzAmt = frozen;
  return it;
}

OesStkHoldingItemT holdingItem(const Hold &h) {
  OesStkHoldingItemT it{};
  std::strncpy(it.securityId, h.id.c_str(), 16);
  it.mktId = h.mkt;
  it.originalHld = h.original;
  it.totalBuyHld = h.bought;
  it.totalSellHld = h.sold;
  it.sumHld = h.original + h.bought - h.sold;
  it.sellAvlHld = h.original - h.sold - h.sellFrozen;  // T+1: today's buys are not sellable
  it.costPrice = h.cost;
  return it;
}

// What the counter pushes when an order's side of the account changed: cash for a buy, the holding for a
// sell (oes_api/UpdateGuide.md 2.4: a freeze, a fill, a release each give a variation report).
void pushVariation(const OesOrdCnfmT &o) {
  if (o.bsType == 1) {
    push(RPT_CASH_ASSET_VARIATION, cashItem());
  } else if (Hold *h = holding(o.securityId)) {
    push(RPT_STOCK_HOLDING_VARIATION, holdingItem(*h));
  }
}

bool wantsTrades(const Sec &s) {
  for (const std::string &c : subscribedTrades)
    if (c == s.id) return true;
  return false;
}

template <class T> void putMd(uint8_t msgId, const T &m);

// A tick-by-tick trade (MdsL2TradeT, msg 0x16) of a fill, numbered on its exchange's channel.
void queueL2Trade(const Sec &s, int px, int qty, bool buyerActive) {
  MdsL2TradeT t{};
  t.exchId = s.mkt;
  t.mdProductType = 1;
  t.tradeDate = 20261203;
  t.TransactTime = 93000000 + (int)(mdQueue.size() % 1000);
  t.instrId = std::atoi(s.id);
  t.ChannelNo = s.mkt == 1 ? 1 : 2011;
  t.ApplSeqNum = ++tradeApplSeq[s.mkt];
  simkit::put(t.SecurityID, s.id);
  t.ExecType = 'F';  // MDS_L2_TRADE_EXECTYPE_TRADE
  t.TradeBSFlag = buyerActive ? 'B' : 'S';
  t.TradePrice = px;
  t.TradeQty = qty;
  t.TradeMoney = (long long)px * qty;
  putMd(0x16, t);  // MDS_MSGTYPE_L2_TRADE
}

bool wantsL2(const Sec &s) {
  for (const std::string &c : subscribedL2)
    if (c == s.id) return true;
  return false;
}

bool isSubscribed(const Sec &s) {
  for (const std::string &c : subscribed)
    if (c == s.id) return true;
  return false;
}

// MdsPriceLevelEntryT: the flattened Bid1Price.. / Offer1Price.. fields of the generated header lie as these.
struct Level {
  int price;
  int numberOfOrders;
  unsigned long long orderQty;
};
static_assert(sizeof(Level) == 16, "MdsPriceLevelEntryT is 16 bytes");

template <class T> void putMd(uint8_t msgId, const T &m) {
  std::vector<char> b(sizeof(T));
  std::memcpy(b.data(), &m, sizeof(T));
  mdQueue.emplace_back(msgId, std::move(b));
}

// A snapshot of a security, Level-1 (MdsL1SnapshotT, msg 0x0A, five levels) or, for a Level-2 subscription,
// Level-2 (head + MdsL2StockSnapshotBodyT, msg 0x14, ten levels): levels a tick apart from the best bid/ask.
// `number` (a burst's) replaces the traded volume.
template <class T> void fillSnapshot(T &m, const Sec &s, unsigned long long number, int levels) {
  m.exchId = s.mkt;
  m.mdProductType = 1;  // MDS_MD_PRODUCT_TYPE_STOCK
  m.tradeDate = 20261203;
  m.updateTime = 93000000 + (int)(mdQueue.size() % 1000);  // HHMMSSsss
  m.instrId = std::atoi(s.id);
  m.bodyLength = sizeof(T) - 72;  // the body after the 72-byte MdsMktDataSnapshotHeadT
  simkit::put(m.SecurityID, s.id);
  simkit::put(m.TradingPhaseCode, "T111    ");
  size_t i = indexOf(&s);
  int last = lastPx[i] ? lastPx[i] : (s.bid + s.ask) / 2;
  m.PrevClosePx = (s.bid + s.ask) / 2;
  m.OpenPx = m.PrevClosePx;
  m.HighPx = last > m.PrevClosePx ? last : m.PrevClosePx;
  m.LowPx = last < m.PrevClosePx ? last : m.PrevClosePx;
  m.TradePx = last;
  m.TotalVolumeTraded = number ? number : volumeTraded[i];
  m.TotalValueTraded = (long long)volumeTraded[i] * last;
  m.NumTrades = trdNum;
  Level *bids = reinterpret_cast<Level *>(&m.Bid1Price);
  Level *asks = reinterpret_cast<Level *>(&m.Offer1Price);
  for (int l = 0; l < levels; l++) {
    bids[l] = {s.bid - l * TICK, 3 + l, 10000ULL * (l + 1)};
    asks[l] = {s.ask + l * TICK, 3 + l, 10000ULL * (l + 1)};
  }
}

void queueSnapshot(const Sec &s, unsigned long long number = 0) {
  if (!wantsL2(s)) {
    MdsL1SnapshotT m{};
    fillSnapshot(m, s, number, 5);
    m.mdStreamType = 10;  // MDS_MD_STREAM_TYPE_L1_SNAPSHOT
    putMd(0x0A, m);       // MDS_MSGTYPE_MARKET_DATA_SNAPSHOT_FULL_REFRESH
    return;
  }
  MdsL2SnapshotT m{};
  fillSnapshot(m, s, number, 10);
  m.mdStreamType = 20;  // MDS_MD_STREAM_TYPE_L2_SNAPSHOT
  long long bidQty = 0, offerQty = 0;
  for (int l = 0; l < 10; l++) bidQty += 10000LL * (l + 1), offerQty += 10000LL * (l + 1);
  m.TotalBidQty = bidQty;
  m.TotalOfferQty = offerQty;
  m.WeightedAvgBidPx = s.bid - 5 * TICK;
  m.WeightedAvgOfferPx = s.ask + 5 * TICK;
  m.BidPriceLevel = m.OfferPriceLevel = 10;
  putMd(0x14, m);  // MDS_MSGTYPE_L2_MARKET_DATA_SNAPSHOT
}

// A fill of qty at px, pushed as UpdateGuide.md 2.4 lists it: the trade report (which carries the order's
// new status and cumulative quantity: no order report follows), the cash variation, the holding variation.
void fill(OesOrdCnfmT &o, int px, int qty) {
  OesTrdCnfmT t{};
  t.exchTrdNum = ++trdNum;
  t.mktId = o.mktId;
  t.trdSide = o.bsType;
  std::memcpy(t.invAcctId, o.invAcctId, 16);
  std::memcpy(t.securityId, o.securityId, 16);
  t.trdDate = 20261203;
  t.trdTime = 93000000;
  t.trdQty = qty;
  t.trdPrice = px;
  t.trdAmt = (long long)px * qty;
  t.clOrdId = o.clOrdId;
  o.cumQty += qty;
  o.cumAmt += t.trdAmt;
  o.ordStatus = o.cumQty >= o.ordQty ? 8 : 3;  // OES_ORD_STATUS_FILLED : PARTIALLY_FILLED
  t.cumQty = o.cumQty;
  t.clSeqNo = o.clSeqNo;
  t.ordStatus = o.ordStatus;
  t.ordType = o.ordType;
  t.ordBuySellType = o.bsType;
  t.origOrdQty = o.ordQty;
  t.origOrdPrice = o.ordPrice;
  t.cumAmt = o.cumAmt;
  Hold *h = holding(o.securityId);
  if (!h) {
    holds.push_back({o.securityId, o.mktId, 0, 0, 0, 0, 0});
    h = &holds.back();
  }
  if (o.bsType == 1) {
    h->bought += qty;
    cash -= t.trdAmt;
  } else {
    h->sold += qty;
    cash += t.trdAmt;
  }
  trades.push_back(t);
  push(RPT_TRADE_REPORT, t);
  push(RPT_CASH_ASSET_VARIATION, cashItem());
  push(RPT_STOCK_HOLDING_VARIATION, holdingItem(*h));
  if (const Sec *s = find(o.securityId)) {
    lastPx[indexOf(s)] = px;
    volumeTraded[indexOf(s)] += qty;
    if (isSubscribed(*s) && wantsTrades(*s)) queueL2Trade(*s, px, qty, o.bsType == 1);
    if (isSubscribed(*s)) queueSnapshot(*s);
  }
}

// A counterparty on side `side` trades up to qty at px with the resting orders it reaches, oldest first.
void fillResting(char side, int px, int qty) {
  for (OesOrdCnfmT &o : orders) {
    if (qty <= 0) break;
    if (o.bsType == BS_TYPE_CANCEL || (o.ordStatus != 2 && o.ordStatus != 3)) continue;
    bool reaches = side == 'S' ? (o.bsType == 1 && o.ordPrice >= px) : (o.bsType == 2 && o.ordPrice <= px);
    if (!reaches) continue;
    int q = o.ordQty - o.cumQty < qty ? o.ordQty - o.cumQty : qty;
    fill(o, px, q);
    qty -= q;
  }
}

template <class T> int each(void *chan, uint8_t msgId, const std::vector<T> &items, QryCb cb, void *param) {
  for (size_t i = 0; i < items.size(); i++) {
    Head h{0, msgId, 0, (int)sizeof(T)};
    QryCursor cursorInfo{(int)i + 1, (int8_t)(i + 1 == items.size()), {0}, 0};
    cb(chan, &h, (void *)&items[i], &cursorInfo, param);
  }
  return (int)items.size();
}

// ---- the counter's day in $OESSIM_STATE ---------------------------------------------------------------
struct HoldRec {
  char id[16];
  uint8_t mkt;
  long long original, bought, sold, sellFrozen, cost;
};
bool stateLoaded = false;  // nothing is written before the kept state (if any) has been read

template <class T> void putVec(FILE *f, const std::vector<T> &v) {
  uint32_t n = (uint32_t)v.size();
  std::fwrite(&n, sizeof n, 1, f);
  if (n) std::fwrite(v.data(), sizeof(T), n, f);
}
template <class T> bool getVec(FILE *f, std::vector<T> &v) {
  uint32_t n = 0;
  if (std::fread(&n, sizeof n, 1, f) != 1) return false;
  v.resize(n);
  return n == 0 || std::fread(v.data(), sizeof(T), n, f) == n;
}

void saveState() {
  const char *file = std::getenv("OESSIM_STATE");
  if (!file || !*file || !stateLoaded) return;
  std::string tmp = std::string(file) + ".tmp";
  FILE *f = std::fopen(tmp.c_str(), "wb");
  if (!f) return;
  putVec(f, orders);
  putVec(f, trades);
  std::vector<HoldRec> hs;
  for (const Hold &h : holds) {
    HoldRec r{};
    std::strncpy(r.id, h.id.c_str(), sizeof r.id - 1);
    r.mkt = h.mkt;
    r.original = h.original, r.bought = h.bought, r.sold = h.sold, r.sellFrozen = h.sellFrozen, r.cost = h.cost;
    hs.push_back(r);
  }
  putVec(f, hs);
  long long scalars[3] = {cash, clOrdId, trdNum};
  std::fwrite(scalars, sizeof scalars, 1, f);
  std::fwrite(lastPx, sizeof lastPx, 1, f);
  std::fwrite(volumeTraded, sizeof volumeTraded, 1, f);
  putVec(f, std::vector<char>(1, 0));  // a marker between the fixed part and the log
  uint32_t n = (uint32_t)reportLog.size();
  std::fwrite(&n, sizeof n, 1, f);
  for (const std::vector<char> &b : reportLog) putVec(f, b);
  std::fclose(f);
  std::rename(tmp.c_str(), file);
}

// Read at the first login, after the replay of kept commands (a kept state is the counter's truth: those
// commands made it) and after this file's globals are initialised (a constructor may run before them).
void loadState() {
  if (stateLoaded) return;
  stateLoaded = true;
  const char *file = std::getenv("OESSIM_STATE");
  FILE *f = file && *file ? std::fopen(file, "rb") : nullptr;
  if (!f) return;
  std::vector<HoldRec> hs;
  std::vector<char> marker;
  long long scalars[3];
  uint32_t n = 0;
  bool ok = getVec(f, orders) && getVec(f, trades) && getVec(f, hs) &&
            std::fread(scalars, sizeof scalars, 1, f) == 1 && std::fread(lastPx, sizeof lastPx, 1, f) == 1 &&
            std::fread(volumeTraded, sizeof volumeTraded, 1, f) == 1 && getVec(f, marker) &&
            std::fread(&n, sizeof n, 1, f) == 1;
  reportLog.assign(ok ? n : 0, {});
  for (std::vector<char> &b : reportLog) ok = ok && getVec(f, b);
  std::fclose(f);
  if (!ok) {
    std::fprintf(stderr, "oessim: %s is not a state this simulator wrote; starting afresh\n", file);
    return;
  }
  holds.clear();
  for (const HoldRec &r : hs) holds.push_back({r.id, r.mkt, r.original, r.bought, r.sold, r.sellFrozen, r.cost});
  cash = scalars[0], clOrdId = scalars[1], trdNum = scalars[2];
}

int runControl(const char *command) {
  std::istringstream in(command);
  std::string op;
  in >> op;
  Lock g(mu);
  if (op == "reset") {
    rejectNext = 0;
    hold = lose = false;
    sendFail = SendFail::none;
  } else if (op == "reject_next") {
    in >> rejectNext;
    if (rejectNext <= 0) return -1;
  } else if (op == "fill") {
    std::string side;
    double price = 0;
    int qty = 0;
    in >> side >> price >> qty;
    if ((side != "B" && side != "S") || qty <= 0 || price <= 0) return -1;
    fillResting(side[0], (int)(price * 10000 + 0.5), qty);
  } else if (op == "disconnect") {
    bool t = true, m = true;
    for (std::string w; in >> w;) {
      if (w == "trade") m = false;
      else if (w == "md") t = false;
      else if (w == "hold") hold = true;
      else if (w == "lose") lose = true;
      else return -1;
    }
    tradeDown = tradeDown || t;
    mdDown = mdDown || m;
  } else if (op == "send_fail") {
    std::string how;
    in >> how;
    if (how == "accepted") sendFail = SendFail::accepted;
    else if (how == "lost") sendFail = SendFail::lost;
    else return -1;
  } else if (op == "restore") {
    hold = false;
  } else if (op == "burst") {
    long n = 0;
    in >> n;
    for (long i = 0; i < n; i++)
      for (const Sec &s : SECS)
        if (isSubscribed(s)) queueSnapshot(s, (unsigned long long)i + 1);
  } else if (op == "garbage") {
    unsigned long seed = 0;
    long n = 0;
    in >> seed >> n;
    if (n <= 0) return -1;
    std::mt19937 rng((unsigned)seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    auto randomBody = [&](size_t size) {
      std::vector<char> b(size);
      for (char &c : b) c = (char)pick(0, 255);
      return b;
    };
    auto putAt = [](std::vector<char> &b, size_t at, const void *v, size_t len) {
      if (at + len <= b.size()) std::memcpy(b.data() + at, v, len);
    };
    const uint8_t rptIds[] = {0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x18, 0x19, 0x1e, 0x00, 0x7f, 0xff};
    const uint8_t mdIds[] = {0x0A, 0x14, 0x0B, 0x16, 0x17, 0x01, 0xff};
    for (long i = 0; i < n; i++) {
      uint8_t id = rptIds[pick(0, sizeof rptIds - 1)];
      size_t body = id == 0x15   ? sizeof(OesTrdCnfmT)
                    : id == 0x12 ? sizeof(OesOrdRejectT)
                    : id == 0x18 ? sizeof(OesCashAssetItemT)
                    : id == 0x19 ? sizeof(OesStkHoldingItemT)
                                 : sizeof(OesOrdCnfmT);
      size_t size = pick(0, 2) ? sizeof(RptHead) + body : (size_t)pick(0, (int)(sizeof(RptHead) + body));
      std::vector<char> b = randomBody(size);
      if (pick(0, 1)) {
        // Past the first checks: a real market and code; its order is not one of vnt's.
        const uint8_t mkt = (uint8_t)pick(1, 2);
        const char *code = mkt == 1 ? "600000" : "000001";
        int foreign = 1000000 + (int)i;
        size_t h = sizeof(RptHead);
        if (id == 0x15) {
          putAt(b, h + 8, &mkt, 1), putAt(b, h + 32, code, 7), putAt(b, h + 104, &foreign, 4);
        } else if (id == 0x19) {
          putAt(b, h + 16, code, 7), putAt(b, h + 32, &mkt, 1);
        } else if (id != 0x18) {
          putAt(b, h, &foreign, 4), putAt(b, h + 4, &mkt, 1), putAt(b, h + 24, code, 7);
        }
      }
      rptGarbage.emplace_back(id, std::move(b));
      uint8_t mid = mdIds[pick(0, sizeof mdIds - 1)];
      size_t full = mid == 0x14 ? sizeof(MdsL2SnapshotT) : sizeof(MdsL1SnapshotT);
      std::vector<char> m = randomBody(pick(0, 2) ? full : (size_t)pick(0, (int)full));
      if (pick(0, 1)) {
        const uint8_t exch = (uint8_t)pick(1, 2);
        putAt(m, 0, &exch, 1), putAt(m, 72, exch == 1 ? "600000" : "000001", 7);
      }
      mdGarbage.emplace_back(mid, std::move(m));
    }
  } else if (op == "crash") {
    long pid = 0;
    std::string side;
    double price = 0;
    int qty = 0;
    in >> pid >> side >> price >> qty;
    if (pid != (long)::getpid()) return 0;  // another process's crash, replayed here: done already
    if ((side == "B" || side == "S") && qty > 0 && price > 0) fillResting(side[0], (int)(price * 10000 + 0.5), qty);
    saveState();
    std::fprintf(stderr, "oessim: crashing on request\n");
    std::fflush(stderr);
    std::abort();
  } else {
    return -1;
  }
  saveState();
  return 0;
}

// The value of `key` in `[section]` of an SDK config file ("" when absent or unreadable).
std::string configValue(const char *cfg, const std::string &section, const std::string &key) {
  FILE *f = cfg ? std::fopen(cfg, "r") : nullptr;
  if (!f) return "";
  std::string current, found;
  char line[1024];
  auto trim = [](std::string v) {
    size_t a = v.find_first_not_of(" \t\r\n"), b = v.find_last_not_of(" \t\r\n");
    return a == std::string::npos ? std::string() : v.substr(a, b - a + 1);
  };
  while (std::fgets(line, sizeof line, f)) {
    std::string l = trim(line);
    if (l.size() > 2 && l.front() == '[' && l.back() == ']') current = l.substr(1, l.size() - 2);
    size_t eq = l.find('=');
    if (current == section && eq != std::string::npos && trim(l.substr(0, eq)) == key) found = trim(l.substr(eq + 1));
  }
  std::fclose(f);
  return found;
}

bool wrongDriverId(const char *cfg) {
  const char *want = std::getenv("OESSIM_DRIVER_ID");
  if (!want || !*want) return false;
  std::string got = configValue(cfg, "oes_client", "driverId");
  if (got == want) return false;
  std::fprintf(stderr, "oessim: login refused: driverId \"%s\" is not the serial this account is bound to\n",
               got.c_str());
  return true;
}

bool refusedLogin(const char *cfg) {
  const char *reject = std::getenv("OESSIM_REJECT_USER");
  return hold || (reject && cfg && std::strstr(cfg, reject));
}

__attribute__((constructor)) void attachControl() { simkit::connectControl("OESSIM_CONTROL", runControl); }

}  // namespace

extern "C" {

const char *OesApi_GetApiVersion(void) { return "0.16.1.4"; }
const char *MdsApi_GetApiVersion(void) { return "0.16.1.4"; }

// The texts of the simulator's error codes (its own wording, not the vendor's table).
const char *OesApi_GetErrorMsg(int code) {
  switch (code) {
    case 1231:
      return "证券代码不存在";
    case 1237:
      return "委托数量不是交易单位的整数倍";
    case 1258:
      return "可卖持仓不足";
    case 1272:
      return "委托不存在或不可撤销";
    case 1296:
      return "资金不足";
    default:
      return "未知错误";
  }
}

int OesApi_InitAll(void *env, const char *cfg, const char *, const char *, const char *, const char *,
                   const char *, long long lastRptSeqNum, int *lastClSeqNo) {
  if (std::getenv("OESSIM_HANG_INIT")) simkit::blockForever();
  Lock g(mu);
  loadState();
  if (!env || !cfg || refusedLogin(cfg) || wrongDriverId(cfg)) return 0;
  envBase = static_cast<char *>(env);
  tradeDown = false;
  if (lastRptSeqNum < 0 || lose) cursor = reportLog.size();
  else cursor = (size_t)lastRptSeqNum < reportLog.size() ? (size_t)lastRptSeqNum : reportLog.size();
  lose = false;
  int last = 0;
  for (const OesOrdCnfmT &o : orders) last = o.clSeqNo > last ? o.clSeqNo : last;
  if (lastClSeqNo) *lastClSeqNo = last;
  return 1;
}

void OesApi_LogoutAll(void *, int) {}

int OesApi_SendOrderReq(void *chan, const OesOrdReqT *req) {
  Lock g(mu);
  if (wrongChannel(chan, ORD)) return -EINVAL;
  if (tradeDown) return -EPIPE;
  SendFail failing = sendFail;
  sendFail = SendFail::none;
  if (failing == SendFail::lost) {
    tradeDown = true;
    return -EPIPE;
  }
  OesOrdCnfmT o{};
  std::memcpy(&o, req, sizeof(OesOrdReqT));
  o.clOrdId = ++clOrdId;
  o.ordDate = 20261203;
  o.ordTime = 93000000;
  const Sec *s = find(req->securityId);
  int rej = 0;
  if (rejectNext) rej = rejectNext, rejectNext = 0;
  else if (!s || s->mkt != req->mktId) rej = 1231;
  else if (req->ordQty <= 0 || req->ordQty % 100 != 0) rej = 1237;
  else if (req->bsType == 2) {
    Hold *h = holding(req->securityId);
    long long avl = h ? h->original - h->sold - h->sellFrozen : 0;
    if (req->ordQty > avl) rej = 1258;
  }
  if (rej) {
    // OESMSG_RPT_BUSINESS_REJECT carries an OesOrdRejectT: the request's fields and the reason.
    OesOrdRejectT r{};
    std::memcpy(&r, req, sizeof(OesOrdReqT));
    r.ordDate = o.ordDate;
    r.ordTime = o.ordTime;
    r.ordRejReason = rej;
    push(RPT_BUSINESS_REJECT, r, rej);
    saveState();
    return 0;
  }
  // UpdateGuide.md 2.4: the new order, the freeze it caused, the exchange's confirmation.
  o.ordStatus = 1;  // OES_ORD_STATUS_NEW
  orders.push_back(o);
  push(RPT_ORDER_INSERT, o);
  pushVariation(o);
  OesOrdCnfmT &stored = orders.back();
  stored.ordStatus = 2;  // OES_ORD_STATUS_DECLARED
  push(RPT_ORDER_REPORT, stored);
  bool cross = req->bsType == 1 ? req->ordPrice >= s->ask : req->ordPrice <= s->bid;
  if (cross) fill(stored, req->bsType == 1 ? s->ask : s->bid, stored.ordQty);
  if (failing == SendFail::accepted) {
    tradeDown = true;  // the counter took it; the answer is lost with the link
    saveState();
    return -EPIPE;
  }
  saveState();
  return 0;
}

int OesApi_SendOrderCancelReq(void *chan, const OesOrdCancelReqT *req) {
  Lock g(mu);
  if (wrongChannel(chan, ORD)) return -EINVAL;
  if (tradeDown) return -EPIPE;
  for (size_t i = 0; i < orders.size(); i++) {
    if (orders[i].bsType == BS_TYPE_CANCEL) continue;
    if (orders[i].clSeqNo != req->origClSeqNo && orders[i].clOrdId != req->origClOrdId) continue;
    if (orders[i].ordStatus > 4) break;  // final (__OES_ORD_STATUS_FINAL_MIN = 4)
    // UpdateGuide.md 2.5: the cancel request's own insert and report, the cancelled order's report, and
    // the release of what it froze.
    OesOrdCnfmT c{};
    c.clSeqNo = req->clSeqNo;
    c.mktId = req->mktId;
    std::memcpy(c.securityId, orders[i].securityId, 16);
    c.bsType = BS_TYPE_CANCEL;
    c.origClSeqNo = orders[i].clSeqNo;
    c.origClOrdId = orders[i].clOrdId;
    c.clOrdId = ++clOrdId;
    c.ordDate = 20261203;
    c.ordTime = 93000000;
    c.ordStatus = 1;
    push(RPT_ORDER_INSERT, c);
    c.ordStatus = 2;
    push(RPT_ORDER_REPORT, c);
    OesOrdCnfmT &o = orders[i];
    o.ordStatus = 7;  // OES_ORD_STATUS_CANCELED
    o.canceledQty = o.ordQty - o.cumQty;
    push(RPT_ORDER_REPORT, o);
    pushVariation(o);
    orders.push_back(c);  // last: the reference above is not used after it
    saveState();
    return 0;
  }
  OesOrdRejectT r{};
  r.clSeqNo = req->clSeqNo;
  r.mktId = req->mktId;
  std::memcpy(r.securityId, req->securityId, 16);
  r.bsType = BS_TYPE_CANCEL;
  r.origClSeqNo = req->origClSeqNo;
  r.ordRejReason = 1272;
  push(RPT_BUSINESS_REJECT, r, 1272);
  saveState();
  return 0;
}

int OesApi_WaitReportMsg(void *chan, int, MsgCb cb, void *param) {
  if (std::getenv("OESSIM_HANG_WAIT")) simkit::blockForever();
  std::vector<std::vector<char>> batch;
  std::deque<std::pair<uint8_t, std::vector<char>>> garbage;
  {
    Lock g(mu);
    if (wrongChannel(chan, RPT)) return -EINVAL;
    if (tradeDown) return -ECONNRESET;
    batch.assign(reportLog.begin() + cursor, reportLog.end());
    cursor = reportLog.size();
    garbage.swap(rptGarbage);
  }
  for (std::vector<char> &b : batch) {
    Head h{0, (uint8_t)((RptHead *)b.data())->rptMsgType, 0, (int)b.size()};
    cb(chan, &h, b.data(), param);
  }
  for (auto &g : garbage) {
    Head h{0, g.first, 0, (int)g.second.size()};
    cb(chan, &h, g.second.data(), param);
  }
  return (int)(batch.size() + garbage.size());
}

int OesApi_QueryStock(void *chan, const void *, QryCb cb, void *param) {
  std::vector<OesStockItemT> out;
  {
    Lock g(mu);
    if (wrongChannel(chan, QRY)) return -EINVAL;
    if (tradeDown) return -EPIPE;
  }
  for (const Sec &s : SECS) {
    OesStockItemT it{};
    std::strncpy(it.securityId, s.id, 16);
    it.mktId = s.mkt;
    it.securityType = 1;  // OES_SECURITY_TYPE_STOCK
    it.priceTick = TICK;
    it.prevClose = (s.bid + s.ask) / 2;
    it.buyQtyUnit = 100;
    it.sellQtyUnit = 1;
    std::strncpy(it.securityName, s.name, 24);
    out.push_back(it);
  }
  return each(chan, QRYMSG_STOCK, out, cb, param);
}

int OesApi_QueryCashAsset(void *chan, const void *, QryCb cb, void *param) {
  OesCashAssetItemT it{};
  {
    Lock g(mu);
    if (wrongChannel(chan, QRY)) return -EINVAL;
    if (tradeDown) return -EPIPE;
    it = cashItem();
  }
  return each(chan, QRYMSG_CASH_ASSET, std::vector<OesCashAssetItemT>{it}, cb, param);
}

int OesApi_QueryStkHolding(void *chan, const void *, QryCb cb, void *param) {
  std::vector<OesStkHoldingItemT> out;
  {
    Lock g(mu);
    if (wrongChannel(chan, QRY)) return -EINVAL;
    if (tradeDown) return -EPIPE;
    for (const Hold &h : holds) out.push_back(holdingItem(h));
  }
  return each(chan, QRYMSG_STK_HLD, out, cb, param);
}

int OesApi_QueryOrder(void *chan, const void *, QryCb cb, void *param) {
  std::vector<OesOrdCnfmT> copy;
  {
    Lock g(mu);
    if (wrongChannel(chan, QRY)) return -EINVAL;
    if (tradeDown) return -EPIPE;
    copy = orders;
  }
  return each(chan, QRYMSG_ORD, copy, cb, param);
}

int OesApi_QueryTrade(void *chan, const void *, QryCb cb, void *param) {
  std::vector<OesTrdCnfmT> copy;
  {
    Lock g(mu);
    if (wrongChannel(chan, QRY)) return -EINVAL;
    if (tradeDown) return -EPIPE;
    copy = trades;
  }
  return each(chan, QRYMSG_TRD, copy, cb, param);
}

// ---- MDS ---------------------------------------------------------------------------------------------------

int MdsApi_InitAll(void *env, const char *cfg, const char *, const char *, const char *, const char *,
                   const char *, const char *, const char *, const char *) {
  Lock g(mu);
  loadState();
  if (!env || !cfg || refusedLogin(cfg)) return 0;
  mdEnvBase = static_cast<char *>(env);
  mdDown = false;
  // A new TCP session starts with no subscription, as the server forgets the old one.
  subscribed.clear();
  subscribedL2.clear();
  subscribedTrades.clear();
  mdQueue.clear();
  return 1;
}

void MdsApi_LogoutAll(void *, int) {}

int MdsApi_SubscribeByString(void *chan, const char *list, const char *, int exchangeId, int, int subMode,
                             int dataTypes) {
  Lock g(mu);
  if (wrongMdChannel(chan)) return 0;
  if (mdDown) return 0;
  if (subMode == 0) subscribed.clear(), subscribedL2.clear(), subscribedTrades.clear();  // MDS_SUB_MODE_SET
  std::string codes = list ? list : "";
  for (char &c : codes)
    if (c == ';' || c == '|' || c == '\t' || c == ' ') c = ',';
  std::istringstream in(codes);
  for (std::string code; std::getline(in, code, ',');) {
    if (code.empty()) continue;
    int exch = exchangeId;
    size_t dot = code.find('.');
    if (dot != std::string::npos) {
      exch = code.substr(dot + 1) == "SZ" ? 2 : 1;
      code = code.substr(0, dot);
    }
    const Sec *s = find(code.c_str());
    if (!s || s->mkt != exch) continue;  // an unknown code is ignored, as the server does
    if (subMode == 2) {                   // MDS_SUB_MODE_DELETE
      for (size_t i = 0; i < subscribed.size(); i++)
        if (subscribed[i] == s->id) subscribed.erase(subscribed.begin() + (long)i--);
      for (std::vector<std::string> *list : {&subscribedL2, &subscribedTrades})
        for (size_t i = 0; i < list->size(); i++)
          if ((*list)[i] == s->id) list->erase(list->begin() + (long)i--);
      continue;
    }
    if (!isSubscribed(*s)) subscribed.push_back(s->id);
    // MDS_SUB_DATA_TYPE_L2_SNAPSHOT (0x02): Level-2 snapshots for this code from now on.
    if ((dataTypes & 0x02) && !wantsL2(*s)) subscribedL2.push_back(s->id);
    // MDS_SUB_DATA_TYPE_L2_TRADE (0x08): tick-by-tick trades of its fills.
    if ((dataTypes & 0x08) && !wantsTrades(*s)) subscribedTrades.push_back(s->id);
    queueSnapshot(*s);  // the initial snapshot of a subscription
  }
  return 1;
}

int MdsApi_WaitOnMsg(void *chan, int, MsgCb cb, void *param) {
  std::deque<std::pair<uint8_t, std::vector<char>>> batch;
  {
    Lock g(mu);
    if (wrongMdChannel(chan)) return -EINVAL;
    if (mdDown) return -ECONNRESET;
    batch.swap(mdQueue);
    for (auto &x : mdGarbage) batch.push_back(std::move(x));
    mdGarbage.clear();
  }
  for (auto &m : batch) {
    Head h{0, m.first, 0, (int)m.second.size()};
    cb(chan, &h, m.second.data(), param);
  }
  return (int)batch.size();
}

// The benchmarks' floor (bench/raw-koffi.ts): n calls of cb from a thread of this library.
int oessim_raw_burst(void (*cb)(int), int n) {
  std::thread([cb, n] {
    for (int i = 0; i < n; i++) cb(i);
  }).detach();
  return 0;
}

}  // extern "C"
