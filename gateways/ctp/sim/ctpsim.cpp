// A simulated CTP library for vnt's tests: exports the CTP (or CTP Mini) classes of one ABI (declared in the header that
// build.ts generates and passes with -include) and behaves like a small futures counter — authentication,
// login, settlement confirmation, instruments with Chinese (GBK) names, account, positions with SHFE/INE
// today/yesterday rows, order insert/cancel with simple matching against a synthetic book, OnRtnOrder /
// OnRtnTrade, depth market data from its own thread. Every SPI call comes from a library thread, as with the
// real library. Tests steer it through the exported C function ctpsim_control("command args..."), which the
// library also runs for every line a test sends over the control socket named by $CTPSIM_CONTROL (the
// library lives in the gateway's native host process, not in the test's). It can also misbehave like real
// vendor libraries do: block forever in Init, SubscribeMarketData or Release, or crash at exit.
#include "simkit.h"

#include <cfloat>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <vector>

using simkit::blockForever;
using simkit::nowTime;
using simkit::Pump;
using simkit::put;
using simkit::toGbk;

class TraderImpl;
class MdImpl;
extern "C" int ctpsim_control(const char *command);

namespace {

// Misbehaviour switches (set by control commands; read without the counter lock, which a hung call must
// not hold: the control thread needs it).
std::atomic<bool> hangInit{false}, hangSubscribe{false}, hangRelease{false}, crashAtExit{false};

__attribute__((constructor)) void connectControl() {
  std::atexit([] {
    if (crashAtExit) std::raise(SIGSEGV);
  });
  simkit::connectControl("CTPSIM_CONTROL", ctpsim_control);
}

const char *kTradingDay = "20250102";

struct Instrument {
  std::string id, exchange, name;
  int multiple;
  double tick, bid, ask;
};

struct Position {
  int yd = 0, td = 0;
  double cost = 0;  // sum of price * volume of what is held
};

struct OrderRec {
  CThostFtdcOrderField f;
};

// The counter: shared by every API object of the process.
struct Counter {
  std::recursive_mutex m;
  std::vector<Instrument> instruments;
  std::map<std::string, Position> positions;  // key: instrument + '|' + posiDirection
  std::vector<OrderRec> orders;
  std::vector<CThostFtdcTradeField> trades;
  std::set<TraderImpl *> traders;
  std::set<MdImpl *> mds;
  int nextSession = 100;
  int nextSysId = 1;
  int nextTradeId = 1;
  double closeProfit = 0;
  bool down = false;
  int queryLimitMs = 0;
  std::chrono::steady_clock::time_point lastQuery{};
  int rejectId = 0;
  std::string rejectMsg;
  int loginErrorId = 0;
  std::string loginErrorMsg;
  int authErrorId = 0;
  std::string authErrorMsg;
  int tickIntervalUs = 0;
  long long tickSeq = 0;

  Counter() { reset(); }

  void reset() {
    instruments = {
        {"rb2501", "SHFE", toGbk("螺纹钢2501"), 10, 1, 3500, 3501},
        {"sc2503", "INE", toGbk("原油2503"), 1000, 0.1, 550, 550.1},
        {"IF2501", "CFFEX", toGbk("沪深300指数2501"), 300, 0.2, 3800, 3800.2},
        {"m2505", "DCE", toGbk("豆粕2505"), 10, 1, 2900, 2901},
        {"SR505", "CZCE", toGbk("白糖505"), 10, 1, 5800, 5801},
        {"si2505", "GFEX", toGbk("工业硅2505"), 5, 5, 11000, 11005},
    };
    positions.clear();
    orders.clear();
    trades.clear();
    closeProfit = 0;
    down = false;
    queryLimitMs = 0;
    rejectId = loginErrorId = authErrorId = 0;
    tickIntervalUs = 0;
  }

  Instrument *find(const std::string &id) {
    for (auto &i : instruments)
      if (i.id == id) return &i;
    return nullptr;
  }

