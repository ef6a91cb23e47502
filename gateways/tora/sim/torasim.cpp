// A simulated TORA (华鑫奇点) stock counter for vnt's tests: exports the TORASTOCKAPI trader classes and the
// TORALEV1API Level-1 market data classes of one release (declared in the header that build.ts generates and
// passes with -include) and behaves like a small stock counter — login, securities of SSE and SZSE (stocks,
// funds, bonds) with Chinese (GBK) names, investor and shareholder accounts, cash account, positions under
// T+1 (shares bought today cannot be sold today), order insert/cancel with deterministic matching against a
// synthetic book (infinitely deep at the best bid/ask), OnRtnOrder / OnRtnTrade, and five-level market data
// from its own thread. Every SPI call comes from a library thread, as with the real library. Tests steer it
// through ctpsim-style control lines over the Unix socket named by $TORASIM_CONTROL (the library runs in
// the gateway's native host process) or the exported C function torasim_control("command args..."). It can
// misbehave like real vendor libraries do: block forever in Init, SubscribeMarketData or Release, or crash
// at exit.
#include "ftdcsim.h"

#include <algorithm>
#include <cmath>

using namespace TORASTOCKAPI;
namespace L1 = TORALEV1API;
using ftdcsim::faults;
using simkit::nowTime;
using simkit::put;
using simkit::toGbk;

class TraderImpl;
class MdImpl;
extern "C" int torasim_control(const char *command);

namespace {

__attribute__((constructor)) void connectControl() { ftdcsim::startControl("TORASIM_CONTROL", torasim_control); }

const char *kTradingDay = "20250102";

// TORA codes (TTORATstp*Type values).
const char EXD_SSE = '1', EXD_SZSE = '2';
const char D_BUY = '0', D_SELL = '1';
const char OPT_LIMIT = '2', OPT_FIVE_LEVEL = '5', OPT_BEST = '3', OPT_HOME_BEST = '6', OPT_ANY = '1';
const char TC_IOC = '1';
const char OST_ACCEPTED = '2', OST_PART = '3', OST_ALL = '4', OST_PART_CANCELED = '5', OST_CANCELED = '6',
           OST_REJECTED = '7';

struct Security {
  std::string id;
  char exchange;
  std::string name;  // GBK
  char productId;    // TORA_TSTP_PID_*
  char securityType;
  int buyUnit;
  double tick, bid, ask, preClose;
};

struct Holding {
  int history = 0;  // bought before today: sellable
  int today = 0;    // bought today: not sellable until tomorrow (T+1)
  int frozen = 0;   // sell orders resting against the history
  double cost = 0;  // sum of price * volume held
};

struct Counter {
  std::recursive_mutex m;
  std::vector<Security> securities;
  std::map<std::string, Holding> holdings;  // key: exchange char + security id
  std::vector<CTORATstpOrderField> orders;
  std::vector<CTORATstpTradeField> trades;
  std::set<TraderImpl *> traders;
  std::set<MdImpl *> mds;
  int nextSession = 100;
  int nextSysId = 1;
  int nextTradeId = 1;
  double cash = 0, frozenCash = 0, commission = 0;
  bool down = false;
  int rejectId = 0;
  std::string rejectMsg;
  int loginErrorId = 0;
  std::string loginErrorMsg;
  int tickIntervalUs = 0;
  long long tickSeq = 0;

  Counter() { reset(); }

  void reset() {
    securities = {
        {"600000", EXD_SSE, toGbk("浦发银行"), '1', 'a', 100, 0.01, 10.00, 10.01, 10.00},
        {"000001", EXD_SZSE, toGbk("平安银行"), '7', 'B', 100, 0.01, 12.00, 12.01, 12.00},
        {"510050", EXD_SSE, toGbk("华夏上证50ETF"), '3', 'b', 100, 0.001, 2.500, 2.501, 2.500},
        {"159915", EXD_SZSE, toGbk("创业板ETF"), '9', 'N', 100, 0.001, 1.800, 1.801, 1.800},
        {"019547", EXD_SSE, toGbk("16国债19"), '4', 'f', 10, 0.001, 100.000, 100.001, 100.000},
        {"128136", EXD_SZSE, toGbk("立讯转债"), 'a', 'G', 10, 0.001, 120.000, 120.001, 120.000},
    };
    holdings.clear();
    orders.clear();
    trades.clear();
    cash = 1000000;
    frozenCash = commission = 0;
    down = false;
    rejectId = loginErrorId = 0;
    tickIntervalUs = 0;
  }

