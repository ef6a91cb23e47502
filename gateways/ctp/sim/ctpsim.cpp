// A simulated CTP library for vnt's tests: exports the CTP (or CTP Mini) classes of one ABI (declared in the header that
// build.ts generates and passes with -include) and behaves like a small futures counter — authentication,
// login, settlement confirmation, instruments with Chinese (GBK) names, account, positions with SHFE/INE
// today/yesterday rows, order insert/cancel with simple matching against a synthetic book, OnRtnOrder /
// OnRtnTrade, depth market data from its own thread. Every SPI call comes from a library thread, as with the
// real library. Tests steer it through the exported C function ctpsim_control("command args..."), which the
// library also runs for every line a test sends over the control socket named by $CTPSIM_CONTROL (the
// library lives in the gateway's native host process, not in the test's). It can also misbehave like real
// vendor libraries do: block forever in Init, SubscribeMarketData or Release, or crash at exit.
#include "ftdcsim.h"

#include <cfloat>
#include <cmath>
#include <map>

using ftdcsim::faults;
using ftdcsim::Rates;
using ftdcsim::ratesOf;
using simkit::nowTime;
using simkit::put;
using simkit::toGbk;

class TraderImpl;
class MdImpl;
extern "C" int ctpsim_control(const char *command);

namespace {

__attribute__((constructor)) void connectControl() { ftdcsim::startControl("CTPSIM_CONTROL", ctpsim_control); }

const char *kTradingDay = "20250102";

// The counter: shared by every API object of the process. Position keys end in CTP's PosiDirection ('2'
// long, '3' short).
struct Counter : ftdcsim::CounterBase<TraderImpl, MdImpl> {
  std::vector<CThostFtdcOrderField> orders;
  std::vector<CThostFtdcTradeField> trades;
  int nextSession = 100;

  Counter() : CounterBase('2', '3') { reset(); }

  void reset() {
    resetBase({
        {"rb2501", "SHFE", "rb", toGbk("螺纹钢2501"), 10, 1, 3500, 3501},
        {"sc2503", "INE", "sc", toGbk("原油2503"), 1000, 0.1, 550, 550.1},
        {"IF2501", "CFFEX", "IF", toGbk("沪深300指数2501"), 300, 0.2, 3800, 3800.2},
        {"m2505", "DCE", "m", toGbk("豆粕2505"), 10, 1, 2900, 2901},
        {"SR505", "CZCE", "SR", toGbk("白糖505"), 10, 1, 5800, 5801},
        {"si2505", "GFEX", "si", toGbk("工业硅2505"), 5, 5, 11000, 11005},
    });
    orders.clear();
    trades.clear();
  }
};

Counter &counter() {
  static Counter c;
  return c;
}

CThostFtdcRspInfoField info(int id, const std::string &gbkMsg) {
  CThostFtdcRspInfoField r{};
  r.ErrorID = id;
  put(r.ErrorMsg, gbkMsg);
  return r;
}

}  // namespace

// ---- trader -------------------------------------------------------------------------------------------------

class TraderImpl : public CThostFtdcTraderApi, public ftdcsim::Link<CThostFtdcTraderSpi> {
 public:
  bool authenticated = false;
  int front = 1, session = 0;
  std::string broker, investor;

  void Release() override { release(counter(), counter().traders, this); }
  void Init(CTPSIM_INIT_PARAMS) override {
    if (faults().hangInit) simkit::blockForever();
    attach(counter(), counter().traders, this);
  }
  const char *GetTradingDay() override { return kTradingDay; }
  void RegisterFront(char *) override {}
  void RegisterSpi(CThostFtdcTraderSpi *p) override { spi = p; }
  void SubscribePrivateTopic(int) override {}
  void SubscribePublicTopic(int) override {}

  // Called with the counter lock held.
  void disconnect() {
    authenticated = false;
    down();
  }