  // -1: network down; -3: faster than the query limit (CTP's flow control answer).
  int admitQuery() {
    if (down) return -1;
    auto now = std::chrono::steady_clock::now();
    if (queryLimitMs > 0 && now - lastQuery < std::chrono::milliseconds(queryLimitMs)) return -3;
    lastQuery = now;
    return 0;
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

class TraderImpl : public CThostFtdcTraderApi {
 public:
  CThostFtdcTraderSpi *spi = nullptr;
  Pump pump;
  bool connected = false, authenticated = false, loggedIn = false;
  int front = 1, session = 0;
  std::string broker, investor;

  void Release() override {
    if (hangRelease) blockForever();
    {
      std::lock_guard<std::recursive_mutex> g(counter().m);
      counter().traders.erase(this);
    }
    pump.stop();
    delete this;
  }
  void Init(CTPSIM_INIT_PARAMS) override {
    if (hangInit) blockForever();
    pump.start();
    std::lock_guard<std::recursive_mutex> g(counter().m);
    counter().traders.insert(this);
    if (!counter().down) connect();
  }
  const char *GetTradingDay() override { return kTradingDay; }
  void RegisterFront(char *) override {}
  void RegisterSpi(CThostFtdcTraderSpi *p) override { spi = p; }
  void SubscribePrivateTopic(int) override {}
  void SubscribePublicTopic(int) override {}

  // Called with the counter lock held.
  void connect() {
    connected = true;
    pump.post([this] { spi->OnFrontConnected(); });
  }
  void disconnect() {
    connected = authenticated = loggedIn = false;
    pump.post([this] { spi->OnFrontDisconnected(0x1001); });
  }

  int ReqAuthenticate(CThostFtdcReqAuthenticateField *f, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (!connected) return -1;
    CThostFtdcRspInfoField r = c.authErrorId ? info(c.authErrorId, c.authErrorMsg) : info(0, "");
    if (!c.authErrorId && std::strlen(f->AppID) == 0) r = info(63, toGbk("CTP:客户端认证失败"));
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

  template <class T>
  void sendRows(std::vector<T> rows, int id,
                void (CThostFtdcTraderSpi::*call)(T *, CThostFtdcRspInfoField *, int, bool)) {
    pump.post([this, rows, id, call]() mutable {
      if (rows.empty()) (spi->*call)(nullptr, nullptr, id, true);
      for (size_t i = 0; i < rows.size(); i++) (spi->*call)(&rows[i], nullptr, id, i + 1 == rows.size());
    });
  }

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

  double frozenMargin(Counter &c) {
    double m = 0;
    for (auto &o : c.orders) {
      auto &f = o.f;
      if ((f.OrderStatus == '3' || f.OrderStatus == '1') && f.CombOffsetFlag[0] == '0') {
        Instrument *i = c.find(f.InstrumentID);
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
    double margin = 0;
    for (auto &kv : c.positions) {
      Instrument *i = c.find(kv.first.substr(0, kv.first.find('|')));
      if (i) margin += kv.second.cost * i->multiple * 0.1;
    }
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
      Instrument *i = c.find(sym);
      const Position &p = kv.second;
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
      bool split = i->exchange == "SHFE" || i->exchange == "INE";
      if (split) {
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
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = admit()) return rc;
    std::vector<CThostFtdcOrderField> rows;
    for (auto &o : c.orders) rows.push_back(o.f);
    sendRows(rows, id, &CThostFtdcTraderSpi::OnRspQryOrder);
    return 0;
  }

  int ReqQryTrade(CThostFtdcQryTradeField *, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = admit()) return rc;
    std::vector<CThostFtdcTradeField> rows = c.trades;
    sendRows(rows, id, &CThostFtdcTraderSpi::OnRspQryTrade);
    return 0;
  }

  void rejectInsert(const CThostFtdcInputOrderField &in, int id, CThostFtdcRspInfoField r) {
    CThostFtdcInputOrderField f = in;
    pump.post([this, f, r, id]() mutable {
      spi->OnRspOrderInsert(&f, &r, id, true);
      spi->OnErrRtnOrderInsert(&f, &r);
    });
  }

  int ReqOrderInsert(CThostFtdcInputOrderField *in, int id) override;
  int ReqOrderAction(CThostFtdcInputOrderActionField *in, int id) override;
};

namespace {

// Private flow: every logged-in trader session of the process sees every order and trade update.
void broadcastOrder(const CThostFtdcOrderField &o) {
  for (TraderImpl *t : counter().traders)
    if (t->loggedIn) {
      CThostFtdcOrderField copy = o;
      t->pump.post([t, copy]() mutable { t->spi->OnRtnOrder(&copy); });
    }
}
void broadcastTrade(const CThostFtdcTradeField &tr) {
  for (TraderImpl *t : counter().traders)
    if (t->loggedIn) {
      CThostFtdcTradeField copy = tr;
      t->pump.post([t, copy]() mutable { t->spi->OnRtnTrade(&copy); });
    }
}

// Fills `volume` of an order at `price`: position, trade record, order status; then the pushes.
void fillOrder(OrderRec &o, double price, int volume) {
  auto &c = counter();
  auto &f = o.f;
  Instrument *ins = c.find(f.InstrumentID);
  int mult = ins ? ins->multiple : 1;
  char offset = f.CombOffsetFlag[0];
  bool buy = f.Direction == '0';
  if (offset == '0') {
    Position &p = c.positions[std::string(f.InstrumentID) + '|' + (buy ? '2' : '3')];
    p.td += volume;
    p.cost += price * volume;
  } else {
    Position &p = c.positions[std::string(f.InstrumentID) + '|' + (buy ? '3' : '2')];
    int total = p.yd + p.td;
    double avg = total ? p.cost / total : price;
    int fromTd = 0, fromYd = 0;
    if (offset == '3') fromTd = volume;
    else if (offset == '4') fromYd = volume;
    else {
      fromYd = std::min(volume, p.yd);
      fromTd = volume - fromYd;
    }
    p.td -= fromTd;
    p.yd -= fromYd;
    p.cost -= avg * volume;
    c.closeProfit += (buy ? avg - price : price - avg) * volume * mult;
  }
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

void finishIoc(OrderRec &o) {
  if (o.f.VolumeTotal > 0) {
    o.f.OrderStatus = '5';
    put(o.f.StatusMsg, toGbk("已撤单"));
    broadcastOrder(o.f);
  }
}

}  // namespace

int TraderImpl::ReqOrderInsert(CThostFtdcInputOrderField *in, int id) {
  auto &c = counter();
  std::lock_guard<std::recursive_mutex> g(c.m);
  if (!loggedIn) return -1;
  Instrument *ins = c.find(in->InstrumentID);
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
  if (offset != '0') {
    Position &p = c.positions[std::string(in->InstrumentID) + '|' + (buy ? '3' : '2')];
    bool split = ins->exchange == "SHFE" || ins->exchange == "INE";
    int avail = offset == '3' ? p.td : offset == '4' ? p.yd : split ? p.yd : p.yd + p.td;
    if (in->VolumeTotalOriginal > avail) {
      rejectInsert(*in, id, info(30, toGbk("CTP:平仓量超过持仓量")));
      return 0;
    }
  }
  OrderRec o{};
  auto &f = o.f;
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
  c.orders.push_back(o);
  OrderRec &rec = c.orders.back();
  broadcastOrder(rec.f);
  // Synthetic book: infinitely deep at the best bid/ask; marketable orders fill there.
  double touch = buy ? ins->ask : ins->bid;
  bool crosses = !limit || (buy ? in->LimitPrice >= touch : in->LimitPrice <= touch);
  bool ioc = in->TimeCondition == '1';
  if (crosses) fillOrder(rec, touch, rec.f.VolumeTotal);
  if (ioc) finishIoc(rec);
  return 0;
}

int TraderImpl::ReqOrderAction(CThostFtdcInputOrderActionField *in, int id) {
  auto &c = counter();
  std::lock_guard<std::recursive_mutex> g(c.m);
  if (!loggedIn) return -1;
  OrderRec *found = nullptr;
  for (auto &o : c.orders) {
    bool byRef = o.f.FrontID == in->FrontID && o.f.SessionID == in->SessionID &&
                 std::strcmp(o.f.OrderRef, in->OrderRef) == 0;
    bool bySys = in->OrderSysID[0] && std::strcmp(o.f.OrderSysID, in->OrderSysID) == 0;
    if (byRef || bySys) found = &o;
  }
  CThostFtdcInputOrderActionField a = *in;
  if (!found) {
    CThostFtdcRspInfoField r = info(25, toGbk("CTP:撤单找不到相应报单"));
    pump.post([this, a, r, id]() mutable { spi->OnRspOrderAction(&a, &r, id, true); });
    return 0;
  }
  char st = found->f.OrderStatus;
  if (st != '3' && st != '1') {
    CThostFtdcRspInfoField r = info(26, toGbk("CTP:报单已全成交或已撤销，不能再撤"));
    pump.post([this, a, r, id]() mutable {
      spi->OnRspOrderAction(&a, &r, id, true);
      spi->OnErrRtnOrderAction(nullptr, &r);
    });
    return 0;
  }
  found->f.OrderStatus = '5';
  put(found->f.CancelTime, nowTime());
  put(found->f.StatusMsg, toGbk("已撤单"));
  broadcastOrder(found->f);
  return 0;
}

// ---- market data --------------------------------------------------------------------------------------------

class MdImpl : public CThostFtdcMdApi {
 public:
  CThostFtdcMdSpi *spi = nullptr;
  Pump pump;
  bool connected = false, loggedIn = false;
  std::vector<std::string> subscribed;
  size_t rr = 0;

  void Release() override {
    if (hangRelease) blockForever();
    {
      std::lock_guard<std::recursive_mutex> g(counter().m);
      counter().mds.erase(this);
    }
    pump.stop();
    delete this;
  }
  void Init(CTPSIM_INIT_PARAMS) override {
    pump.idle = [this] { periodicTick(); };
    pump.idleEvery = std::chrono::microseconds(1000);
    pump.start();
    std::lock_guard<std::recursive_mutex> g(counter().m);
    counter().mds.insert(this);
    if (!counter().down) connect();
  }
  void RegisterFront(char *) override {}
  void RegisterSpi(CThostFtdcMdSpi *p) override { spi = p; }

  void connect() {
    connected = true;
    pump.post([this] { spi->OnFrontConnected(); });
  }
  void disconnect() {
    connected = loggedIn = false;
    subscribed.clear();
    pump.post([this] { spi->OnFrontDisconnected(0x1001); });
  }

  int ReqUserLogin(CThostFtdcReqUserLoginField *f, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
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
    if (hangSubscribe) blockForever();
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (!connected) return -1;
    for (int k = 0; k < n; k++) {
      std::string sym = ids[k];
      CThostFtdcSpecificInstrumentField s{};
      put(s.InstrumentID, sym);
      CThostFtdcRspInfoField r = info(0, "CTP:No Error");
      pump.post([this, s, r, k, n]() mutable { spi->OnRspSubMarketData(&s, &r, 0, k + 1 == n); });
      bool known = false;
      for (auto &x : subscribed) known = known || x == sym;
      if (!known) subscribed.push_back(sym);
      // A snapshot right after subscribing, as the real front sends.
      if (c.find(sym)) postTick(sym);
    }
    return 0;
  }

  // Called with the counter lock held.
  void postTick(const std::string &sym) {
    auto &c = counter();
    Instrument *i = c.find(sym);
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

  void periodicTick() {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (!loggedIn || subscribed.empty() || c.tickIntervalUs <= 0) return;
    pump.idleEvery = std::chrono::microseconds(c.tickIntervalUs);
    postTick(subscribed[rr++ % subscribed.size()]);
  }

  // `count` ticks back to back on this API's thread, round-robin over the subscriptions (benchmarks).
  void burst(long count) {
    if (subscribed.empty()) return;
    std::vector<std::string> subs = subscribed;
    pump.post([this, subs, count] {
      for (long k = 0; k < count; k++) {
        CThostFtdcDepthMarketDataField d{};
        {
          auto &c = counter();
          std::lock_guard<std::recursive_mutex> g(c.m);
          Instrument *i = c.find(subs[k % subs.size()]);
          put(d.TradingDay, kTradingDay);
          put(d.ActionDay, kTradingDay);
          put(d.InstrumentID, subs[k % subs.size()]);
          put(d.UpdateTime, "09:30:00");
          d.Volume = static_cast<int>(++c.tickSeq);
          d.LastPrice = d.BidPrice1 = i ? i->bid : 1;
          d.AskPrice1 = i ? i->ask : 1;
        }
        spi->OnRtnDepthMarketData(&d);
      }
    });
  }
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
  std::istringstream in(command ? command : "");
  std::string op;
  in >> op;
  auto rest = [&in] {
    std::string s;
    std::getline(in, s);
    size_t b = s.find_first_not_of(' ');
    return b == std::string::npos ? std::string() : s.substr(b);
  };
  if (op == "reset") {
    c.reset();
    hangInit = hangSubscribe = hangRelease = crashAtExit = false;
  } else if (op == "hang") {
    std::string what;
    in >> what;
    if (what == "init") hangInit = true;
    else if (what == "subscribe") hangSubscribe = true;
    else if (what == "release") hangRelease = true;
    else return -1;
  } else if (op == "crash_at_exit") {
    crashAtExit = true;
  } else if (op == "disconnect") {
    c.down = true;
    for (auto *t : c.traders) t->disconnect();
    for (auto *m : c.mds) m->disconnect();
  } else if (op == "restore") {
    c.down = false;
    for (auto *t : c.traders)
      if (!t->connected) t->connect();
    for (auto *m : c.mds)
      if (!m->connected) m->connect();
  } else if (op == "query_limit_ms") {
    in >> c.queryLimitMs;
  } else if (op == "tick_interval_us") {
    in >> c.tickIntervalUs;
  } else if (op == "burst") {
    long n = 0;
    in >> n;
    for (auto *m : c.mds) m->burst(n);
  } else if (op == "reject_next" || op == "login_error" || op == "auth_error") {
    int id = 0;
    in >> id;
    std::string msg = toGbk(rest());
    if (op == "reject_next") c.rejectId = id, c.rejectMsg = msg;
    else if (op == "login_error") c.loginErrorId = id, c.loginErrorMsg = msg;
    else c.authErrorId = id, c.authErrorMsg = msg;
  } else if (op == "fill") {
    std::string side;
    double price = 0;
    int volume = 0;
    in >> side >> price >> volume;
    char dir = side == "L" ? '0' : '1';
    for (auto &o : c.orders) {
      if (volume <= 0) break;
      auto &f = o.f;
      bool live = f.OrderStatus == '3' || f.OrderStatus == '1';
      bool reaches = dir == '0' ? f.LimitPrice >= price : f.LimitPrice <= price;
      if (!live || f.Direction != dir || !reaches) continue;
      int v = std::min(volume, f.VolumeTotal);
      fillOrder(o, price, v);
      volume -= v;
    }
  } else if (op == "position") {
    std::string sym, side;
    int yd = 0, td = 0;
    double price = 0;
    in >> sym >> side >> yd >> td >> price;
    Position &p = c.positions[sym + '|' + (side == "L" ? '2' : '3')];
    p.yd = yd;
    p.td = td;
    p.cost = price * (yd + td);
  } else {
    return -1;
  }
  return 0;
}

// Benchmark baseline: calls `cb` n times from a new thread and returns at once (the caller must keep its
// event loop running: each call waits until JS has run it).
extern "C" int ctpsim_raw_burst(void (*cb)(int), int n) {
  std::thread([cb, n] {
    for (int i = 0; i < n; i++) cb(i);
  }).detach();
  return 0;
}