  Security *find(char exchange, const std::string &id) {
    for (auto &s : securities)
      if (s.id == id && (exchange == 0 || s.exchange == exchange)) return &s;
    return nullptr;
  }
  Holding &holding(char exchange, const std::string &id) { return holdings[std::string(1, exchange) + id]; }
};

Counter &counter() {
  static Counter c;
  return c;
}

CTORATstpRspInfoField info(int id, const std::string &gbkMsg) {
  CTORATstpRspInfoField r{};
  r.ErrorID = id;
  put(r.ErrorMsg, gbkMsg);
  return r;
}

const char *shareholderOf(char exchange) { return exchange == EXD_SSE ? "A123456789" : "0123456789"; }
const char *kInvestor = "00030557";
const char *kAccount = "00030557";

}  // namespace

// ---- trader -------------------------------------------------------------------------------------------------

class TraderImpl : public CTORATstpTraderApi, public ftdcsim::Link<CTORATstpTraderSpi> {
 public:
  int front = 1, session = 0;

  void Release() override { release(counter(), counter().traders, this); }
  void Init() override {
    if (faults().hangInit) simkit::blockForever();
    attach(counter(), counter().traders, this);
  }
  void RegisterFront(char *) override {}
  void RegisterSpi(CTORATstpTraderSpi *p) override { spi = p; }
  void SubscribePrivateTopic(int) override {}
  void SubscribePublicTopic(int) override {}

  // Called with the counter lock held.
  void disconnect() { down(); }

  int ReqUserLogin(CTORATstpReqUserLoginField *f, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (!connected) return -1;
    CTORATstpRspInfoField r = info(0, "");
    if (c.loginErrorId) r = info(c.loginErrorId, c.loginErrorMsg);
    else if (std::strlen(f->LogInAccount) == 0) r = info(1, toGbk("用户名或密码错误"));
    else if (f->LogInAccountType != '0' && f->LogInAccountType != '1') r = info(1, toGbk("不支持的登录账户类型"));
    CTORATstpRspUserLoginField l{};
    l.UserRequestID = f->UserRequestID;
    if (r.ErrorID == 0) {
      loggedIn = true;
      session = c.nextSession++;
      put(l.LogInAccount, f->LogInAccount);
      l.LogInAccountType = f->LogInAccountType;
      put(l.DepartmentID, "0001");
      l.FrontID = front;
      l.SessionID = session;
      l.MaxOrderRef = 0;
      put(l.LoginTime, nowTime());
      put(l.SystemName, "torasim");
      put(l.TradingDay, kTradingDay);
      put(l.UserID, f->LogInAccount);
      put(l.UserName, toGbk("模拟用户"));
      l.UserType = '0';
    }
    pump.post([this, l, r, id]() mutable { spi->OnRspUserLogin(&l, &r, id); });
    return 0;
  }

  int admit() { return !loggedIn ? -1 : counter().down ? -1 : 0; }

