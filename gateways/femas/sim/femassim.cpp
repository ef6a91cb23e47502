// A simulated FEMAS (飞马) library for vnt's tests: exports the CUstpFtdc* classes declared in the header
// build.ts generates from the binding's tables (passed with -include) and behaves like a small futures
// counter: look-through certification (AppID/AuthCode), login with MaxOrderLocalID, the user's investor id,
// instruments with GBK names, account, positions per direction with today/yesterday volumes, order insert
// keyed by the user's UserOrderLocalID (a repeated or non-increasing id is refused, as the counter does),
// cancel by UserOrderLocalID with its own action local id, simple matching against a synthetic book,
// OnRtnOrder/OnRtnTrade, and depth market data from its own thread. Every SPI call comes from a library
// thread. Tests steer it over the control socket named by $FEMASSIM_CONTROL (see femassim_control below).
#include "ftdcsim.h"

#include <cfloat>
#include <cmath>

using ftdcsim::faults;
using simkit::nowTime;
using simkit::put;
using simkit::toGbk;

class TraderImpl;
class MdImpl;
extern "C" int femassim_control(const char *command);

namespace {

__attribute__((constructor)) void connect() { ftdcsim::startControl("FEMASSIM_CONTROL", femassim_control); }

const char *kTradingDay = "20250102";

// Position keys end in FEMAS's Direction ('0' long, '1' short).
struct Counter : ftdcsim::CounterBase<TraderImpl, MdImpl> {
  std::vector<CUstpFtdcOrderField> orders;
  std::vector<CUstpFtdcTradeField> trades;
  long long maxLocalId = 0;  // the highest UserOrderLocalID / UserOrderActionLocalID the user has used

  Counter() : CounterBase('0', '1') { reset(); }

  void reset() {
    resetBase({
        {"rb2501", "SHFE", "rb", toGbk("螺纹钢2501"), 10, 1, 3500, 3501},
        {"sc2503", "INE", "sc", toGbk("原油2503"), 1000, 0.1, 550, 550.1},
        {"IF2501", "CFFEX", "IF", toGbk("沪深300指数2501"), 300, 0.2, 3800, 3800.2},
        {"m2505", "DCE", "m", toGbk("豆粕2505"), 10, 1, 2900, 2901},
    });
    orders.clear();
    trades.clear();
    maxLocalId = 0;
  }
};

Counter &counter() {
  static Counter c;
  return c;
}

CUstpFtdcRspInfoField info(int id, const std::string &gbkMsg) {
  CUstpFtdcRspInfoField r{};
  r.ErrorID = id;
  put(r.ErrorMsg, gbkMsg);
  return r;
}

/** A local id the counter accepts: digits, above every id the user has used. */
bool takeLocalId(const char *text) {
  char *end = nullptr;
  long long v = std::strtoll(text, &end, 10);
  if (!*text || (end && *end) || v <= counter().maxLocalId) return false;
  counter().maxLocalId = v;
  return true;
}

void broadcastOrder(const CUstpFtdcOrderField &o);
void broadcastTrade(const CUstpFtdcTradeField &t);

}  // namespace

// ---- trader -------------------------------------------------------------------------------------------------

class TraderImpl : public CUstpFtdcTraderApi, public ftdcsim::Link<CUstpFtdcTraderSpi> {
 public:
  bool certified = false;
  std::string broker, user;

  void Release() override { release(counter(), counter().traders, this); }
  void Init() override {
    if (faults().hangInit) simkit::blockForever();
    attach(counter(), counter().traders, this);
  }
  const char *GetTradingDay() override { return kTradingDay; }
  void RegisterFront(char *) override {}
  void RegisterSpi(CUstpFtdcTraderSpi *p) override { spi = p; }
  void SubscribePrivateTopic(int) override {}
  void SubscribePublicTopic(int) override {}
  void SubscribeUserTopic(int) override {}

  // Called with the counter lock held.
  void disconnect() {
    certified = false;
    down();
  }

  int ReqDSUserCertification(CUstpFtdcDSUserInfoField *f, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (!connected) return -1;
    CUstpFtdcRspInfoField r = c.stepErrorId ? info(c.stepErrorId, c.stepErrorMsg) : info(0, "");
    if (!c.stepErrorId && (!f->AppID[0] || !f->AuthCode[0])) r = info(1, toGbk("穿透监管认证失败"));
    certified = r.ErrorID == 0;
    pump.post([this, r, id]() mutable { spi->OnRspDSUserCertification(nullptr, &r, id, true); });
    return 0;
  }

