// A simulated XTP library for vnt's tests: exports XTP::API::TraderApi / QuoteApi of one ABI (declared in the
// header that build.ts generates and passes with -include) and behaves like a small A-share counter — a
// synchronous Login that returns a session id (0 with GetApiLastError on failure), SSE and SZSE tickers with
// Chinese (UTF-8) names, cash with T+1 holdings (shares bought today are not sellable), margin (credit) sides
// when the account is a credit account, order insert/cancel with deterministic matching against a synthetic
// book that is infinitely deep at its touch, the exchanges' market-order types (and their refusal where an
// exchange does not have them), OnOrderEvent / OnTradeEvent to every logged-in session, and 10-level depth
// from the quote API's own thread. Every SPI call comes from a library thread. Tests steer it through
// xtpsim_control("command args..."), which the library also runs for every line a test sends over the
// control socket named by $XTPSIM_CONTROL (the library lives in the gateway's native host process).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "simkit.h"

using namespace XTP::API;
using simkit::blockForever;
using simkit::Pump;
using simkit::put;

class TraderImpl;
class QuoteImpl;
extern "C" int xtpsim_control(const char *command);

namespace {

std::atomic<bool> hangLogin{false}, hangRelease{false}, crashAtExit{false};

__attribute__((constructor)) void startControl() {
  std::atexit([] {
    if (crashAtExit) std::raise(SIGSEGV);
  });
  simkit::connectControl("XTPSIM_CONTROL", xtpsim_control);
}

const char *kTradingDay = "20250102";

// XTP times are YYYYMMDDHHMMSSsss integers.
int64_t xtpNow() {
  using namespace std::chrono;
  auto now = system_clock::now();
  time_t t = system_clock::to_time_t(now);
  int ms = static_cast<int>(duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000);
  struct tm tm;
  localtime_r(&t, &tm);
  return 20250102000000000LL + (tm.tm_hour * 10000LL + tm.tm_min * 100 + tm.tm_sec) * 1000 + ms;
}

// Markets: XTP_MKT_SZ_A 1, XTP_MKT_SH_A 2, XTP_MKT_BJ_A 3; exchanges: XTP_EXCHANGE_SH 1, XTP_EXCHANGE_SZ 2,
// XTP_EXCHANGE_NQ 3 (Beijing: only in a build for 2.2.39 or later).
int exchangeOfMarket(int market) {
  if (market == 3) return XTPSIM_BEIJING ? 3 : 0;
  return market == 2 ? 1 : market == 1 ? 2 : 0;
}

struct Ticker {
  int exchange;  // XTP_EXCHANGE_TYPE
  std::string code, name;
  int type;  // XTP_TICKER_TYPE: 0 stock, 1 index, 2 fund, 3 bond, 4 option, 5 tech stock
  double tick, bid, ask, preClose;
  int unit;
  // The other traders' book: ten levels a side, best first, each [price, quantity]. Orders that cross it
  // trade level by level and take the quantity away; `quote` (or a reset) lays down a fresh book.
  std::vector<std::pair<double, long long>> bids, asks;
  double last = 0;
  int64_t volume = 0;
  double turnover = 0;

  // A price on the tick, as exact as the exchange's decimal prices get in a double.
  double onTick(double p) const {
    double inv = std::round(1 / tick);
    return std::round(p * inv) / inv;
  }
  void layBook() {
    bids.clear();
    asks.clear();
    for (int i = 0; i < 10; i++) {
      bids.push_back({onTick(bid - i * tick), 1000LL * (i + 1)});
      asks.push_back({onTick(ask + i * tick), 1200LL * (i + 1)});
    }
  }
};

// A credit account's debt (负债合约): financing (type 0, an amount) or a stock loan (type 1, a quantity).
struct Debt {
  XTPCrdDebtInfo f;
};

struct Holding {
  int64_t total = 0, sellable = 0, yesterday = 0;
  double cost = 0;  // sum of price * quantity of what is held
};

struct Order {
  XTPOrderInfo f;
  uint64_t session;
};

// Like the real libraries, the last error is per thread: GetApiLastError must be asked on the thread whose
// call failed (verified against libxtptraderapi.so 2.2.32: a Login failed on another thread reads as 0).
thread_local XTPRI tlsLastError{};

XTPRI errorInfo(int id, const std::string &msg) {
  XTPRI r{};
  r.error_id = id;
  put(r.error_msg, msg);
  return r;
}

// The counter, shared by every API object of the process.
struct Counter {
  std::recursive_mutex m;
  std::vector<Ticker> tickers;
  std::map<std::string, Holding> holdings;  // key: market + '|' + code
  std::vector<Order> orders;
  std::vector<XTPTradeReport> trades;
  std::vector<Debt> debts;
  int nextDebt = 1;
  double creditLine = 1000000;
  std::set<TraderImpl *> traders;
  std::set<QuoteImpl *> quotes;
  uint64_t nextSession = 0x1000000001ULL;
  uint64_t nextXtpId = 0;
  uint64_t nextExec = 1;
  double cash = 0;
  bool credit = false;
  bool down = false;
  int rejectId = 0;
  std::string rejectMsg;
  int loginErrorId = 0;
  std::string loginErrorMsg;
  int tickIntervalUs = 0;
  long long tickSeq = 0;
  int quoteProtocol = 0;  // 0: TCP or UDP; else the only XTP_PROTOCOL_TYPE the quote server accepts
  int queryLimitMs = 0;
  std::chrono::steady_clock::time_point lastQuery{};

  Counter() { reset(); }

  void reset() {
    tickers = {
        {1, "600000", "浦发银行", 0, 0.01, 10.50, 10.51, 10.48, 100},
        {1, "510050", "50ETF", 2, 0.001, 2.600, 2.601, 2.598, 100},
        {1, "000001", "上证指数", 1, 0.01, 3200, 3200.01, 3190, 100},
        {1, "019547", "16国债19", 3, 0.001, 100.1, 100.101, 100.0, 10},
        {1, "688981", "中芯国际", 5, 0.01, 40.00, 40.01, 39.90, 200},
        {1, "10004000", "50ETF购1月2600", 4, 0.0001, 0.0500, 0.0502, 0.0490, 1},
        {2, "000001", "平安银行", 0, 0.01, 12.00, 12.01, 11.95, 100},
        {2, "300750", "宁德时代", 0, 0.01, 180.00, 180.01, 179.50, 100},
        {2, "159915", "创业板ETF", 2, 0.001, 2.100, 2.101, 2.095, 100},
        // Beijing (XTP_EXCHANGE_NQ): listed by QueryAllNQTickersFullInfo only.
        {3, "830799", "艾融软件", 0, 0.01, 30.00, 30.01, 29.80, 100},
    };
    for (auto &t : tickers) t.layBook();
    holdings.clear();
    orders.clear();
    trades.clear();
    debts.clear();
    creditLine = 1000000;
    nextXtpId = 0x0100000000000000ULL + 1;  // client id 1 in the top byte, as XTP's ids carry it
    cash = 1000000;
    credit = false;
    down = false;
    rejectId = loginErrorId = 0;
    tickIntervalUs = 0;
    quoteProtocol = 0;
    queryLimitMs = 0;
  }