  int ReqQrySecurity(CTORATstpQrySecurityField *, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = admit()) return rc;
    std::vector<CTORATstpSecurityField> rows;
    for (auto &s : c.securities) {
      CTORATstpSecurityField f{};
      put(f.TradingDay, kTradingDay);
      f.ExchangeID = s.exchange;
      put(f.SecurityID, s.id);
      put(f.SecurityName, s.name);
      put(f.ShortSecurityName, s.name);
      f.MarketID = s.exchange;
      f.ProductID = s.productId;
      f.SecurityType = s.securityType;
      f.LimitBuyTradingUnit = s.buyUnit;
      f.MinLimitOrderBuyVolume = s.buyUnit;
      f.MaxLimitOrderBuyVolume = 1000000;
      f.LimitSellTradingUnit = 1;
      f.MinLimitOrderSellVolume = 1;
      f.MaxLimitOrderSellVolume = 1000000;
      f.MarketBuyTradingUnit = s.buyUnit;
      f.MinMarketOrderBuyVolume = s.buyUnit;
      f.MaxMarketOrderBuyVolume = 1000000;
      f.VolumeMultiple = 1;
      f.PriceTick = s.tick;
      put(f.OpenDate, "19991110");
      f.ParValue = 1;
      f.bPriceLimit = 1;
      f.PreClosePrice = s.preClose;
      f.UpperLimitPrice = std::round(s.preClose * 1.1 / s.tick) * s.tick;
      f.LowerLimitPrice = std::round(s.preClose * 0.9 / s.tick) * s.tick;
      rows.push_back(f);
    }
    sendRows(rows, id, &CTORATstpTraderSpi::OnRspQrySecurity);
    return 0;
  }

  int ReqQryInvestor(CTORATstpQryInvestorField *, int id) override {
    std::lock_guard<std::recursive_mutex> g(counter().m);
    if (int rc = admit()) return rc;
    CTORATstpInvestorField f{};
    put(f.InvestorID, kInvestor);
    f.InvestorType = '0';
    put(f.InvestorName, toGbk("模拟投资者"));
    sendRows(std::vector<CTORATstpInvestorField>{f}, id, &CTORATstpTraderSpi::OnRspQryInvestor);
    return 0;
  }

  int ReqQryShareholderAccount(CTORATstpQryShareholderAccountField *, int id) override {
    std::lock_guard<std::recursive_mutex> g(counter().m);
    if (int rc = admit()) return rc;
    std::vector<CTORATstpShareholderAccountField> rows;
    for (char ex : {EXD_SSE, EXD_SZSE}) {
      CTORATstpShareholderAccountField f{};
      put(f.InvestorID, kInvestor);
      f.ExchangeID = ex;
      put(f.ShareholderID, shareholderOf(ex));
      f.ShareholderIDType = '1';
      f.MarketID = ex;
      f.MainFlag = 1;
      rows.push_back(f);
    }
    sendRows(rows, id, &CTORATstpTraderSpi::OnRspQryShareholderAccount);
    return 0;
  }

  int ReqQryTradingAccount(CTORATstpQryTradingAccountField *, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = admit()) return rc;
    CTORATstpTradingAccountField a{};
    put(a.DepartmentID, "0001");
    put(a.AccountID, kAccount);
    a.CurrencyID = '1';
    a.PreDeposit = 1000000;
    a.UsefulMoney = c.cash - c.frozenCash;
    a.FetchLimit = a.UsefulMoney;
    a.FrozenCash = c.frozenCash;
    a.Commission = c.commission;
    a.AccountType = '1';
    put(a.InvestorID, kInvestor);
    sendRows(std::vector<CTORATstpTradingAccountField>{a}, id, &CTORATstpTraderSpi::OnRspQryTradingAccount);
    return 0;
  }

  int ReqQryPosition(CTORATstpQryPositionField *, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = admit()) return rc;
    std::vector<CTORATstpPositionField> rows;
    for (auto &kv : c.holdings) {
      char ex = kv.first[0];
      std::string sid = kv.first.substr(1);
      Security *s = c.find(ex, sid);
      const Holding &h = kv.second;
      if (!s || h.history + h.today == 0) continue;
      CTORATstpPositionField f{};
      f.ExchangeID = ex;
      put(f.InvestorID, kInvestor);
      f.MarketID = ex;
      put(f.ShareholderID, shareholderOf(ex));
      put(f.TradingDay, kTradingDay);
      put(f.SecurityID, sid);
      put(f.SecurityName, s->name);
      f.HistoryPos = h.history;
      f.HistoryPosFrozen = h.frozen;
      f.TodayBSPos = h.today;
      f.PrePosition = h.history;
      f.AvailablePosition = h.history - h.frozen;
      f.CurrentPosition = h.history + h.today;
      f.TotalPosCost = h.cost;
      f.OpenPosCost = h.cost;
      f.HistoryPosPrice = h.history + h.today ? h.cost / (h.history + h.today) : 0;
      rows.push_back(f);
    }
    sendRows(rows, id, &CTORATstpTraderSpi::OnRspQryPosition);
    return 0;
  }

  int ReqQryOrder(CTORATstpQryOrderField *, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = admit()) return rc;
    sendRows(c.orders, id, &CTORATstpTraderSpi::OnRspQryOrder);
    return 0;
  }

  int ReqQryTrade(CTORATstpQryTradeField *, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = admit()) return rc;
    sendRows(c.trades, id, &CTORATstpTraderSpi::OnRspQryTrade);
    return 0;
  }

  void rejectInsert(const CTORATstpInputOrderField &in, int id, CTORATstpRspInfoField r) {
    CTORATstpInputOrderField f = in;
    pump.post([this, f, r, id]() mutable {
      spi->OnRspOrderInsert(&f, &r, id);
      spi->OnErrRtnOrderInsert(&f, &r, id);
    });
  }

  int ReqOrderInsert(CTORATstpInputOrderField *in, int id) override;
  int ReqOrderAction(CTORATstpInputOrderActionField *in, int id) override;
};