  int ReqUserLogin(CUstpFtdcReqUserLoginField *f, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (!connected) return -1;
    CUstpFtdcRspInfoField r = info(0, "");
    if (!certified) r = info(2, toGbk("未通过穿透监管认证"));
    else if (c.loginErrorId) r = info(c.loginErrorId, c.loginErrorMsg);
    CUstpFtdcRspUserLoginField l{};
    if (r.ErrorID == 0) {
      loggedIn = true;
      broker = f->BrokerID;
      user = f->UserID;
      put(l.TradingDay, kTradingDay);
      put(l.ActionDay, kTradingDay);
      put(l.LoginTime, nowTime());
      put(l.BrokerID, broker);
      put(l.UserID, user);
      put(l.TradingSystemName, "femassim");
      put(l.MaxOrderLocalID, std::to_string(c.maxLocalId));
      put(l.FemasVersion, FEMASSIM_VERSION_TEXT);
    }
    pump.post([this, l, r, id]() mutable { spi->OnRspUserLogin(&l, &r, id, true); });
    return 0;
  }

  int admit() { return loggedIn ? counter().admitQuery() : -1; }

  std::string investor() const { return "INV" + user; }

  int ReqQryUserInvestor(CUstpFtdcQryUserInvestorField *, int id) override {
    std::lock_guard<std::recursive_mutex> g(counter().m);
    if (int rc = admit()) return rc;
    CUstpFtdcRspUserInvestorField f{};
    put(f.BrokerID, broker);
    put(f.UserID, user);
    put(f.InvestorID, investor());
    sendRows(std::vector<CUstpFtdcRspUserInvestorField>{f}, id, &CUstpFtdcTraderSpi::OnRspQryUserInvestor);
    return 0;
  }