  // Flow control: a query sooner than queryLimitMs after the previous one is refused.
  bool admitQuery() {
    auto now = std::chrono::steady_clock::now();
    if (queryLimitMs > 0 && now - lastQuery < std::chrono::milliseconds(queryLimitMs)) return false;
    lastQuery = now;
    return true;
  }

  Ticker *find(int exchange, const std::string &code) {
    for (auto &t : tickers)
      if (t.exchange == exchange && t.code == code) return &t;
    return nullptr;
  }
  Order *order(uint64_t id) {
    for (auto &o : orders)
      if (o.f.order_xtp_id == id) return &o;
    return nullptr;
  }
  double frozenCash() {
    double f = 0;
    for (auto &o : orders) {
      int st = o.f.order_status;
      bool live = st == 2 || st == 4 || st == 0;
      // A margin buy (21) is paid with borrowed money: it holds no cash.
      if (live && (o.f.side == 1 || o.f.side == 24)) f += o.f.price * o.f.qty_left;
    }
    return f;
  }
  double mark(const Ticker &t) const { return (t.bid + t.ask) / 2; }
  double securities() {
    double v = 0;
    for (auto &kv : holdings) {
      Ticker *t = find(exchangeOfMarket(kv.first[0] - '0'), kv.first.substr(2));
      if (t && kv.second.total > 0) v += kv.second.total * mark(*t);
    }
    return v;
  }
  double cashDebt() {
    double d = 0;
    for (auto &x : debts)
      if (x.f.debt_type == 0) d += x.f.remain_amt;
    return d;
  }
  double stockDebtValue() {
    double d = 0;
    for (auto &x : debts) {
      Ticker *t = find(exchangeOfMarket(x.f.market), x.f.ticker);
      if (x.f.debt_type == 1 && t) d += x.f.remain_qty * mark(*t);
    }
    return d;
  }
  Debt &debtOf(const XTPOrderInfo &o, int type) {
    for (auto &d : debts)
      if (d.f.order_xtp_id == o.order_xtp_id) return d;
    Debt d{};
    d.f.debt_type = type;
    std::snprintf(d.f.debt_id, sizeof d.f.debt_id, "D%08d", nextDebt++);
    d.f.position_id = d.f.order_xtp_id = o.order_xtp_id;
    d.f.market = o.market;
    put(d.f.ticker, o.ticker);
    d.f.order_date = 20250102;
    d.f.end_date = d.f.orig_end_date = 20250702;
    debts.push_back(d);
    return debts.back();
  }
  // Repays financing debts, oldest first, with up to `amount` of cash; returns what was repaid.
  double repayCash(double amount) {
    double repaid = 0;
    for (auto &d : debts) {
      if (d.f.debt_type != 0 || d.f.remain_amt <= 0 || amount - repaid <= 1e-9) continue;
      double part = std::min(d.f.remain_amt, amount - repaid);
      d.f.remain_amt -= part;
      d.f.remain_principal = std::max(0.0, d.f.remain_principal - part);
      if (d.f.remain_amt <= 1e-9) d.f.remain_amt = 0, d.f.debt_status = 1;
      repaid += part;
    }
    cash -= repaid;
    return repaid;
  }
  // Returns `qty` shares of stock loans, oldest first.
  void returnStock(const std::string &code, int market, int64_t qty) {
    for (auto &d : debts) {
      if (d.f.debt_type != 1 || d.f.market != market || code != d.f.ticker || qty <= 0) continue;
      long long part = std::min<long long>(d.f.remain_qty, qty);
      d.f.remain_qty -= part;
      if (d.f.remain_qty == 0) d.f.debt_status = 1;
      qty -= part;
    }
  }
};

Counter &counter() {
  static Counter c;
  return c;
}

}  // namespace

// ---- trader ---------------------------------------------------------------------------------------------------

class TraderImpl : public TraderApi {
 public:
  TraderSpi *spi = nullptr;
  Pump pump;
  std::set<uint64_t> sessions;  // logged-in sessions of this API object
  std::string key;

  TraderImpl() { pump.start(); }

  void Release() override {
    if (hangRelease) blockForever();
    {
      std::lock_guard<std::recursive_mutex> g(counter().m);
      counter().traders.erase(this);
    }
    pump.stop();
    delete this;
  }
  const char *GetTradingDay() override { return kTradingDay; }
  void RegisterSpi(TraderSpi *p) override { spi = p; }
  XTPRI *GetApiLastError() override { return &tlsLastError; }
  const char *GetApiVersion() override { return XTPSIM_VERSION_TEXT; }
  void SubscribePublicTopic(int) override {}
  void SetSoftwareVersion(const char *) override {}
  void SetSoftwareKey(const char *k) override { key = k ? k : ""; }
  void SetHeartBeatInterval(uint32_t) override {}

  uint64_t fail(int id, const std::string &msg) {
    tlsLastError = errorInfo(id, msg);
    return 0;
  }

  uint64_t Login(const char *, int port, const char *user, const char *password, int sock_type,
                 const char *) override {
    if (hangLogin) blockForever();
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    // The trading server speaks TCP only.
    if (sock_type != 1) return fail(10210101, "trade login: only TCP is supported");
    if (c.down) return fail(10200001, "connect to server failed");
    if (c.loginErrorId) return fail(c.loginErrorId, c.loginErrorMsg);
    if (!user || !*user || !password || !*password) return fail(10200102, "invalid user or password");
    if (key.empty()) return fail(10200203, "software key is empty");
    if (port <= 0) return fail(10200001, "connect to server failed: bad port");
    uint64_t s = c.nextSession++;
    sessions.insert(s);
    c.traders.insert(this);
    tlsLastError = errorInfo(0, "");
    return s;
  }
  int Logout(uint64_t session) override {
    std::lock_guard<std::recursive_mutex> g(counter().m);
    return sessions.erase(session) ? 0 : -1;
  }