  int ReqAuthenticate(CThostFtdcReqAuthenticateField *f, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (!connected) return -1;
    CThostFtdcRspInfoField r = c.stepErrorId ? info(c.stepErrorId, c.stepErrorMsg) : info(0, "");
    if (!c.stepErrorId && std::strlen(f->AppID) == 0) r = info(63, toGbk("CTP:客户端认证失败"));
    authenticated = r.ErrorID == 0;
    pump.post([this, r, id]() mutable { spi->OnRspAuthenticate(nullptr, &r, id, true); });
    return 0;
  }

  int ReqUserLogin(CThostFtdcReqUserLoginField *f, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (!connected) return -1;
    CThostFtdcRspInfoField r = info(0, "");
    if (!authenticated) r = info(63, toGbk("CTP:客户端认证失败"));
    else if (c.loginErrorId) r = info(c.loginErrorId, c.loginErrorMsg);
    CThostFtdcRspUserLoginField l{};
    if (r.ErrorID == 0) {
      loggedIn = true;
      session = c.nextSession++;
      broker = f->BrokerID;
      investor = f->UserID;
      put(l.TradingDay, kTradingDay);
      put(l.LoginTime, nowTime());
      put(l.BrokerID, broker);
      put(l.UserID, investor);
      put(l.SystemName, "ctpsim");
      l.FrontID = front;
      l.SessionID = session;
      put(l.MaxOrderRef, "0");
    }
    pump.post([this, l, r, id]() mutable { spi->OnRspUserLogin(&l, &r, id, true); });
    return 0;
  }

#if CTPSIM_HAS_SETTLEMENT
  int ReqSettlementInfoConfirm(CThostFtdcSettlementInfoConfirmField *f, int id) override {
    std::lock_guard<std::recursive_mutex> g(counter().m);
    if (!loggedIn) return -1;
    CThostFtdcSettlementInfoConfirmField s = *f;
    put(s.ConfirmDate, kTradingDay);
    put(s.ConfirmTime, nowTime());
    CThostFtdcRspInfoField r = info(0, "");
    pump.post([this, s, r, id]() mutable { spi->OnRspSettlementInfoConfirm(&s, &r, id, true); });
    return 0;
  }
#endif

  // Queries need a login and obey the flow limit. Called with the counter lock held.
  int admit() { return loggedIn ? counter().admitQuery() : -1; }