  int ReqQryInstrument(CUstpFtdcQryInstrumentField *, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = admit()) return rc;
    std::vector<CUstpFtdcRspInstrumentField> rows;
    for (auto &i : c.instruments) {
      CUstpFtdcRspInstrumentField f{};
      put(f.InstrumentID, i.id);
      put(f.ExchangeID, i.exchange);
      put(f.ProductID, i.product);
      put(f.InstrumentName, i.name);
      f.VolumeMultiple = i.multiple;
      f.PriceTick = i.tick;
      f.MinLimitOrderVolume = 1;
      f.MaxLimitOrderVolume = 500;
      f.IsTrading = 1;
      f.OptionsType = '0';
      put(f.ExpireDate, "20251231");
      rows.push_back(f);
    }
    sendRows(rows, id, &CUstpFtdcTraderSpi::OnRspQryInstrument);
    return 0;
  }

  int ReqQryInvestorAccount(CUstpFtdcQryInvestorAccountField *, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = admit()) return rc;
    CUstpFtdcRspInvestorAccountField a{};
    put(a.BrokerID, broker);
    put(a.InvestorID, investor());
    put(a.AccountID, investor());
    double margin = c.heldMargin(), frozen = 0;
    for (auto &o : c.orders) {
      ftdcsim::Instrument *i = c.find(o.InstrumentID);
      bool live = o.OrderStatus == '3' || o.OrderStatus == '1';
      if (i && live && o.OffsetFlag == '0') frozen += o.LimitPrice * i->multiple * o.VolumeRemain * 0.1;
    }
    a.PreBalance = 1000000;
    a.CloseProfit = c.closeProfit;
    a.DynamicRights = a.PreBalance + c.closeProfit;
    a.Margin = margin;
    a.FrozenMargin = frozen;
    a.Available = a.DynamicRights - margin - frozen;
    sendRows(std::vector<CUstpFtdcRspInvestorAccountField>{a}, id,
             &CUstpFtdcTraderSpi::OnRspQryInvestorAccount);
    return 0;
  }

  int ReqQryInvestorPosition(CUstpFtdcQryInvestorPositionField *, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = admit()) return rc;
    std::vector<CUstpFtdcRspInvestorPositionField> rows;
    for (auto &kv : c.positions) {
      std::string sym = kv.first.substr(0, kv.first.find('|'));
      ftdcsim::Instrument *i = c.find(sym);
      const ftdcsim::Position &p = kv.second;
      if (!i || p.yd + p.td == 0) continue;
      CUstpFtdcRspInvestorPositionField f{};
      put(f.InstrumentID, sym);
      put(f.ExchangeID, i->exchange);
      put(f.BrokerID, broker);
      put(f.InvestorID, investor());
      f.Direction = kv.first.back();
      f.HedgeFlag = '1';
      f.Position = p.yd + p.td;
      f.YdPosition = p.yd;
      // Price times volume, without the contract multiplier (as VN Trader reads it).
      f.PositionCost = p.cost;
      int frozen = 0;
      char closer = f.Direction == '0' ? '1' : '0';
      for (auto &o : c.orders) {
        bool live = o.OrderStatus == '3' || o.OrderStatus == '1';
        if (live && o.OffsetFlag != '0' && o.Direction == closer && sym == o.InstrumentID) frozen += o.VolumeRemain;
      }
      f.FrozenPosition = frozen;
      rows.push_back(f);
    }
    sendRows(rows, id, &CUstpFtdcTraderSpi::OnRspQryInvestorPosition);
    return 0;
  }

  // The investor's margin rate of one instrument (speculation), the row naming the instrument and its product.
  int ReqQryInvestorMargin(CUstpFtdcQryInvestorMarginField *q, int id) override {
    return rates<CUstpFtdcInvestorMarginField>(q->InstrumentID, id, &CUstpFtdcTraderSpi::OnRspQryInvestorMargin,
                                               [](CUstpFtdcInvestorMarginField &f, const ftdcsim::Instrument &i,
                                                  const ftdcsim::Rates &r) {
                                                 put(f.InstrumentID, i.id);
                                                 f.LongMarginRate = r.longMoney;
                                                 f.LongMarginAmt = r.longVolume;
                                                 f.ShortMarginRate = r.shortMoney;
                                                 f.ShortMarginAmt = r.shortVolume;
                                               });
  }

  // Fees are set per product: the row leaves InstrumentID empty and names the product in ProductID (this
  // simulator's choice; how a real FEMAS counter words a product row is not known here).
  int ReqQryInvestorFee(CUstpFtdcQryInvestorFeeField *q, int id) override {
    return rates<CUstpFtdcInvestorFeeField>(q->InstrumentID, id, &CUstpFtdcTraderSpi::OnRspQryInvestorFee,
                                            [](CUstpFtdcInvestorFeeField &f, const ftdcsim::Instrument &,
                                               const ftdcsim::Rates &r) {
                                              using F = CUstpFtdcInvestorFeeField;
                                              ftdcsim::putFees(f, r,
                                                               {&F::OpenFeeRate, &F::OpenFeeAmt, &F::OffsetFeeRate,
                                                                &F::OffsetFeeAmt, &F::OTFeeRate, &F::OTFeeAmt});
                                            });
  }

  // A rate answer: one row for a known instrument whose product has rates (none otherwise), paced as every
  // query; `fill` sets the SDK's rate fields.
  template <class Row, class Fill>
  int rates(const char *instrument, int id, void (CUstpFtdcTraderSpi::*call)(Row *, CUstpFtdcRspInfoField *, int, bool),
            Fill fill) {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = admit()) return rc;
    std::vector<Row> rows;
    const ftdcsim::Instrument *i = c.find(instrument);
    const ftdcsim::Rates *r = i ? ftdcsim::ratesOf(i->product) : nullptr;
    if (r) {
      Row f{};
      put(f.BrokerID, broker);
      put(f.ClientID, investor());
      put(f.ExchangeID, i->exchange);
      put(f.ProductID, i->product);
      f.HedgeFlag = '1';
      fill(f, *i, *r);
      rows.push_back(f);
    }
    sendRows(rows, id, call);
    return 0;
  }

  int ReqQryOrder(CUstpFtdcQryOrderField *, int id) override {
    return answer(counter(), counter().orders, id, &CUstpFtdcTraderSpi::OnRspQryOrder);
  }

  int ReqQryTrade(CUstpFtdcQryTradeField *, int id) override {
    return answer(counter(), counter().trades, id, &CUstpFtdcTraderSpi::OnRspQryTrade);
  }

  int ReqOrderInsert(CUstpFtdcInputOrderField *in, int id) override;
  int ReqOrderAction(CUstpFtdcOrderActionField *in, int id) override;
};