  // Called with the counter lock held.
  void drop() {
    for (uint64_t s : sessions) pump.post([this, s] { spi->OnDisconnected(s, 10200001); });
    sessions.clear();
  }
  bool live(uint64_t s) { return sessions.count(s) != 0; }
  // A query's refusal (-1, the reason in GetApiLastError), or 0 when it may be answered.
  int refuseQuery(Counter &c, uint64_t session, bool needsCredit = false) {
    if (!live(session)) return static_cast<int>(fail(10200003, "session not logged in")) - 1;
    if (needsCredit && !c.credit) return static_cast<int>(fail(11000380, "not a credit account")) - 1;
    if (!c.admitQuery()) return static_cast<int>(fail(11000004, "query too frequent")) - 1;
    return 0;
  }

  uint64_t InsertOrder(XTPOrderInsertInfo *in, uint64_t session) override;
  uint64_t CancelOrder(const uint64_t id, uint64_t session) override;

  template <class T>
  void sendRows(std::vector<T> rows, int id, uint64_t session,
                void (TraderSpi::*call)(T *, XTPRI *, int, bool, uint64_t)) {
    pump.post([this, rows, id, session, call]() mutable {
      if (rows.empty()) (spi->*call)(nullptr, nullptr, id, true, session);
      for (size_t i = 0; i < rows.size(); i++)
        (spi->*call)(&rows[i], nullptr, id, i + 1 == rows.size(), session);
    });
  }

  int QueryOrders(const XTPQueryOrderReq *, uint64_t session, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = refuseQuery(c, session)) return rc;
    std::vector<XTPOrderInfo> rows;
    for (auto &o : c.orders) rows.push_back(o.f);
    sendRows(rows, id, session, &TraderSpi::OnQueryOrder);
    return 0;
  }
  int QueryTrades(XTPQueryTraderReq *, uint64_t session, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = refuseQuery(c, session)) return rc;
    sendRows(c.trades, id, session, &TraderSpi::OnQueryTrade);
    return 0;
  }
  int QueryPosition(const char *, uint64_t session, int id, int) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = refuseQuery(c, session)) return rc;
    std::vector<XTPQueryStkPositionRsp> rows;
    for (auto &kv : c.holdings) {
      const Holding &h = kv.second;
      if (h.total == 0) continue;
      int market = kv.first[0] - '0';
      std::string code = kv.first.substr(2);
      Ticker *t = c.find(exchangeOfMarket(market), code);
      XTPQueryStkPositionRsp r{};
      put(r.ticker, code);
      put(r.ticker_name, t ? t->name : code);
      r.market = market;
      int64_t qty = h.total < 0 ? -h.total : h.total;
      r.total_qty = qty;
      r.sellable_qty = h.sellable;
      r.yesterday_position = h.yesterday;
      r.avg_price = h.cost / h.total;
      double mark = t ? (t->bid + t->ask) / 2 : r.avg_price;
      r.unrealized_pnl = (mark - r.avg_price) * h.total;
      // XTP_POSITION_DIRECTION: NET 0 for cash holdings, SHORT 2 for a short sale's debt.
      r.position_direction = h.total < 0 ? 2 : 0;
      rows.push_back(r);
    }
    sendRows(rows, id, session, &TraderSpi::OnQueryPosition);
    return 0;
  }
  int QueryOptionAuctionInfo(XTPQueryOptionAuctionInfoReq *, uint64_t session, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = refuseQuery(c, session)) return rc;
    std::vector<XTPQueryOptionAuctionInfoRsp> rows;
    for (auto &t : c.tickers) {
      if (t.type != 4) continue;
      XTPQueryOptionAuctionInfoRsp r{};
      put(r.ticker, t.code);
      r.security_id_source = 2;
      put(r.symbol, t.name);
      put(r.contract_id, "510050C2501M02600");
      put(r.underlying_security_id, "510050");
      r.underlying_security_id_source = 2;
      r.list_date = 20240522;
      r.last_trade_date = 20250122;
      r.ticker_type = 4;
      r.call_or_put = 1;
      r.delivery_day = 20250123;
      r.delivery_month = 1;
      r.exercise_type = 0;
      r.exercise_begin_date = r.exercise_end_date = 20250122;
      r.exercise_price = 2.6;
      r.qty_unit = 1;
      r.contract_unit = 10000;
      r.prev_close_price = t.preClose;
      r.lmt_buy_max_qty = r.lmt_sell_max_qty = 50;
      r.lmt_buy_min_qty = r.lmt_sell_min_qty = 1;
      r.price_tick = t.tick;
      rows.push_back(r);
    }
    sendRows(rows, id, session, &TraderSpi::OnQueryOptionAuctionInfo);
    return 0;
  }
  int QueryAsset(uint64_t session, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = refuseQuery(c, session)) return rc;
    XTPQueryAssetRsp a{};
    double securities = 0;
    for (auto &kv : c.holdings) {
      Ticker *t = c.find(exchangeOfMarket(kv.first[0] - '0'), kv.first.substr(2));
      if (t) securities += kv.second.total * (t->bid + t->ask) / 2;
    }
    double frozen = c.frozenCash();
    a.buying_power = c.cash - frozen;
    a.security_asset = securities;
    a.total_asset = c.cash + securities;
    a.withholding_amount = frozen;
    a.banlance = c.cash;
    a.orig_banlance = 1000000;
    a.account_type = c.credit ? 1 : 0;
    std::vector<XTPQueryAssetRsp> rows{a};
    sendRows(rows, id, session, &TraderSpi::OnQueryAsset);
    return 0;
  }

  // ---- credit (margin) account ----
  uint64_t CreditCashRepay(double amount, uint64_t session) override;
  int QueryCreditFundInfo(uint64_t session, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = refuseQuery(c, session, true)) return rc;
    XTPCrdFundInfo f{};
    f.all_asset = c.cash + c.securities();
    f.all_debt = c.cashDebt() + c.stockDebtValue();
    f.maintenance_ratio = f.all_debt > 0 ? f.all_asset / f.all_debt : 0;
    f.line_of_credit = c.creditLine;
    f.guaranty = f.all_asset - f.all_debt;
    pump.post([this, f, id, session]() mutable {
      XTPRI ok = errorInfo(0, "");
      spi->OnQueryCreditFundInfo(&f, &ok, id, session);
    });
    return 0;
  }
  int QueryCreditDebtInfo(uint64_t session, int id) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (int rc = refuseQuery(c, session, true)) return rc;
    std::vector<XTPCrdDebtInfo> rows;
    for (auto &d : c.debts) rows.push_back(d.f);
    sendRows(rows, id, session, &TraderSpi::OnQueryCreditDebtInfo);
    return 0;
  }
};