  int ReqQryInstrument(CThostFtdcQryInstrumentField *, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = admit()) return rc;
    std::vector<CThostFtdcInstrumentField> rows;
    for (auto &i : c.instruments) {
      CThostFtdcInstrumentField f{};
      put(f.InstrumentID, i.id);
      put(f.ExchangeID, i.exchange);
      put(f.ExchangeInstID, i.id);
      put(f.InstrumentName, i.name);
      put(f.ProductID, i.product);
      f.ProductClass = '1';
      f.VolumeMultiple = i.multiple;
      f.PriceTick = i.tick;
      f.MinLimitOrderVolume = 1;
      f.MaxLimitOrderVolume = 500;
      f.IsTrading = 1;
      put(f.ExpireDate, "20251231");
      rows.push_back(f);
    }
    sendRows(rows, id, &CThostFtdcTraderSpi::OnRspQryInstrument);
    return 0;
  }

  // A rate query: one row, filled by `fill`, for a known instrument whose product has rates; none otherwise.
  template <class Row, class Fill>
  int rateAnswer(const char *instrument, int id,
                 void (CThostFtdcTraderSpi::*call)(Row *, CThostFtdcRspInfoField *, int, bool), Fill fill) {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = admit()) return rc;
    std::vector<Row> rows;
    ftdcsim::Instrument *i = c.find(instrument);
    if (const Rates *r = i ? ratesOf(i->product) : nullptr) {
      Row f{};
      f.InvestorRange = '1';
      put(f.BrokerID, broker);
      put(f.InvestorID, investor);
      fill(f, *i, *r);
      rows.push_back(f);
    }
    sendRows(rows, id, call);
    return 0;
  }

  // The investor's margin rate of one instrument (speculation), as an instrument row.
  int ReqQryInstrumentMarginRate(CThostFtdcQryInstrumentMarginRateField *q, int id) override {
    return rateAnswer(q->InstrumentID, id, &CThostFtdcTraderSpi::OnRspQryInstrumentMarginRate,
                      [](CThostFtdcInstrumentMarginRateField &f, const ftdcsim::Instrument &i, const Rates &r) {
                        put(f.InstrumentID, i.id);
                        f.HedgeFlag = '1';
                        f.LongMarginRatioByMoney = r.longMoney;
                        f.LongMarginRatioByVolume = r.longVolume;
                        f.ShortMarginRatioByMoney = r.shortMoney;
                        f.ShortMarginRatioByVolume = r.shortVolume;
                        f.IsRelative = 0;
                      });
  }

  // Fees are set per product, so the row names the product ("rb"), not the instrument asked for, as real
  // counters answer.
  int ReqQryInstrumentCommissionRate(CThostFtdcQryInstrumentCommissionRateField *q, int id) override {
    return rateAnswer(q->InstrumentID, id, &CThostFtdcTraderSpi::OnRspQryInstrumentCommissionRate,
                      [](CThostFtdcInstrumentCommissionRateField &f, const ftdcsim::Instrument &i, const Rates &r) {
                        using F = CThostFtdcInstrumentCommissionRateField;
                        put(f.InstrumentID, i.product);
                        ftdcsim::putFees(f, r,
                                         {&F::OpenRatioByMoney, &F::OpenRatioByVolume, &F::CloseRatioByMoney,
                                          &F::CloseRatioByVolume, &F::CloseTodayRatioByMoney,
                                          &F::CloseTodayRatioByVolume});
                      });
  }

  double frozenMargin(Counter &c) {
    double m = 0;
    for (auto &f : c.orders) {
      if ((f.OrderStatus == '3' || f.OrderStatus == '1') && f.CombOffsetFlag[0] == '0') {
        ftdcsim::Instrument *i = c.find(f.InstrumentID);
        if (i) m += f.LimitPrice * i->multiple * f.VolumeTotal * 0.1;
      }
    }
    return m;
  }

  int ReqQryTradingAccount(CThostFtdcQryTradingAccountField *, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = admit()) return rc;
    CThostFtdcTradingAccountField a{};
    put(a.BrokerID, broker);
    put(a.AccountID, investor);
    put(a.CurrencyID, "CNY");
    put(a.TradingDay, kTradingDay);
    double margin = c.heldMargin();
    a.PreBalance = 1000000;
    a.CloseProfit = c.closeProfit;
    a.Balance = a.PreBalance + c.closeProfit;
    a.CurrMargin = margin;
    a.FrozenMargin = frozenMargin(c);
    a.Available = a.Balance - margin - a.FrozenMargin;
    std::vector<CThostFtdcTradingAccountField> rows{a};
    sendRows(rows, id, &CThostFtdcTraderSpi::OnRspQryTradingAccount);
    return 0;
  }

  int ReqQryInvestorPosition(CThostFtdcQryInvestorPositionField *, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = admit()) return rc;
    std::vector<CThostFtdcInvestorPositionField> rows;
    for (auto &kv : c.positions) {
      std::string sym = kv.first.substr(0, kv.first.find('|'));
      char dir = kv.first.back();
      ftdcsim::Instrument *i = c.find(sym);
      const ftdcsim::Position &p = kv.second;
      if (!i) continue;
      int total = p.yd + p.td;
      double avg = total ? p.cost / total : 0;
      auto row = [&](char date, int pos, int yd, int today) {
        CThostFtdcInvestorPositionField f{};
        put(f.InstrumentID, sym);
#if CTPSIM_POSITION_EXCHANGE
        put(f.ExchangeID, i->exchange);
#endif
        put(f.BrokerID, broker);
        put(f.InvestorID, investor);
        f.PosiDirection = dir;
        f.HedgeFlag = '1';
        f.PositionDate = date;
        f.Position = pos;
        f.YdPosition = yd;
        f.TodayPosition = today;
        f.PositionCost = avg * pos * i->multiple;
        f.OpenCost = f.PositionCost;
        double mark = (i->bid + i->ask) / 2;
        f.PositionProfit = (dir == '2' ? mark - avg : avg - mark) * pos * i->multiple;
        rows.push_back(f);
      };
      if (ftdcsim::splitsToday(i->exchange)) {
        if (p.td) row('1', p.td, 0, p.td);
        if (p.yd) row('2', p.yd, p.yd, 0);
      } else if (total) {
        row('1', total, p.yd, p.td);
      }
    }
    sendRows(rows, id, &CThostFtdcTraderSpi::OnRspQryInvestorPosition);
    return 0;
  }

  int ReqQryOrder(CThostFtdcQryOrderField *, int id) override {
    return answer(counter(), counter().orders, id, &CThostFtdcTraderSpi::OnRspQryOrder);
  }

  int ReqQryTrade(CThostFtdcQryTradeField *, int id) override {
    return answer(counter(), counter().trades, id, &CThostFtdcTraderSpi::OnRspQryTrade);
  }

  int ReqOrderInsert(CThostFtdcInputOrderField *in, int id) override;
  int ReqOrderAction(CThostFtdcInputOrderActionField *in, int id) override;
};