namespace {

void broadcastOrder(const CUstpFtdcOrderField &o) {
  ftdcsim::broadcast(counter().traders, o, &CUstpFtdcTraderSpi::OnRtnOrder);
}

void broadcastTrade(const CUstpFtdcTradeField &tr) {
  ftdcsim::broadcast(counter().traders, tr, &CUstpFtdcTraderSpi::OnRtnTrade);
}

void fillOrder(CUstpFtdcOrderField &f, double price, int volume) {
  auto &c = counter();
  char offset = f.OffsetFlag;
  c.book(f.InstrumentID, offset, f.Direction == '0', price, volume);
  f.VolumeTraded += volume;
  f.VolumeRemain -= volume;
  f.OrderStatus = f.VolumeRemain == 0 ? '0' : '1';
  CUstpFtdcTradeField t{};
  put(t.BrokerID, f.BrokerID);
  put(t.ExchangeID, f.ExchangeID);
  put(t.TradingDay, kTradingDay);
  put(t.ActionDay, kTradingDay);
  put(t.InvestorID, f.InvestorID);
  put(t.UserID, f.UserID);
  put(t.OrderUserID, f.UserID);
  char tid[21];
  std::snprintf(tid, sizeof tid, "%12d", c.nextTradeId++);
  put(t.TradeID, tid);
  put(t.OrderSysID, f.OrderSysID);
  put(t.UserOrderLocalID, f.UserOrderLocalID);
  put(t.InstrumentID, f.InstrumentID);
  t.Direction = f.Direction;
  t.OffsetFlag = offset;
  t.HedgeFlag = '1';
  t.TradePrice = price;
  t.TradeVolume = volume;
  put(t.TradeTime, nowTime());
  c.trades.push_back(t);
  broadcastOrder(f);
  broadcastTrade(t);
}

}  // namespace

int TraderImpl::ReqOrderInsert(CUstpFtdcInputOrderField *in, int id) {
  auto &c = counter();
  std::lock_guard<std::recursive_mutex> g(c.m);
  if (!loggedIn) return -1;
  ftdcsim::Instrument *ins = c.find(in->InstrumentID);
  if (!takeLocalId(in->UserOrderLocalID)) {
    rejectInsert(*in, id, info(27, toGbk("重复的本地报单编号")));
    return 0;
  }
  if (c.rejectId) {
    CUstpFtdcRspInfoField r = info(c.rejectId, c.rejectMsg);
    c.rejectId = 0;
    rejectInsert(*in, id, r);
    return 0;
  }
  if (!ins || ins->exchange != in->ExchangeID) {
    rejectInsert(*in, id, info(5, toGbk("合约代码错误")));
    return 0;
  }
  bool limit = in->OrderPriceType == '2';
  double ratio = in->LimitPrice / ins->tick;
  if (in->Volume <= 0 || (limit && (in->LimitPrice <= 0 || std::abs(ratio - std::llround(ratio)) > 1e-6))) {
    rejectInsert(*in, id, info(15, toGbk("报单价格不是最小变动价位的整数倍")));
    return 0;
  }
  char offset = in->OffsetFlag;
  bool buy = in->Direction == '0';
  if (offset != '0' && in->Volume > c.closable(in->InstrumentID, offset, buy)) {
    rejectInsert(*in, id, info(30, toGbk("平仓量超过持仓量")));
    return 0;
  }
  CUstpFtdcOrderField f{};
  std::memcpy(&f, in, sizeof *in < sizeof f ? sizeof *in : sizeof f);
  std::memset(reinterpret_cast<char *>(&f) + offsetof(CUstpFtdcOrderField, TradingDay), 0,
              sizeof f - offsetof(CUstpFtdcOrderField, TradingDay));
  char sys[31];
  std::snprintf(sys, sizeof sys, "%12d", c.nextSysId++);
  put(f.OrderSysID, sys);
  put(f.TradingDay, kTradingDay);
  put(f.OrderUserID, in->UserID);
  put(f.InsertTime, nowTime());
  put(f.OrderLocalID, sys);
  f.OrderStatus = '3';
  f.VolumeRemain = in->Volume;
  c.orders.push_back(f);
  CUstpFtdcOrderField &rec = c.orders.back();
  broadcastOrder(rec);
  double touch = buy ? ins->ask : ins->bid;
  bool crosses = !limit || (buy ? in->LimitPrice >= touch : in->LimitPrice <= touch);
  if (crosses) fillOrder(rec, touch, rec.VolumeRemain);
  if (in->TimeCondition == '1' && rec.VolumeRemain > 0) {
    rec.OrderStatus = '5';
    put(rec.CancelTime, nowTime());
    broadcastOrder(rec);
  }
  return 0;
}