namespace {

void broadcastOrder(const XTPOrderInfo &o, const XTPRI *err) {
  XTPRI e = err ? *err : errorInfo(0, "");
  for (TraderImpl *t : counter().traders)
    for (uint64_t s : t->sessions) {
      XTPOrderInfo copy = o;
      t->pump.post([t, copy, e, s]() mutable { t->spi->OnOrderEvent(&copy, &e, s); });
    }
}
void broadcastTrade(const XTPTradeReport &tr) {
  for (TraderImpl *t : counter().traders)
    for (uint64_t s : t->sessions) {
      XTPTradeReport copy = tr;
      t->pump.post([t, copy, s]() mutable { t->spi->OnTradeEvent(&copy, s); });
    }
}

bool isBuySide(int side) { return side == 1 || side == 21 || side == 24; }

std::string holdingKey(int market, const std::string &code) { return std::to_string(market) + "|" + code; }

// Fills `qty` of an order at `price`: cash (or debt), holding, trade record, order state; then the pushes.
// The order's state is pushed by the caller when the fill is not the order's last word (see finish()).
void fill(Order &o, double price, int64_t qty) {
  auto &c = counter();
  auto &f = o.f;
  Holding &h = c.holdings[holdingKey(f.market, f.ticker)];
  bool buy = isBuySide(f.side);
  double amount = price * qty;
  if (buy) {
    // T+1: bought today, sellable tomorrow.
    h.total += qty;
    h.cost += amount;
    if (f.side == 21) {
      // 融资买入: paid with borrowed money, a financing debt of this order.
      Debt &d = c.debtOf(f, 0);
      d.f.remain_amt += amount;
      d.f.remain_principal += amount;
    } else {
      c.cash -= amount;
    }
    if (f.side == 24) c.returnStock(f.ticker, f.market, qty);  // 买券还券
  } else {
    double avg = h.total ? h.cost / h.total : price;
    h.total -= qty;
    h.cost -= avg * qty;
    if (h.sellable >= qty) h.sellable -= qty;
    c.cash += amount;
    if (f.side == 22) c.debtOf(f, 1).f.remain_qty += qty;  // 融券卖出: a stock loan
    if (f.side == 23) c.repayCash(amount);                 // 卖券还款: the proceeds repay financing
  }
  if (Ticker *tk = c.find(exchangeOfMarket(f.market), f.ticker)) {
    tk->last = price;
    tk->volume += qty;
    tk->turnover += amount;
  }
  f.qty_traded += qty;
  f.qty_left -= qty;
  f.trade_amount += price * qty;
  f.update_time = xtpNow();
  f.order_status = f.qty_left == 0 ? 1 : 2;  // ALLTRADED / PARTTRADEDQUEUEING
  XTPTradeReport t{};
  t.order_xtp_id = f.order_xtp_id;
  t.order_client_id = f.order_client_id;
  put(t.ticker, f.ticker);
  t.market = f.market;
  t.local_order_id = f.order_xtp_id;
  char exec[18];
  std::snprintf(exec, sizeof exec, "%llu", static_cast<unsigned long long>(c.nextExec++));
  put(t.exec_id, exec);
  t.price = price;
  t.quantity = qty;
  t.trade_time = f.update_time;
  t.trade_amount = price * qty;
  t.report_index = c.trades.size() + 1;
  put(t.order_exch_id, f.order_local_id);
  t.trade_type = '0';
  t.side = f.side;
  t.position_effect = f.position_effect;
  t.business_type = f.business_type;
  put(t.branch_pbu, "000001");
  c.trades.push_back(t);
  broadcastOrder(f, nullptr);
  broadcastTrade(t);
}

// Which XTP_PRICE_TYPE each exchange accepts for its stocks and funds (options add LIMIT_OR_CANCEL).
// SSE: limit, best-5-or-limit (3), best-5-or-cancel (4), own-best (6), counterparty-best-or-limit (7).
// SZSE: limit, immediate-or-cancel (2), best-5-or-cancel (4), all-or-cancel (5), own-best (6), (7).
// Beijing: limit, and the market types of its rules (best-5 or cancel, best-5 then limit, own best,
// counterparty best).
bool priceTypeAllowed(int exchange, int tickerType, int pt) {
  if (pt == 1) return true;
  if (exchange == 3) return pt == 3 || pt == 4 || pt == 6 || pt == 7;
  if (tickerType == 4) return pt == 8 || pt == 2 || pt == 4 || pt == 5;
  if (exchange == 1) return pt == 3 || pt == 4 || pt == 6 || pt == 7;
  return pt == 2 || pt == 4 || pt == 5 || pt == 6 || pt == 7;
}

// An order that will trade no more: what is left is cancelled (PARTTRADEDNOTQUEUEING 3 when part traded,
// CANCELED 5 when nothing did), as the exchanges do with the rest of an immediate-or-cancel order.
void cancelRest(Order &o) {
  auto &f = o.f;
  if (f.qty_left == 0) return;
  f.order_status = f.qty_traded > 0 ? 3 : 5;
  f.qty_left = 0;
  f.cancel_time = f.update_time = xtpNow();
  broadcastOrder(f, nullptr);
}

// What the opposite side of the book offers within `levels` levels at prices `limit` reaches (0: any).
long long available(const std::vector<std::pair<double, long long>> &side, bool buy, double limit, size_t levels) {
  int64_t n = 0;
  for (size_t i = 0; i < side.size() && i < levels; i++) {
    if (limit > 0 && (buy ? side[i].first > limit + 1e-9 : side[i].first < limit - 1e-9)) break;
    n += side[i].second;
  }
  return n;
}

// Trades the order against the opposite side, level by level, best first, at each level's price, taking
// the quantity from the book; stops at `limit` (0: none), after `levels` levels or when the order is done.
void walk(Order &o, Ticker &t, double limit, size_t levels) {
  bool buy = isBuySide(o.f.side);
  auto &side = buy ? t.asks : t.bids;
  size_t used = 0;
  while (o.f.qty_left > 0 && !side.empty() && used < levels) {
    auto &lvl = side.front();
    if (limit > 0 && (buy ? lvl.first > limit + 1e-9 : lvl.first < limit - 1e-9)) break;
    long long q = std::min(o.f.qty_left, lvl.second);
    fill(o, lvl.first, q);
    lvl.second -= q;
    if (lvl.second == 0) {
      side.erase(side.begin());
      used++;
    }
  }
  // The touch follows the book (an empty side keeps its last price).
  if (!t.bids.empty()) t.bid = t.bids.front().first;
  if (!t.asks.empty()) t.ask = t.asks.front().first;
}

// A new order meets the book by its XTP_PRICE_TYPE: LIMIT trades what its price reaches and rests the rest;
// LIMIT_OR_CANCEL (options FOK) and ALL_OR_CANCEL (SZSE) trade all at once or nothing; BEST_OR_CANCEL (SZSE
// immediate-or-cancel) takes any level and cancels the rest; BEST5_OR_CANCEL takes five levels and cancels
// the rest; BEST5_OR_LIMIT (SSE) takes five levels and rests the rest at the last price it traded;
// REVERSE_BEST_LIMIT takes the opposite best level's price as its limit; FORWARD_BEST rests at its own best.
void match(Order &o, Ticker &t) {
  auto &f = o.f;
  bool buy = isBuySide(f.side);
  auto &opposite = buy ? t.asks : t.bids;
  const size_t all = 1000;
  switch (f.price_type) {
    case 1:
      walk(o, t, f.price, all);
      return;
    case 8:
    case 5: {
      double limit = f.price_type == 8 ? f.price : 0;
      if (available(opposite, buy, limit, all) >= f.qty_left) walk(o, t, limit, all);
      return cancelRest(o);
    }
    case 2:
      walk(o, t, 0, all);
      return cancelRest(o);
    case 4:
      walk(o, t, 0, 5);
      return cancelRest(o);
    case 3: {
      double touch = opposite.empty() ? (buy ? t.ask : t.bid) : opposite.front().first;
      walk(o, t, 0, 5);
      if (f.qty_left == 0) return;
      // The rest becomes a limit order at the last price traded (the touch when nothing traded).
      f.price = f.qty_traded > 0 ? t.last : touch;
      return;
    }
    case 7: {
      if (opposite.empty()) return cancelRest(o);
      f.price = opposite.front().first;
      walk(o, t, f.price, all);
      return;
    }
    case 6:
      f.price = buy ? t.bid : t.ask;
      return;
    default:
      return cancelRest(o);
  }
}

}  // namespace