namespace {

void broadcastOrder(const CTORATstpOrderField &o) {
  ftdcsim::broadcast(counter().traders, o, &CTORATstpTraderSpi::OnRtnOrder);
}
void broadcastTrade(const CTORATstpTradeField &tr) {
  ftdcsim::broadcast(counter().traders, tr, &CTORATstpTraderSpi::OnRtnTrade);
}

int remaining(const CTORATstpOrderField &f) { return f.VolumeTotalOriginal - f.VolumeTraded - f.VolumeCanceled; }
bool live(const CTORATstpOrderField &f) { return f.OrderStatus == OST_ACCEPTED || f.OrderStatus == OST_PART; }

// Releases what a resting order still holds (cash for a buy, shares for a sell) for `volume` of it.
void unfreeze(CTORATstpOrderField &f, int volume) {
  auto &c = counter();
  if (f.Direction == D_BUY) c.frozenCash -= f.LimitPrice * volume;
  else c.holding(f.ExchangeID, f.SecurityID).frozen -= volume;
}

void fillOrder(CTORATstpOrderField &f, double price, int volume) {
  auto &c = counter();
  Holding &h = c.holding(f.ExchangeID, f.SecurityID);
  unfreeze(f, volume);
  if (f.Direction == D_BUY) {
    h.today += volume;
    h.cost += price * volume;
    c.cash -= price * volume;
  } else {
    int total = h.history + h.today;
    double avg = total ? h.cost / total : price;
    h.history -= volume;
    h.cost -= avg * volume;
    c.cash += price * volume;
  }
  f.VolumeTraded += volume;
  f.Turnover += price * volume;
  f.OrderStatus = remaining(f) == 0 ? OST_ALL : OST_PART;
  put(f.StatusMsg, toGbk(remaining(f) == 0 ? "全部成交" : "部分成交"));
  CTORATstpTradeField t{};
  t.ExchangeID = f.ExchangeID;
  put(t.DepartmentID, "0001");
  put(t.InvestorID, f.InvestorID);
  put(t.ShareholderID, f.ShareholderID);
  put(t.SecurityID, f.SecurityID);
  char tid[21];
  std::snprintf(tid, sizeof tid, "%d", c.nextTradeId++);
  put(t.TradeID, tid);
  t.Direction = f.Direction;
  put(t.OrderSysID, f.OrderSysID);
  put(t.OrderLocalID, f.OrderLocalID);
  t.Price = price;
  t.Volume = volume;
  put(t.TradeDate, kTradingDay);
  put(t.TradeTime, nowTime());
  put(t.TradingDay, kTradingDay);
  t.OrderRef = f.OrderRef;
  put(t.AccountID, kAccount);
  t.CurrencyID = '1';
  c.trades.push_back(t);
  broadcastOrder(f);
  broadcastTrade(t);
}

void cancelRest(CTORATstpOrderField &f, const char *msg) {
  int rest = remaining(f);
  if (rest <= 0) return;
  unfreeze(f, rest);
  f.VolumeCanceled += rest;
  f.OrderStatus = f.VolumeTraded ? OST_PART_CANCELED : OST_CANCELED;
  put(f.CancelTime, nowTime());
  put(f.StatusMsg, toGbk(msg));
  broadcastOrder(f);
}

}  // namespace