int TraderImpl::ReqOrderAction(CUstpFtdcOrderActionField *in, int id) {
  auto &c = counter();
  std::lock_guard<std::recursive_mutex> g(c.m);
  if (!loggedIn) return -1;
  CUstpFtdcOrderActionField a = *in;
  auto refuse = [&](int code, const char *msg) {
    CUstpFtdcRspInfoField r = info(code, toGbk(msg));
    pump.post([this, a, r, id]() mutable {
      spi->OnRspOrderAction(&a, &r, id, true);
      spi->OnErrRtnOrderAction(&a, &r);
    });
    return 0;
  };
  if (!takeLocalId(in->UserOrderActionLocalID)) return refuse(27, "重复的本地撤单编号");
  CUstpFtdcOrderField *found = nullptr;
  for (auto &o : c.orders) {
    bool byLocal = in->UserOrderLocalID[0] && std::strcmp(o.UserOrderLocalID, in->UserOrderLocalID) == 0 &&
                   std::strcmp(o.UserID, in->UserID) == 0;
    bool bySys = in->OrderSysID[0] && std::strcmp(o.OrderSysID, in->OrderSysID) == 0;
    if (byLocal || bySys) found = &o;
  }
  if (!found) return refuse(25, "撤单找不到相应报单");
  if (found->OrderStatus != '3' && found->OrderStatus != '1') return refuse(26, "报单已全成交或已撤销");
  found->OrderStatus = '5';
  put(found->CancelTime, nowTime());
  put(found->CancelUserID, in->UserID);
  broadcastOrder(*found);
  return 0;
}

// ---- market data --------------------------------------------------------------------------------------------

class MdImpl : public CUstpFtdcMduserApi, public ftdcsim::MdLink<CUstpFtdcMduserSpi> {
 public:
  void Release() override { release(counter(), counter().mds, this); }
  void Init() override {
    pump.idle = [this] { periodic(counter(), [this](const std::string &sym) { postTick(sym); }); };
    pump.idleEvery = std::chrono::microseconds(1000);
    attach(counter(), counter().mds, this);
  }
  void RegisterFront(char *) override {}
  void RegisterSpi(CUstpFtdcMduserSpi *p) override { spi = p; }
  void SubscribeMarketDataTopic(int, int) override {}

  void disconnect() { downMd(); }

  int ReqUserLogin(CUstpFtdcReqUserLoginField *f, int id) override {
    std::lock_guard<std::recursive_mutex> g(counter().m);
    if (!connected) return -1;
    CUstpFtdcRspInfoField r = info(0, "");
    CUstpFtdcRspUserLoginField l{};
    put(l.TradingDay, kTradingDay);
    put(l.BrokerID, f->BrokerID);
    put(l.UserID, f->UserID);
    loggedIn = true;
    pump.post([this, l, r, id]() mutable { spi->OnRspUserLogin(&l, &r, id, true); });
    return 0;
  }

  int SubMarketData(char *ids[], int n) override {
    if (faults().hangSubscribe) simkit::blockForever();
    std::lock_guard<std::recursive_mutex> g(counter().m);
    if (!connected) return -1;
    subscribeAll(
        ids, n,
        [this](const std::string &sym, bool last) {
          CUstpFtdcSpecificInstrumentField s{};
          put(s.InstrumentID, sym);
          CUstpFtdcRspInfoField r = info(0, "");
          pump.post([this, s, r, last]() mutable { spi->OnRspSubMarketData(&s, &r, 0, last); });
        },
        [this](const std::string &sym) { postTick(sym); });
    return 0;
  }