uint64_t TraderImpl::InsertOrder(XTPOrderInsertInfo *in, uint64_t session) {
  auto &c = counter();
  std::lock_guard<std::recursive_mutex> g(c.m);
  if (!live(session)) return fail(10200003, "session not logged in");
  Order o{};
  o.session = session;
  auto &f = o.f;
  f.order_xtp_id = c.nextXtpId++;
  f.order_client_id = in->order_client_id;
  put(f.ticker, in->ticker);
  f.market = in->market;
  f.price = in->price;
  f.quantity = in->quantity;
  f.price_type = in->price_type;
  f.side = in->side;
  f.position_effect = in->position_effect;
  f.business_type = in->business_type;
  f.qty_left = in->quantity;
  f.insert_time = f.update_time = xtpNow();
  char local[11];
  std::snprintf(local, sizeof local, "%llu", static_cast<unsigned long long>(f.order_xtp_id & 0xffffff));
  put(f.order_local_id, local);
  f.order_type = '0';
  f.order_status = 4;         // NOTRADEQUEUEING
  f.order_submit_status = 2;  // INSERT_ACCEPTED
  Ticker *t = c.find(exchangeOfMarket(in->market), in->ticker);
  auto reject = [&](int id, const std::string &msg) {
    f.order_status = 6;  // REJECTED
    f.order_submit_status = 3;
    f.qty_left = 0;
    XTPRI e = errorInfo(id, msg);
    c.orders.push_back(o);
    broadcastOrder(f, &e);
    return f.order_xtp_id;
  };
  if (c.rejectId) {
    int id = c.rejectId;
    c.rejectId = 0;
    return reject(id, c.rejectMsg);
  }
  if (!t || t->type == 1) return reject(11000010, "ticker not found or not tradable");
  // IPO subscription (XTP_BUSINESS_TYPE_IPOS 1: a limit buy, as the header says) and ETF creation/redemption
  // (XTP_BUSINESS_TYPE_ETF 3 with XTP_SIDE_PURCHASE 7 / XTP_SIDE_REDEMPTION 8, of a fund): allotment and
  // creation happen after the close, so the order is accepted and waits (it may be cancelled).
  if (in->business_type == 1 || in->business_type == 3 || in->side == 7 || in->side == 8) {
    bool ipo = in->business_type == 1 && in->side == 1 && in->price_type == 1;
    bool etf = in->business_type == 3 && (in->side == 7 || in->side == 8) && t->type == 2;
    if (!ipo && !etf)
      return reject(11000023, "IPO needs a limit buy; ETF creation/redemption a purchase or redemption of a fund");
    if (in->quantity <= 0) return reject(11000050, "quantity is not a multiple of the trading unit");
    c.orders.push_back(o);
    broadcastOrder(c.orders.back().f, nullptr);
    return f.order_xtp_id;
  }
  bool buy = isBuySide(in->side);
  bool creditSide = in->side >= 21 && in->side <= 24;
  bool cashSide = in->side == 1 || in->side == 2;
  if (!cashSide && !creditSide) return reject(11000020, "side not supported");
  if (creditSide && (!c.credit || in->business_type != 4))
    return reject(11000021, "margin side needs a credit account and business type MARGIN");
  if (cashSide && in->business_type != 0 && !(c.credit && in->business_type == 4) &&
      !(t->type == 4 && in->business_type == 10))
    return reject(11000022, "business type not allowed for this account");
  if (!priceTypeAllowed(t->exchange, t->type, in->price_type))
    return reject(11000030, "price type not supported by this exchange");
  bool limit = in->price_type == 1 || in->price_type == 8;
  double ratio = in->price / t->tick;
  if (limit && (in->price <= 0 || std::fabs(ratio - std::llround(ratio)) > 1e-6))
    return reject(11000040, "price is not a multiple of the tick");
  // Beijing: at least the unit (100), then any number of shares; elsewhere whole units.
  bool badQty = t->exchange == 3 ? in->quantity < t->unit : in->quantity % t->unit != 0;
  if (in->quantity <= 0 || (buy && badQty))
    return reject(11000050, "quantity is not a multiple of the trading unit");
  Holding &h = c.holdings[holdingKey(in->market, in->ticker)];
  if (in->side == 2 && in->quantity > h.sellable) return reject(11000060, "not enough sellable shares (T+1)");
  double touch = buy ? t->ask : t->bid;
  if (buy && in->side != 21 && (limit ? in->price : touch) * in->quantity > c.cash - c.frozenCash())
    return reject(11000070, "not enough buying power");
  // A margin buy is limited by the credit line, every other buy by the cash.
  double cost = (limit ? in->price : touch) * in->quantity;
  if (in->side == 21 && cost > c.creditLine - c.cashDebt()) return reject(11000071, "not enough credit line");
  c.orders.push_back(o);
  Order &rec = c.orders.back();
  broadcastOrder(rec.f, nullptr);
  match(rec, *t);
  return rec.f.order_xtp_id;
}