namespace {

// Private flow: every logged-in trader session of the process sees every order and trade update.
void broadcastOrder(const CThostFtdcOrderField &o) {
  ftdcsim::broadcast(counter().traders, o, &CThostFtdcTraderSpi::OnRtnOrder);
}
void broadcastTrade(const CThostFtdcTradeField &tr) {
  ftdcsim::broadcast(counter().traders, tr, &CThostFtdcTraderSpi::OnRtnTrade);
}

// Fills `volume` of an order at `price`: position, trade record, order status; then the pushes.
void fillOrder(CThostFtdcOrderField &f, double price, int volume) {
  auto &c = counter();
  char offset = f.CombOffsetFlag[0];
  c.book(f.InstrumentID, offset, f.Direction == '0', price, volume);
  f.VolumeTraded += volume;
  f.VolumeTotal -= volume;
  f.OrderStatus = f.VolumeTotal == 0 ? '0' : '1';
  put(f.StatusMsg, toGbk(f.VolumeTotal == 0 ? "全部成交" : "部分成交"));
  CThostFtdcTradeField t{};
  put(t.BrokerID, f.BrokerID);
  put(t.InvestorID, f.InvestorID);
  put(t.InstrumentID, f.InstrumentID);
  put(t.ExchangeInstID, f.InstrumentID);
  put(t.OrderRef, f.OrderRef);
  put(t.UserID, f.UserID);
  put(t.ExchangeID, f.ExchangeID);
  char tid[21];
  std::snprintf(tid, sizeof tid, "%12d", c.nextTradeId++);
  put(t.TradeID, tid);
  t.Direction = f.Direction;
  put(t.OrderSysID, f.OrderSysID);
  t.OffsetFlag = offset;
  t.HedgeFlag = '1';
  t.Price = price;
  t.Volume = volume;
  put(t.TradeDate, kTradingDay);
  put(t.TradeTime, nowTime());
  put(t.TradingDay, kTradingDay);
  c.trades.push_back(t);
  broadcastOrder(f);
  broadcastTrade(t);
}

}  // namespace