  void postTick(const std::string &sym) {
    auto &c = counter();
    ftdcsim::Instrument *i = c.find(sym);
    if (!i) return;
    CUstpFtdcDepthMarketDataField d{};
    put(d.TradingDay, kTradingDay);
    put(d.ActionDay, kTradingDay);
    put(d.InstrumentID, sym);
    d.LastPrice = i->bid;
    d.PreSettlementPrice = d.PreClosePrice = d.OpenPrice = d.HighestPrice = d.LowestPrice = i->bid;
    d.UpperLimitPrice = i->bid * 1.1;
    d.LowerLimitPrice = i->bid * 0.9;
    // The sequence number rides in Volume so that a test can see every tick arrive.
    d.Volume = static_cast<int>(++c.tickSeq);
    d.Turnover = d.Volume * i->bid * i->multiple;
    d.OpenInterest = 1000;
    put(d.UpdateTime, nowTime());
    d.UpdateMillisec = 500;
    d.BidPrice1 = i->bid;
    d.AskPrice1 = i->ask;
    d.BidVolume1 = 10;
    d.AskVolume1 = 12;
    d.BidPrice2 = i->bid - i->tick;
    d.BidVolume2 = 20;
    d.AskPrice2 = i->ask + i->tick;
    d.AskVolume2 = 22;
    d.BidPrice3 = d.AskPrice3 = d.BidPrice4 = d.AskPrice4 = d.BidPrice5 = d.AskPrice5 = DBL_MAX;
    d.SettlementPrice = d.ClosePrice = d.PreDelta = d.CurrDelta = DBL_MAX;
    pump.post([this, d]() mutable { spi->OnRtnDepthMarketData(&d); });
  }

  void burst(long count) { burstOf<CUstpFtdcDepthMarketDataField>(counter(), count); }
};

// ---- factories, version, control ---------------------------------------------------------------------------

CUstpFtdcTraderApi *CUstpFtdcTraderApi::CreateFtdcTraderApi(const char *) { return new TraderImpl(); }
CUstpFtdcMduserApi *CUstpFtdcMduserApi::CreateFtdcMduserApi(const char *) { return new MdImpl(); }
// Out-of-line constructors make the library emit (and export) the API classes' vtables, whose sizes the
// binding checks.
CUstpFtdcTraderApi::CUstpFtdcTraderApi() {}
CUstpFtdcMduserApi::CUstpFtdcMduserApi() {}
const char *CUstpFtdcTraderApi::GetVersion(int &major, int &minor) {
  major = FEMASSIM_MAJOR;
  minor = FEMASSIM_MINOR;
  return FEMASSIM_VERSION_TEXT;
}
const char *CUstpFtdcMduserApi::GetVersion(int &major, int &minor) {
  major = FEMASSIM_MAJOR;
  minor = FEMASSIM_MINOR;
  return FEMASSIM_VERSION_TEXT;
}

// Commands (one per call, space separated; messages are UTF-8 and reach the SPI as GBK):
//   reset | disconnect | restore | query_limit_ms N | tick_interval_us N | burst N
//   reject_next ID MSG | login_error ID MSG | cert_error ID MSG
//   fill L|S PRICE VOLUME        a counterparty trades against resting buy (L) or sell (S) orders
//   position SYMBOL L|S YD TD PRICE
//   local_id N                   the highest order local id the user has used (a previous session's)
//   hang init|subscribe|release  that call never returns
//   crash_at_exit                SIGSEGV when the process exits (after a clean Release)
// Returns 0, or -1 for a command it does not understand.
extern "C" int femassim_control(const char *command) {
  auto &c = counter();
  std::lock_guard<std::recursive_mutex> g(c.m);
  ftdcsim::Command cmd(command);
  int rc = ftdcsim::commonControl(c, cmd, "cert_error", [&c](char dir, double price, int volume) {
    ftdcsim::fillResting(
        c.orders, dir, price, volume, [](CUstpFtdcOrderField &o) { return o.VolumeRemain; },
        [price](CUstpFtdcOrderField &o, int v) { fillOrder(o, price, v); });
  });
  if (rc <= 0) return rc;
  if (cmd.op == "reset") {
    c.reset();
    faults().clear();
  } else if (cmd.op == "local_id") {
    cmd.in >> c.maxLocalId;
  } else {
    return -1;
  }
  return 0;
}

// Benchmark baseline: calls `cb` n times from a new thread and returns at once.
extern "C" int femassim_raw_burst(void (*cb)(int), int n) { return ftdcsim::rawBurst(cb, n); }