uint64_t TraderImpl::CancelOrder(const uint64_t id, uint64_t session) {
  auto &c = counter();
  std::lock_guard<std::recursive_mutex> g(c.m);
  if (!live(session)) return fail(10200003, "session not logged in");
  uint64_t cancelId = c.nextXtpId++;
  Order *o = c.order(id);
  XTPOrderCancelInfo ci{};
  ci.order_cancel_xtp_id = cancelId;
  ci.order_xtp_id = id;
  int st = o ? o->f.order_status : -1;
  if (!o || !(st == 2 || st == 4)) {
    XTPRI e = o ? errorInfo(11000100, "order already finished, cannot cancel")
                : errorInfo(11000101, "order not found");
    pump.post([this, ci, e, session]() mutable { spi->OnCancelOrderError(&ci, &e, session); });
    return cancelId;
  }
  o->f.order_cancel_xtp_id = cancelId;
  o->f.order_status = o->f.qty_traded > 0 ? 3 : 5;  // PARTTRADEDNOTQUEUEING / CANCELED
  o->f.order_submit_status = 6;                      // CANCEL_ACCEPTED
  o->f.qty_left = 0;
  o->f.cancel_time = o->f.update_time = xtpNow();
  broadcastOrder(o->f, nullptr);
  return cancelId;
}

// CreditCashRepay (直接还款): repays financing debt, oldest first, with cash; the answer comes in
// OnCreditCashRepay with what was asked and what was repaid (at most the debt and the available cash).
uint64_t TraderImpl::CreditCashRepay(double amount, uint64_t session) {
  auto &c = counter();
  std::lock_guard<std::recursive_mutex> g(c.m);
  if (!live(session)) return fail(10200003, "session not logged in");
  if (!c.credit) return fail(11000380, "not a credit account");
  if (!(amount > 0) || !std::isfinite(amount)) return fail(11000381, "repayment amount must be positive");
  XTPCrdCashRepayRsp r{};
  r.xtp_id = static_cast<int64_t>(c.nextXtpId++);
  r.request_amount = amount;
  XTPRI e = errorInfo(0, "");
  double debt = c.cashDebt();
  double cash = c.cash - c.frozenCash();
  if (debt <= 0) e = errorInfo(11000382, "no financing debt to repay");
  else if (cash <= 0) e = errorInfo(11000383, "no cash available to repay with");
  else r.cash_repay_amount = c.repayCash(std::min({amount, debt, cash}));
  pump.post([this, r, e, session]() mutable { spi->OnCreditCashRepay(&r, &e, session); });
  return static_cast<uint64_t>(r.xtp_id);
}

// ---- quote ----------------------------------------------------------------------------------------------------

class QuoteImpl : public QuoteApi {
 public:
  QuoteSpi *spi = nullptr;
  Pump pump;
  bool loggedIn = false;
  std::vector<std::pair<int, std::string>> subscribed;  // (exchange, code)
  size_t rr = 0;

  QuoteImpl() {
    pump.idle = [this] { periodicTick(); };
    pump.idleEvery = std::chrono::microseconds(1000);
    pump.start();
  }

  void Release() override {
    if (hangRelease) blockForever();
    {
      std::lock_guard<std::recursive_mutex> g(counter().m);
      counter().quotes.erase(this);
    }
    pump.stop();
    delete this;
  }
  const char *GetTradingDay() override { return kTradingDay; }
  const char *GetApiVersion() override { return XTPSIM_VERSION_TEXT; }
  XTPRI *GetApiLastError() override { return &tlsLastError; }
  void RegisterSpi(QuoteSpi *p) override { spi = p; }
  void SetHeartBeatInterval(uint32_t) override {}

  int Login(const char *, int port, const char *user, const char *password, int sock_type, const char *) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (c.down || port <= 0) {
      tlsLastError = errorInfo(10200001, "connect to quote server failed");
      return -1;
    }
    if (sock_type != 1 && sock_type != 2) {
      tlsLastError = errorInfo(10210101, "unknown protocol");
      return -1;
    }
    if (c.quoteProtocol && sock_type != c.quoteProtocol) {
      tlsLastError = errorInfo(10210102, c.quoteProtocol == 2 ? "this quote server is UDP only" : "this quote server is TCP only");
      return -1;
    }
    if (!user || !*user || !password || !*password) {
      tlsLastError = errorInfo(10200102, "invalid user or password");
      return -1;
    }
    loggedIn = true;
    c.quotes.insert(this);
    return 0;
  }
  int Logout() override {
    std::lock_guard<std::recursive_mutex> g(counter().m);
    loggedIn = false;
    subscribed.clear();
    return 0;
  }
  void drop() {
    if (!loggedIn) return;
    loggedIn = false;
    subscribed.clear();
    pump.post([this] { spi->OnDisconnected(10200001); });
  }

  int QueryAllTickers(int exchange) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (!loggedIn) return -1;
    std::vector<XTPQSI> rows;
    for (auto &t : c.tickers) {
      // SH and SZ only ("1-上海 2-深圳"): Beijing contracts come from QueryAllNQTickersFullInfo.
      if (t.exchange != exchange || exchange == 3) continue;
      XTPQSI q{};
      q.exchange_id = t.exchange;
      put(q.ticker, t.code);
      put(q.ticker_name, t.name);
      q.ticker_type = t.type;
      q.pre_close_price = t.preClose;
      q.upper_limit_price = std::round(t.preClose * 1.1 / t.tick) * t.tick;
      q.lower_limit_price = std::round(t.preClose * 0.9 / t.tick) * t.tick;
      q.price_tick = t.tick;
      q.buy_qty_unit = t.unit;
      q.sell_qty_unit = 1;
      rows.push_back(q);
    }
    pump.post([this, rows]() mutable {
      XTPRI ok = errorInfo(0, "");
      if (rows.empty()) {
        XTPRI none = errorInfo(11200000, "no data");
        spi->OnQueryAllTickers(nullptr, &none, true);
      }
      for (size_t i = 0; i < rows.size(); i++) spi->OnQueryAllTickers(&rows[i], &ok, i + 1 == rows.size());
    });
    return 0;
  }