int TraderImpl::ReqOrderInsert(CTORATstpInputOrderField *in, int id) {
  auto &c = counter();
  std::lock_guard<std::recursive_mutex> g(c.m);
  if (!loggedIn) return -1;
  Security *s = c.find(in->ExchangeID, in->SecurityID);
  if (c.rejectId) {
    CTORATstpRspInfoField r = info(c.rejectId, c.rejectMsg);
    c.rejectId = 0;
    rejectInsert(*in, id, r);
    return 0;
  }
  if (!s) return rejectInsert(*in, id, info(11, toGbk("证券代码不存在"))), 0;
  if (std::strcmp(in->ShareholderID, shareholderOf(in->ExchangeID)) != 0)
    return rejectInsert(*in, id, info(12, toGbk("股东账户不存在"))), 0;
  char opt = in->OrderPriceType;
  bool limit = opt == OPT_LIMIT;
  bool known = limit || opt == OPT_FIVE_LEVEL || opt == OPT_BEST || opt == OPT_HOME_BEST || opt == OPT_ANY;
  // SSE has no "any price" market order; SZSE takes all of them.
  if (!known || (opt == OPT_ANY && in->ExchangeID == EXD_SSE))
    return rejectInsert(*in, id, info(13, toGbk("不支持的报单价格类型"))), 0;
  double ratio = in->LimitPrice / s->tick;
  if (limit && (in->LimitPrice <= 0 || std::abs(ratio - std::llround(ratio)) > 1e-6))
    return rejectInsert(*in, id, info(14, toGbk("委托价格不是最小价格变动单位的整数倍"))), 0;
  bool buy = in->Direction == D_BUY;
  if (!buy && in->Direction != D_SELL) return rejectInsert(*in, id, info(15, toGbk("不支持的买卖方向"))), 0;
  int vol = in->VolumeTotalOriginal;
  if (vol <= 0 || (buy && vol % s->buyUnit != 0))
    return rejectInsert(*in, id, info(16, toGbk("委托数量不是交易单位的整数倍"))), 0;
  double touch = buy ? s->ask : s->bid;
  double freezePrice = limit ? in->LimitPrice : touch;
  Holding &h = c.holding(in->ExchangeID, in->SecurityID);
  if (buy && freezePrice * vol > c.cash - c.frozenCash)
    return rejectInsert(*in, id, info(17, toGbk("可用资金不足"))), 0;
  // T+1: only shares held since before today can be sold.
  if (!buy && vol > h.history - h.frozen) return rejectInsert(*in, id, info(18, toGbk("可卖数量不足"))), 0;

  CTORATstpOrderField f{};
  f.ExchangeID = in->ExchangeID;
  put(f.InvestorID, in->InvestorID);
  put(f.ShareholderID, in->ShareholderID);
  put(f.SecurityID, in->SecurityID);
  f.Direction = in->Direction;
  f.OrderPriceType = opt;
  f.TimeCondition = in->TimeCondition;
  f.VolumeCondition = in->VolumeCondition;
  f.LimitPrice = freezePrice;
  f.VolumeTotalOriginal = vol;
  f.LotType = '1';
  f.Operway = in->Operway;
  f.RequestID = id;
  f.FrontID = front;
  f.SessionID = session;
  f.OrderRef = in->OrderRef;
  char sys[21];
  std::snprintf(sys, sizeof sys, "%c%011d", in->ExchangeID == EXD_SSE ? 'H' : 'Z', c.nextSysId++);
  put(f.OrderSysID, sys);
  put(f.OrderLocalID, sys + 1);
  f.OrderStatus = OST_ACCEPTED;
  f.OrderSubmitStatus = '1';
  put(f.StatusMsg, toGbk("已报"));
  put(f.TradingDay, kTradingDay);
  put(f.InsertUser, in->InvestorID);
  put(f.InsertDate, kTradingDay);
  put(f.InsertTime, nowTime());
  put(f.AcceptTime, nowTime());
  put(f.AccountID, kAccount);
  f.CurrencyID = '1';
  if (buy) c.frozenCash += freezePrice * vol;
  else h.frozen += vol;
  CTORATstpInputOrderField echo = *in;
  pump.post([this, echo, id]() mutable {
    CTORATstpRspInfoField ok = info(0, "");
    spi->OnRspOrderInsert(&echo, &ok, id);
  });
  c.orders.push_back(f);
  CTORATstpOrderField &rec = c.orders.back();
  broadcastOrder(rec);
  bool crosses = !limit || (buy ? in->LimitPrice >= touch : in->LimitPrice <= touch);
  bool ioc = in->TimeCondition == TC_IOC;
  // A market order that cannot be filled whole is cancelled whole when it asks for all or nothing (CV).
  if (crosses) fillOrder(rec, touch, remaining(rec));
  if (ioc) cancelRest(rec, "已撤单");
  return 0;
}