int TraderImpl::ReqOrderInsert(CThostFtdcInputOrderField *in, int id) {
  auto &c = counter();
  std::lock_guard<std::recursive_mutex> g(c.m);
  if (!loggedIn) return -1;
  ftdcsim::Instrument *ins = c.find(in->InstrumentID);
  if (c.rejectId) {
    CThostFtdcRspInfoField r = info(c.rejectId, c.rejectMsg);
    c.rejectId = 0;
    rejectInsert(*in, id, r);
    return 0;
  }
  if (!ins) {
    rejectInsert(*in, id, info(16, toGbk("CTP:找不到合约")));
    return 0;
  }
  bool limit = in->OrderPriceType == '2';
  double ratio = in->LimitPrice / ins->tick;
  if (in->VolumeTotalOriginal <= 0 ||
      (limit && (in->LimitPrice <= 0 || std::abs(ratio - std::llround(ratio)) > 1e-6))) {
    rejectInsert(*in, id, info(15, toGbk("CTP:报单字段有误: 价格不是最小变动价位的整数倍")));
    return 0;
  }
  char offset = in->CombOffsetFlag[0];
  bool buy = in->Direction == '0';
  if (offset != '0' && in->VolumeTotalOriginal > c.closable(in->InstrumentID, offset, buy)) {
    rejectInsert(*in, id, info(30, toGbk("CTP:平仓量超过持仓量")));
    return 0;
  }
  CThostFtdcOrderField f{};
  put(f.BrokerID, in->BrokerID);
  put(f.InvestorID, in->InvestorID);
  put(f.InstrumentID, in->InstrumentID);
  put(f.ExchangeInstID, in->InstrumentID);
  put(f.OrderRef, in->OrderRef);
  put(f.UserID, in->UserID);
  f.OrderPriceType = in->OrderPriceType;
  f.Direction = in->Direction;
  put(f.CombOffsetFlag, in->CombOffsetFlag);
  put(f.CombHedgeFlag, in->CombHedgeFlag);
  f.LimitPrice = in->LimitPrice;
  f.VolumeTotalOriginal = in->VolumeTotalOriginal;
  f.TimeCondition = in->TimeCondition;
  f.VolumeCondition = in->VolumeCondition;
  f.ContingentCondition = in->ContingentCondition;
  f.RequestID = id;
  put(f.ExchangeID, ins->exchange);
  char sys[21];
  std::snprintf(sys, sizeof sys, "%12d", c.nextSysId++);
  put(f.OrderSysID, sys);
  f.OrderSubmitStatus = '3';
  f.OrderStatus = '3';
  f.VolumeTotal = in->VolumeTotalOriginal;
  put(f.InsertDate, kTradingDay);
  put(f.InsertTime, nowTime());
  put(f.TradingDay, kTradingDay);
  f.FrontID = front;
  f.SessionID = session;
  put(f.StatusMsg, toGbk("未成交"));
  c.orders.push_back(f);
  CThostFtdcOrderField &rec = c.orders.back();
  broadcastOrder(rec);
  // Synthetic book: infinitely deep at the best bid/ask; marketable orders fill there.
  double touch = buy ? ins->ask : ins->bid;
  bool crosses = !limit || (buy ? in->LimitPrice >= touch : in->LimitPrice <= touch);
  if (crosses) fillOrder(rec, touch, rec.VolumeTotal);
  if (in->TimeCondition == '1' && rec.VolumeTotal > 0) {
    rec.OrderStatus = '5';
    put(rec.StatusMsg, toGbk("已撤单"));
    broadcastOrder(rec);
  }
  return 0;
}