#if XTPSIM_BEIJING
  int QueryAllNQTickersFullInfo() override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (!loggedIn) return -1;
    std::vector<XTPNQFI> rows;
    for (auto &t : c.tickers) {
      if (t.exchange != 3) continue;
      XTPNQFI q{};
      q.exchange_id = 3;
      put(q.ticker, t.code);
      put(q.ticker_name, t.name);
      q.security_type = 255;  // "目前均为255"
      put(q.currency_type, "CNY");
      q.trade_unit = 1;
      q.buy_vol_unit = q.sell_vol_unit = 1;
      q.mini_declared_vol = t.unit;
      q.price_gear = t.tick;
      q.limit_upper_price = std::round(t.preClose * 1.3 / t.tick) * t.tick;
      q.limit_lower_price = std::round(t.preClose * 0.7 / t.tick) * t.tick;
      rows.push_back(q);
    }
    pump.post([this, rows]() mutable {
      XTPRI ok = errorInfo(0, "");
      for (size_t i = 0; i < rows.size(); i++)
        spi->OnQueryAllNQTickersFullInfo(&rows[i], &ok, i + 1 == rows.size());
    });
    return 0;
  }
#endif

  int SubscribeMarketData(char *ids[], int n, int exchange) override {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (!loggedIn) return -1;
    for (int k = 0; k < n; k++) {
      std::string code = ids[k];
      XTPST st{};
      st.exchange_id = exchange;
      put(st.ticker, code);
      XTPRI e = c.find(exchange, code) ? errorInfo(0, "") : errorInfo(11200003, "ticker not found");
      pump.post([this, st, e, k, n]() mutable { spi->OnSubMarketData(&st, &e, k + 1 == n); });
      if (e.error_id) continue;
      bool known = false;
      for (auto &s : subscribed) known = known || (s.first == exchange && s.second == code);
      if (!known) subscribed.push_back({exchange, code});
      postTick(exchange, code);
    }
    return 0;
  }
  int UnSubscribeMarketData(char *[], int, int) override { return 0; }

  void fillDepth(XTPMD &d, const Ticker &t, long long seq) {
    d.exchange_id = t.exchange;
    put(d.ticker, t.code);
    d.last_price = t.bid;
    d.pre_close_price = t.preClose;
    d.open_price = d.high_price = d.low_price = t.preClose;
    d.upper_limit_price = std::round(t.preClose * 1.1 / t.tick) * t.tick;
    d.lower_limit_price = std::round(t.preClose * 0.9 / t.tick) * t.tick;
    d.data_time = xtpNow();
    // The sequence number rides in qty (volume) so that a test or benchmark can see every tick arrive.
    d.qty = seq;
    d.turnover = seq * t.bid * 100;
    d.avg_price = t.bid;
    double *bids = &d.bid1, *asks = &d.ask1;
    long long *bq = &d.bid_qty1, *aq = &d.ask_qty1;
    // The book as it stands: levels the trades took away are gone; a thin book leaves zeros.
    for (size_t i = 0; i < 10; i++) {
      if (i < t.bids.size()) bids[i] = t.bids[i].first, bq[i] = t.bids[i].second;
      if (i < t.asks.size()) asks[i] = t.asks[i].first, aq[i] = t.asks[i].second;
    }
    if (t.last > 0) d.last_price = t.last;
    d.trades_count = seq;
    put(d.ticker_status, "T111");
    d.data_type = t.type == 4 ? 1 : t.type == 1 ? 0 : 2;
  }

  // Called with the counter lock held.
  void postTick(int exchange, const std::string &code) {
    auto &c = counter();
    Ticker *t = c.find(exchange, code);
    if (!t) return;
    XTPMD d{};
    fillDepth(d, *t, ++c.tickSeq);
    pump.post([this, d]() mutable {
      int64_t q[1] = {100};
      spi->OnDepthMarketData(&d, q, 1, 1, q, 1, 1);
    });
  }

  void periodicTick() {
    auto &c = counter();
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (!loggedIn || subscribed.empty() || c.tickIntervalUs <= 0) return;
    pump.idleEvery = std::chrono::microseconds(c.tickIntervalUs);
    auto &s = subscribed[rr++ % subscribed.size()];
    postTick(s.first, s.second);
  }

  // A depth record no real feed sends: an exchange id outside XTP_EXCHANGE_TYPE and a NaN price.
  void badTick() {
    XTPMD d{};
    d.exchange_id = 7;
    put(d.ticker, "??");
    d.last_price = std::nan("");
    pump.post([this, d]() mutable {
      int64_t q[1] = {0};
      spi->OnDepthMarketData(&d, q, 0, 0, q, 0, 0);
    });
  }

  // `count` depth records of seeded random bytes (half of them naming 600000 on SSE, so that they pass the
  // first checks), as a broken feed would send them.
  void fuzz(unsigned seed, long count) {
    pump.post([this, seed, count] {
      unsigned x = seed ? seed : 1;
      auto rnd = [&x] {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        return x;
      };
      for (long k = 0; k < count; k++) {
        XTPMD d;
        unsigned char *b = reinterpret_cast<unsigned char *>(&d);
        for (size_t i = 0; i < sizeof d; i++) b[i] = static_cast<unsigned char>(rnd());
        if (rnd() % 2) {
          d.exchange_id = 1;
          put(d.ticker, "600000");
        }
        int64_t q[1] = {0};
        spi->OnDepthMarketData(&d, q, 0, 0, q, 0, 0);
      }
    });
  }

  // `count` ticks back to back on this API's thread, round-robin over the subscriptions (benchmarks).
  void burst(long count) {
    if (subscribed.empty()) return;
    auto subs = subscribed;
    pump.post([this, subs, count] {
      for (long k = 0; k < count; k++) {
        XTPMD d{};
        {
          auto &c = counter();
          std::lock_guard<std::recursive_mutex> g(c.m);
          Ticker *t = c.find(subs[k % subs.size()].first, subs[k % subs.size()].second);
          if (t) fillDepth(d, *t, ++c.tickSeq);
        }
        int64_t q[1] = {100};
        spi->OnDepthMarketData(&d, q, 1, 1, q, 1, 1);
      }
    });
  }
};