int TraderImpl::ReqOrderAction(CTORATstpInputOrderActionField *in, int id) {
  auto &c = counter();
  std::lock_guard<std::recursive_mutex> g(c.m);
  if (!loggedIn) return -1;
  CTORATstpOrderField *found = nullptr;
  for (auto &o : c.orders) {
    bool byRef = in->OrderRef && o.FrontID == in->FrontID && o.SessionID == in->SessionID && o.OrderRef == in->OrderRef;
    bool bySys = in->OrderSysID[0] && o.ExchangeID == in->ExchangeID && std::strcmp(o.OrderSysID, in->OrderSysID) == 0;
    if (byRef || bySys) found = &o;
  }
  CTORATstpInputOrderActionField a = *in;
  if (!found || !live(*found)) {
    CTORATstpRspInfoField r =
        found ? info(21, toGbk("报单已全部成交或已撤销，不能撤单")) : info(20, toGbk("撤单找不到相应报单"));
    pump.post([this, a, r, id]() mutable {
      spi->OnRspOrderAction(&a, &r, id);
      spi->OnErrRtnOrderAction(&a, &r, id);
    });
    return 0;
  }
  pump.post([this, a, id]() mutable {
    CTORATstpRspInfoField ok = info(0, "");
    spi->OnRspOrderAction(&a, &ok, id);
  });
  cancelRest(*found, "已撤单");
  return 0;
}

// ---- market data --------------------------------------------------------------------------------------------

class MdImpl : public L1::CTORATstpXMdApi, public ftdcsim::Link<L1::CTORATstpXMdSpi> {
 public:
  // Subscriptions are per exchange (the same code can be a security of both).
  std::vector<std::pair<char, std::string>> subscribed;
  size_t rr = 0;

  void Release() override { release(counter(), counter().mds, this); }
  void Init(const char *) override {
    pump.idle = [this] { periodicTick(); };
    pump.idleEvery = std::chrono::microseconds(1000);
    attach(counter(), counter().mds, this);
  }
  void RegisterFront(char *) override {}
  void RegisterSpi(L1::CTORATstpXMdSpi *p) override { spi = p; }

  // Called with the counter lock held.
  void disconnect() {
    subscribed.clear();
    down();
  }