int TraderImpl::ReqOrderAction(CThostFtdcInputOrderActionField *in, int id) {
  auto &c = counter();
  std::lock_guard<std::recursive_mutex> g(c.m);
  if (!loggedIn) return -1;
  CThostFtdcOrderField *found = nullptr;
  for (auto &o : c.orders) {
    bool byRef =
        o.FrontID == in->FrontID && o.SessionID == in->SessionID && std::strcmp(o.OrderRef, in->OrderRef) == 0;
    bool bySys = in->OrderSysID[0] && std::strcmp(o.OrderSysID, in->OrderSysID) == 0;
    if (byRef || bySys) found = &o;
  }
  CThostFtdcInputOrderActionField a = *in;
  if (!found) {
    CThostFtdcRspInfoField r = info(25, toGbk("CTP:撤单找不到相应报单"));
    pump.post([this, a, r, id]() mutable { spi->OnRspOrderAction(&a, &r, id, true); });
    return 0;
  }
  char st = found->OrderStatus;
  if (st != '3' && st != '1') {
    CThostFtdcRspInfoField r = info(26, toGbk("CTP:报单已全成交或已撤销，不能再撤"));
    pump.post([this, a, r, id]() mutable {
      spi->OnRspOrderAction(&a, &r, id, true);
      spi->OnErrRtnOrderAction(nullptr, &r);
    });
    return 0;
  }
  found->OrderStatus = '5';
  put(found->CancelTime, nowTime());
  put(found->StatusMsg, toGbk("已撤单"));
  broadcastOrder(*found);
  return 0;
}

// ---- market data --------------------------------------------------------------------------------------------

class MdImpl : public CThostFtdcMdApi, public ftdcsim::MdLink<CThostFtdcMdSpi> {
 public:
  void Release() override { release(counter(), counter().mds, this); }
  void Init(CTPSIM_INIT_PARAMS) override {
    pump.idle = [this] { periodic(counter(), [this](const std::string &sym) { postTick(sym); }); };
    pump.idleEvery = std::chrono::microseconds(1000);
    attach(counter(), counter().mds, this);
  }
  void RegisterFront(char *) override {}
  void RegisterSpi(CThostFtdcMdSpi *p) override { spi = p; }

  void disconnect() { downMd(); }

  int ReqUserLogin(CThostFtdcReqUserLoginField *f, int id) override {
    std::lock_guard<std::recursive_mutex> g(counter().m);
    if (!connected) return -1;
    CThostFtdcRspInfoField r = info(0, "");
    CThostFtdcRspUserLoginField l{};
    put(l.TradingDay, kTradingDay);
    put(l.BrokerID, f->BrokerID);
    put(l.UserID, f->UserID);
    loggedIn = true;
    pump.post([this, l, r, id]() mutable { spi->OnRspUserLogin(&l, &r, id, true); });
    return 0;
  }

  int SubscribeMarketData(char *ids[], int n) override {
    if (faults().hangSubscribe) simkit::blockForever();
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (!connected) return -1;
    subscribeAll(
        ids, n,
        [this](const std::string &sym, bool last) {
          CThostFtdcSpecificInstrumentField s{};
          put(s.InstrumentID, sym);
          CThostFtdcRspInfoField r = info(0, "CTP:No Error");
          pump.post([this, s, r, last]() mutable { spi->OnRspSubMarketData(&s, &r, 0, last); });
        },
        [this](const std::string &sym) { postTick(sym); });
    return 0;
  }

  // Called with the counter lock held.
  void postTick(const std::string &sym) {
    auto &c = counter();
    ftdcsim::Instrument *i = c.find(sym);
    if (!i) return;
    CThostFtdcDepthMarketDataField d{};
    put(d.TradingDay, kTradingDay);
    put(d.ActionDay, kTradingDay);
    put(d.InstrumentID, sym);
    put(d.ExchangeID, i->exchange);
    d.LastPrice = i->bid;
    d.PreSettlementPrice = d.PreClosePrice = d.OpenPrice = d.HighestPrice = d.LowestPrice = i->bid;
    d.UpperLimitPrice = i->bid * 1.1;
    d.LowerLimitPrice = i->bid * 0.9;
    // The sequence number rides in Volume so that a test can see every tick arrive.
    d.Volume = static_cast<int>(++c.tickSeq);
    d.OpenInterest = 1000;
    put(d.UpdateTime, nowTime());
    d.UpdateMillisec = 500;
    d.BidPrice1 = i->bid;
    d.AskPrice1 = i->ask;
    d.BidVolume1 = 10;
    d.AskVolume1 = 12;
    // Empty levels are DBL_MAX, as the real feed sends them.
    d.BidPrice2 = d.AskPrice2 = d.BidPrice3 = d.AskPrice3 = DBL_MAX;
    d.BidPrice4 = d.AskPrice4 = d.BidPrice5 = d.AskPrice5 = DBL_MAX;
    d.SettlementPrice = d.ClosePrice = d.PreDelta = d.CurrDelta = DBL_MAX;
    pump.post([this, d]() mutable { spi->OnRtnDepthMarketData(&d); });
  }