// ---- factories, control ----------------------------------------------------------------------------------------

#if !XTPSIM_OMIT_TRADER_FACTORY
TraderApi *TraderApi::CreateTraderApi(uint8_t, const char *, XTP_LOG_LEVEL) { return new TraderImpl(); }
#endif
QuoteApi *QuoteApi::CreateQuoteApi(uint8_t, const char *, XTP_LOG_LEVEL) { return new QuoteImpl(); }
// Out-of-line constructors make the library emit (and export) the API classes' vtables.
TraderApi::TraderApi() {}
QuoteApi::QuoteApi() {}

// Commands (one per call, space separated):
//   reset | disconnect | restore | tick_interval_us N | burst N | credit on|off | cash AMOUNT
//   reject_next ID MSG | login_error ID MSG
//   fill B|S PRICE QTY           a counterparty trades against resting buy (B) or sell (S) orders at PRICE
//   holding MARKET CODE QTY PRICE  yesterday's holding (all of it sellable today)
//   quote MARKET CODE BID ASK    lays a fresh ten-level book there (resting orders it reaches trade)
//   credit_line AMOUNT           what a credit account may borrow in all
//   quote_protocol 1|2|0         the quote server takes only TCP (1) or UDP (2), or both (0)
//   bad_tick | bad_order         push a malformed depth record / order event
//   fuzz_ticks SEED N            N depth records of seeded random bytes
//   query_limit_ms N             queries closer together than N ms are refused (flow control)
//   hang login|release           that call never returns (as real libraries do against a silent server)
//   crash_at_exit                SIGSEGV when the process exits (after a clean Release)
// Returns 0, or -1 for a command it does not understand.
extern "C" int xtpsim_control(const char *command) {
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
    hangLogin = hangRelease = crashAtExit = false;
  } else if (op == "hang") {
    std::string what;
    in >> what;
    if (what == "login") hangLogin = true;
    else if (what == "release") hangRelease = true;
    else return -1;
  } else if (op == "crash_at_exit") {
    crashAtExit = true;
  } else if (op == "disconnect") {
    c.down = true;
    for (auto *t : c.traders) t->drop();
    for (auto *q : c.quotes) q->drop();
  } else if (op == "restore") {
    c.down = false;
  } else if (op == "tick_interval_us") {
    in >> c.tickIntervalUs;
  } else if (op == "burst") {
    long n = 0;
    in >> n;
    for (auto *q : c.quotes) q->burst(n);
  } else if (op == "query_limit_ms") {
    in >> c.queryLimitMs;
  } else if (op == "quote_protocol") {
    in >> c.quoteProtocol;
  } else if (op == "bad_tick") {
    for (auto *q : c.quotes) q->badTick();
  } else if (op == "fuzz_ticks") {
    unsigned seed = 0;
    long n = 0;
    in >> seed >> n;
    for (auto *q : c.quotes) q->fuzz(seed, n);
  } else if (op == "bad_order") {
    // An order event whose price is NaN: a malformed record the gateway must skip.
    XTPOrderInfo o{};
    o.order_xtp_id = 42;
    put(o.ticker, "600000");
    o.market = 2;
    o.price = std::nan("");
    broadcastOrder(o, nullptr);
  } else if (op == "credit") {
    std::string v;
    in >> v;
    c.credit = v == "on";
  } else if (op == "cash") {
    in >> c.cash;
  } else if (op == "reject_next" || op == "login_error") {
    int id = 0;
    in >> id;
    std::string msg = rest();
    if (op == "reject_next") c.rejectId = id, c.rejectMsg = msg;
    else c.loginErrorId = id, c.loginErrorMsg = msg;
  } else if (op == "fill") {
    std::string side;
    double price = 0;
    int64_t qty = 0;
    in >> side >> price >> qty;
    bool buys = side == "B";
    for (auto &o : c.orders) {
      if (qty <= 0) break;
      auto &f = o.f;
      bool live = f.order_status == 2 || f.order_status == 4;
      bool reaches = buys ? f.price >= price : f.price <= price;
      if (!live || isBuySide(f.side) != buys || !reaches) continue;
      int64_t q = std::min<int64_t>(qty, f.qty_left);
      fill(o, price, q);
      qty -= q;
    }
  } else if (op == "holding") {
    int market = 0;
    std::string code;
    int64_t qty = 0;
    double price = 0;
    in >> market >> code >> qty >> price;
    Holding &h = c.holdings[holdingKey(market, code)];
    h.total = h.sellable = h.yesterday = qty;
    h.cost = price * qty;
  } else if (op == "quote") {
    int market = 0;
    std::string code;
    double bid = 0, ask = 0;
    in >> market >> code >> bid >> ask;
    Ticker *t = c.find(exchangeOfMarket(market), code);
    if (!t) return -1;
    t->bid = bid;
    t->ask = ask;
    t->layBook();
    // Resting orders the new book reaches trade against it.
    for (auto &o : c.orders) {
      bool live = o.f.order_status == 2 || o.f.order_status == 4;
      if (live && o.f.market == market && t->code == o.f.ticker) walk(o, *t, o.f.price, 1000);
    }
  } else if (op == "credit_line") {
    in >> c.creditLine;
  } else {
    return -1;
  }
  return 0;
}

// Benchmark baseline: calls `cb` n times from a new thread and returns at once (the caller must keep its
// event loop running: each call waits until JS has run it).
extern "C" int xtpsim_raw_burst(void (*cb)(int), int n) {
  std::thread([cb, n] {
    for (int i = 0; i < n; i++) cb(i);
  }).detach();
  return 0;
}