  int ReqUserLogin(L1::CTORATstpReqUserLoginField *f, int id) override {
    std::lock_guard<std::recursive_mutex> g(counter().m);
    if (!connected) return -1;
    L1::CTORATstpRspInfoField r{};
    L1::CTORATstpRspUserLoginField l{};
    put(l.LogInAccount, f->LogInAccount);
    put(l.TradingDay, kTradingDay);
    loggedIn = true;
    pump.post([this, l, r, id]() mutable { spi->OnRspUserLogin(&l, &r, id); });
    return 0;
  }

  int SubscribeMarketData(char **ids, int n, char exchange) override {
    if (faults().hangSubscribe) simkit::blockForever();
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (!connected) return -1;
    for (int k = 0; k < n; k++) {
      std::string sid = ids[k];
      L1::CTORATstpSpecificSecurityField s{};
      s.ExchangeID = exchange;
      put(s.SecurityID, sid);
      L1::CTORATstpRspInfoField r{};
      Security *sec = c.find(exchange, sid);
      if (!sec) {
        r.ErrorID = 1;
        put(r.ErrorMsg, toGbk("证券代码不存在"));
      }
      pump.post([this, s, r]() mutable { spi->OnRspSubMarketData(&s, &r); });
      if (!sec) continue;
      auto key = std::make_pair(exchange, sid);
      if (std::find(subscribed.begin(), subscribed.end(), key) == subscribed.end()) subscribed.push_back(key);
      postTick(*sec);
    }
    return 0;
  }

  L1::CTORATstpMarketDataField snapshot(const Security &s) {
    auto &c = counter();
    L1::CTORATstpMarketDataField d{};
    put(d.TradingDay, kTradingDay);
    put(d.SecurityID, s.id);
    d.ExchangeID = s.exchange;
    put(d.SecurityName, s.name);
    d.PreClosePrice = s.preClose;
    d.OpenPrice = d.HighestPrice = d.LowestPrice = d.LastPrice = s.bid;
    // The sequence number rides in Volume so that a test can see every tick arrive.
    d.Volume = ++c.tickSeq;
    d.Turnover = d.Volume * s.bid;
    d.TradingCount = d.Volume;
    d.UpperLimitPrice = std::round(s.preClose * 1.1 / s.tick) * s.tick;
    d.LowerLimitPrice = std::round(s.preClose * 0.9 / s.tick) * s.tick;
    double *bidP[5] = {&d.BidPrice1, &d.BidPrice2, &d.BidPrice3, &d.BidPrice4, &d.BidPrice5};
    double *askP[5] = {&d.AskPrice1, &d.AskPrice2, &d.AskPrice3, &d.AskPrice4, &d.AskPrice5};
    long long *bidV[5] = {&d.BidVolume1, &d.BidVolume2, &d.BidVolume3, &d.BidVolume4, &d.BidVolume5};
    long long *askV[5] = {&d.AskVolume1, &d.AskVolume2, &d.AskVolume3, &d.AskVolume4, &d.AskVolume5};
    for (int k = 0; k < 5; k++) {
      // Prices as the feed sends them: decimals, not binary sums of ticks.
      *bidP[k] = std::round((s.bid - k * s.tick) * 1e6) / 1e6;
      *askP[k] = std::round((s.ask + k * s.tick) * 1e6) / 1e6;
      *bidV[k] = 1000 * (k + 1);
      *askV[k] = 1200 * (k + 1);
    }
    put(d.UpdateTime, nowTime());
    d.UpdateMillisec = 500;
    d.MDSecurityStat = '2';
    return d;
  }

  void postTick(const Security &s) {
    L1::CTORATstpMarketDataField d = snapshot(s);
    pump.post([this, d]() mutable { spi->OnRtnMarketData(&d); });
  }

  void periodicTick() {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (!loggedIn || subscribed.empty() || c.tickIntervalUs <= 0) return;
    pump.idleEvery = std::chrono::microseconds(c.tickIntervalUs);
    auto &key = subscribed[rr++ % subscribed.size()];
    if (Security *s = c.find(key.first, key.second)) postTick(*s);
  }