  void burst(long count) { burstOf<CThostFtdcDepthMarketDataField>(counter(), count); }
};

// ---- factories, version, control ---------------------------------------------------------------------------

#if !CTPSIM_OMIT_TRADER_FACTORY
#if CTPSIM_PRODUCTION_FLAG
CThostFtdcTraderApi *CThostFtdcTraderApi::CreateFtdcTraderApi(const char *, bool) { return new TraderImpl(); }
#else
CThostFtdcTraderApi *CThostFtdcTraderApi::CreateFtdcTraderApi(const char *) { return new TraderImpl(); }
#endif
#endif
#if CTPSIM_PRODUCTION_FLAG
CThostFtdcMdApi *CThostFtdcMdApi::CreateFtdcMdApi(const char *, const bool, const bool, bool) { return new MdImpl(); }
#else
CThostFtdcMdApi *CThostFtdcMdApi::CreateFtdcMdApi(const char *, const bool, const bool) { return new MdImpl(); }
#endif
// Out-of-line constructors make the library emit (and export) the API classes' vtables, whose sizes a
// binding checks.
CThostFtdcTraderApi::CThostFtdcTraderApi() {}
CThostFtdcMdApi::CThostFtdcMdApi() {}
const char *CThostFtdcTraderApi::GetApiVersion() { return CTPSIM_VERSION_TEXT; }
const char *CThostFtdcMdApi::GetApiVersion() { return CTPSIM_MD_VERSION_TEXT; }

// Commands (one per call, space separated; messages are UTF-8 and reach the SPI as GBK):
//   reset | disconnect | restore | query_limit_ms N | tick_interval_us N | burst N
//   reject_next ID MSG | login_error ID MSG | auth_error ID MSG
//   fill L|S PRICE VOLUME        a counterparty trades against resting buy (L) or sell (S) orders
//   position SYMBOL L|S YD TD PRICE
//   hang init|subscribe|release  that call never returns (as real libraries do against a silent front)
//   crash_at_exit                SIGSEGV when the process exits (after a clean Release)
// Returns 0, or -1 for a command it does not understand.
extern "C" int ctpsim_control(const char *command) {
  auto &c = counter();
  std::lock_guard<std::recursive_mutex> g(c.m);
  ftdcsim::Command cmd(command);
  int rc = ftdcsim::commonControl(c, cmd, "auth_error", [&c](char dir, double price, int volume) {
    ftdcsim::fillResting(
        c.orders, dir, price, volume, [](CThostFtdcOrderField &o) { return o.VolumeTotal; },
        [price](CThostFtdcOrderField &o, int v) { fillOrder(o, price, v); });
  });
  if (rc <= 0) return rc;
  if (cmd.op == "reset") {
    c.reset();
    faults().clear();
  } else {
    return -1;
  }
  return 0;
}

// Benchmark baseline: calls `cb` n times from a new thread and returns at once (the caller must keep its
// event loop running: each call waits until JS has run it).
extern "C" int ctpsim_raw_burst(void (*cb)(int), int n) { return ftdcsim::rawBurst(cb, n); }