  // `count` ticks back to back on this API's thread, round-robin over the subscriptions (benchmarks).
  void burst(long count) {
    if (subscribed.empty()) return;
    auto subs = subscribed;
    pump.post([this, subs, count] {
      for (long k = 0; k < count; k++) {
        L1::CTORATstpMarketDataField d;
        {
          auto &c = counter();
          std::lock_guard<std::recursive_mutex> g(c.m);
          Security *s = c.find(subs[k % subs.size()].first, subs[k % subs.size()].second);
          if (!s) continue;
          d = snapshot(*s);
        }
        spi->OnRtnMarketData(&d);
      }
    });
  }
};

// ---- factories, version, control ---------------------------------------------------------------------------

#if !TORASIM_OMIT_TRADER_FACTORY
CTORATstpTraderApi *CTORATstpTraderApi::CreateTstpTraderApi(const char *, bool, char, const char *, bool) {
  return new TraderImpl();
}
#endif
L1::CTORATstpXMdApi *L1::CTORATstpXMdApi::CreateTstpXMdApi(const char &, const char &) { return new MdImpl(); }
// Out-of-line constructors make the library emit (and export) the API classes' vtables, whose sizes a
// binding checks.
CTORATstpTraderApi::CTORATstpTraderApi() {}
L1::CTORATstpXMdApi::CTORATstpXMdApi() {}
const char *CTORATstpTraderApi::GetApiVersion() { return TORASIM_VERSION_TEXT; }
const char *L1::CTORATstpXMdApi::GetApiVersion() { return TORASIM_MD_VERSION_TEXT; }

// Commands (one per call, space separated; messages are UTF-8 and reach the SPI as GBK):
//   reset | disconnect | restore | tick_interval_us N | burst N
//   reject_next ID MSG | login_error ID MSG
//   fill B|S PRICE VOLUME            a counterparty trades against resting buy (B) or sell (S) orders
//   position SSE|SZSE ID HISTORY TODAY PRICE
//   new_day                          today's purchases become sellable (T+1 settles)
//   hang init|subscribe|release      that call never returns (as real libraries do against a silent front)
//   crash_at_exit                    SIGSEGV when the process exits (after a clean Release)
// Returns 0, or -1 for a command it does not understand.
extern "C" int torasim_control(const char *command) {
  auto &c = counter();
  std::lock_guard<std::recursive_mutex> g(c.m);
  ftdcsim::Command cmd(command);
  int rc = ftdcsim::linkControl(c, cmd);
  if (rc <= 0) return rc;
  auto &in = cmd.in;
  const std::string &op = cmd.op;
  if (op == "reset") {
    c.reset();
    faults().clear();
  } else if (op == "fill") {
    std::string side;
    double price = 0;
    int volume = 0;
    in >> side >> price >> volume;
    char dir = side == "B" ? D_BUY : D_SELL;
    for (auto &f : c.orders) {
      if (volume <= 0) break;
      bool reaches = dir == D_BUY ? f.LimitPrice >= price - 1e-9 : f.LimitPrice <= price + 1e-9;
      if (!live(f) || f.Direction != dir || !reaches) continue;
      int v = std::min(volume, remaining(f));
      fillOrder(f, price, v);
      volume -= v;
    }
  } else if (op == "position") {
    std::string ex, sid;
    int history = 0, today = 0;
    double price = 0;
    in >> ex >> sid >> history >> today >> price;
    Holding &h = c.holding(ex == "SSE" ? EXD_SSE : EXD_SZSE, sid);
    h.history = history;
    h.today = today;
    h.frozen = 0;
    h.cost = price * (history + today);
  } else if (op == "new_day") {
    for (auto &kv : c.holdings) {
      kv.second.history += kv.second.today;
      kv.second.today = 0;
    }
  } else {
    return -1;
  }
  return 0;
}

// Benchmark baseline: calls `cb` n times from a new thread and returns at once (the caller must keep its
// event loop running: each call waits until JS has run it).
extern "C" int torasim_raw_burst(void (*cb)(int), int n) { return ftdcsim::rawBurst(cb, n); }
