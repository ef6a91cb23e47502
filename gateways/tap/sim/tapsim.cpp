// Simulated TAP (Esunny iTap) library. It exports the extern "C" factories and version functions of the
// trade and quote APIs and objects whose vtables have the release's slot count (from the generated header).
// The trade API is a small counter: Login answers OnConnect, OnRspLogin and OnAPIReady on its own thread;
// QryCommodity, QryContract, QryFund, QryPosition, QryOrder and QryFill answer; InsertOrder gives
// OnRspOrderAction and OnRtnOrder and a deterministic fill (OnRtnFill; $TAPSIM_NO_AUTOFILL=1 turns it off);
// CancelOrder cancels a resting order. While the link is down (control "disconnect" until the next Login)
// fills still happen on the counter but nothing is pushed: the gateway must find them with QryOrder/QryFill.
// The quote API logs in, answers SubscribeQuote with a five-level snapshot around each contract's reference
// price and pushes OnRtnQuote after every fill. A test steers both over the Unix socket named by
// $TAPSIM_CONTROL (see runControl).
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "simkit.h"

// Out of line, so that the interfaces' vtables are emitted and exported as the vendor's are.
ITapTrade::ITapTradeAPI::ITapTradeAPI() {}
ITapQuoteAPI::ITapQuoteAPI() {}

namespace {
using namespace ITapTrade;

using simkit::Pump;
using simkit::put;
using simkit::toGbk;

// The simulated counter's contracts: each has a fixed reference price. A limit order that reaches it fills
// in full at that price (deterministic); one that does not rests until cancelled. Options (commodity type
// 'O') carry a strike and a right ('C'/'P'; 'N' for the others) and name their underlying; the quote side
// serves both, an option's quote naming its strike, right and underlying future.
struct SimContract {
  const char *exchange, *commodity, *contract, *name, *currency, *commodityName;
  double size, reference, tick;
  char type;
  const char *strike;
  char right;
  const char *underlying;
};
const SimContract kContracts[] = {
    {"COMEX", "GC", "2612", "COMEX Gold 2612", "USD", "COMEX黄金", 100, 2000.0, 0.1, 'F', "", 'N', ""},
    {"CME", "ES", "2612", "CME E-mini S&P 500 2612", "USD", "E-mini S&P 500", 50, 5000.0, 0.25, 'F', "", 'N', ""},
    {"COMEX", "OG", "2612", "COMEX Gold Option 2612 C2000", "USD", "COMEX黄金期权", 100, 35.0, 0.1, 'O', "2000", 'C',
     "GC2612"},
    {"COMEX", "OG", "2612", "COMEX Gold Option 2612 P1950", "USD", "COMEX黄金期权", 100, 20.0, 0.1, 'O', "1950", 'P',
     "GC2612"},
};

// An option's right as a record carries it: 'C' or 'P', anything else none.
char rightOf(char flag) { return flag == 'C' || flag == 'P' ? flag : 'N'; }

// "YYYY-MM-DD HH:MM:SS" in China time (UTC+8), as the counter stamps records.
std::string nowText() {
  std::time_t t = std::time(nullptr) + 8 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}
const SimContract *findContract(const char *exchange, const char *commodity, const char *contract,
                                 const char *strike = "", char right = 'N') {
  for (const auto &c : kContracts)
    if (!std::strcmp(c.exchange, exchange) && !std::strcmp(c.commodity, commodity) &&
        !std::strcmp(c.contract, contract) && c.right == rightOf(right) &&
        (c.right == 'N' || !std::strcmp(c.strike, strike)))
      return &c;
  return nullptr;
}

// A position's key: the contract, and an option's right and strike.
std::string positionKey(const char *commodity, const char *contract, const char *strike, char right) {
  std::string k = contract + std::string(commodity);
  return rightOf(right) == 'N' ? k : k + rightOf(right) + strike;
}

// TAP's order states (TAPI_ORDER_STATE_*) and the error codes the sim answers.
const char kQueued = '4', kFinished = '6', kCanceled = '9', kFail = 'B';
const int kNotLoggedIn = -12;           // TAPIERROR_LOGIN-style: call before OnAPIReady
const int kBadPassword = 10001;         // login refused
const int kNoContract = 10002;          // unknown contract
const int kOrderNotFound = 10003;       // cancel of an unknown or finished order

// The 9.3.8.7 / 9.3.1.4 libraries check a request's flag fields before anything else and refuse the call
// with TAPIERROR_INPUTERROR_<type> (iTapAPIError.h) when one is not among its type's constants: a NUL left in
// a flag is refused, not read as "none". The checks and codes below are the ones the real IsValidTapAPI*
// functions make (vnpy/vnpy_tap 7e9eadb libiTapTradeAPI.so / libTapQuoteAPI.so).
const int kBadYN = -10001, kBadCallPut = -10004, kBadOrderSource = -12006, kBadTimeInForce = -12007,
          kBadSide = -12008, kBadPositionEffect = -12009, kBadHedge = -12010, kBadTactics = -12035,
          kBadTriggerCondition = -12041, kBadTriggerPrice = -12042, kBadOrderQryType = -12045;
bool oneOf(char c, const char *values) { return c != 0 && std::strchr(values, c) != nullptr; }
const char *const kYN = "YN";
int checkNewOrder(const TapAPINewOrder &o) {
  const struct {
    char value;
    const char *values;
    int code;
  } checks[] = {
      {o.CallOrPutFlag, "CPN", kBadCallPut},        {o.CallOrPutFlag2, "CPN", kBadCallPut},
      {o.OrderSource, "123456789JK", kBadOrderSource}, {o.TimeInForce, "01234", kBadTimeInForce},
      {o.IsRiskOrder, kYN, kBadYN},                 {o.OrderSide, "NBS", kBadSide},
      {o.PositionEffect, "NOCT", kBadPositionEffect}, {o.PositionEffect2, "NOCT", kBadPositionEffect},
      {o.HedgeFlag, "NTBR", kBadHedge},              {o.TacticsType, "NMAC", kBadTactics},
      {o.TriggerCondition, "NGL", kBadTriggerCondition}, {o.TriggerPriceType, "NBSL", kBadTriggerPrice},
      {o.AddOneIsValid, kYN, kBadYN},
  };
  for (const auto &c : checks)
    if (!oneOf(c.value, c.values)) return c.code;
  return 0;
}
// An order TAP no longer works: filled, cancelled or failed (what OrderQryType 'U' leaves out).
bool finishedState(char state) { return state == kFinished || state == kCanceled || state == kFail; }

// What the test's control socket sets ($TAPSIM_CONTROL, bindings/native/sim-control.ts).
struct Control {
  int rejectCode = 0;
  std::string rejectText;
};
std::mutex &controlMutex() {
  static std::mutex m;
  return m;
}
Control &control() {
  static Control c;
  return c;
}
class SimQuote;
std::vector<SimQuote *> &quotes() {
  static std::vector<SimQuote *> v;
  return v;
}
void quoteTraded(const SimContract *c, double price, unsigned qty);
class SimTrade;
std::vector<SimTrade *> &trades() {
  static std::vector<SimTrade *> v;
  return v;
}

class SimTrade : public ITapTradeAPI {
 public:
  SimTrade() {
    pump_.start();
    std::lock_guard<std::mutex> g(controlMutex());
    trades().push_back(this);
  }
  ~SimTrade() {
    {
      std::lock_guard<std::mutex> g(controlMutex());
      auto &v = trades();
      for (auto it = v.begin(); it != v.end(); ++it)
        if (*it == this) {
          v.erase(it);
          break;
        }
    }
    pump_.stop();  // before the state the queued calls use goes away
  }
  // $TAPSIM_HANG=SetHostAddress: the call never returns (a vendor library stuck on its front).
  int SetHostAddress(const char *ip, unsigned short port, bool) override {
    const char *hang = std::getenv("TAPSIM_HANG");
    if (hang && std::strcmp(hang, "SetHostAddress") == 0)
      simkit::blockForever();
    std::snprintf(host_, sizeof host_, "%s:%u", ip ? ip : "", port);
    return 0;
  }
  int SetAPINotify(ITapTradeAPINotify *spi) override {
    spi_ = spi;
    return 0;
  }
  int Login(const TapAPITradeLoginAuth *auth) override {
    if (!spi_ || !auth) return -1;
    if (!oneOf(auth->ISModifyPassword, kYN)) return kBadYN;
    TapAPITradeLoginRspInfo info{};
    put(info.UserNo, auth->UserNo);
    put(info.UserName, auth->UserNo);
    put(info.TradeDate, "2026-12-02");
    int code = auth->Password[0] ? 0 : kBadPassword;
    if (code == 0) put(user_, auth->UserNo);
    std::string host = host_;
    pump_.post([this, host] { spi_->OnConnect(host.c_str()); });
    pump_.post([this, code, info] { spi_->OnRspLogin(code, &info); });
    if (code == 0) pump_.post([this] {
        ready_ = true;
        spi_->OnAPIReady(0);
      });
    return 0;
  }
  int Disconnect() override {
    ready_ = false;
    pump_.post([this] { spi_->OnDisconnect(0); });
    return 0;
  }
  int QryContract(unsigned int *sid, const TapAPICommodity *req) override {
    if (!ready_) return kNotLoggedIn;
    *sid = ++session_;
    std::string exchange = req ? req->ExchangeNo : "", commodity = req ? req->CommodityNo : "";
    unsigned id = *sid;
    pump_.post([this, id, exchange, commodity] {
      std::vector<TapAPITradeContractInfo> rows;
      for (const auto &c : kContracts) {
        if (!exchange.empty() && exchange != c.exchange) continue;
        if (!commodity.empty() && commodity != c.commodity) continue;
        TapAPITradeContractInfo r{};
        put(r.ExchangeNo, c.exchange);
        r.CommodityType = c.type;
        put(r.CommodityNo, c.commodity);
        put(r.ContractNo1, c.contract);
        put(r.StrikePrice1, c.strike);
        r.CallOrPutFlag1 = c.right;
        put(r.QuoteUnderlyingContract, c.underlying);
        r.ContractType = '1';
        put(r.ContractName, c.name);
        put(r.ContractExpDate, "20261228");
        put(r.LastTradeDate, "20261228");
        r.ContractSize = c.size;
        rows.push_back(r);
      }
      if (rows.empty()) spi_->OnRspQryContract(id, 0, 'Y', nullptr);
      for (size_t i = 0; i < rows.size(); i++)
        spi_->OnRspQryContract(id, 0, i + 1 == rows.size() ? 'Y' : 'N', &rows[i]);
    });
    return 0;
  }
  int QryCommodity(unsigned int *sid) override {
    if (!ready_) return kNotLoggedIn;
    *sid = ++session_;
    unsigned id = *sid;
    pump_.post([this, id] {
      std::vector<TapAPICommodityInfo> rows;
      std::string seen;
      for (const auto &c : kContracts) {
        // One row per commodity (an option commodity lists several contracts).
        std::string k = std::string("|") + c.exchange + c.type + c.commodity + "|";
        if (seen.find(k) != std::string::npos) continue;
        seen += k;
        TapAPICommodityInfo r{};
        put(r.ExchangeNo, c.exchange);
        r.CommodityType = c.type;
        put(r.CommodityNo, c.commodity);
        put(r.CommodityName, toGbk(c.commodityName).c_str());
        put(r.CommodityEngName, c.commodityName);
        put(r.TradeCurrency, c.currency);
        put(r.CurrencyGroupNo, c.currency);
        r.ContractSize = c.size;
        r.CommodityTickSize = c.tick;
        r.CommodityDenominator = 1;
        r.IsAddOne = 'N';
        // TAPIOptionType: 'A' American (COMEX gold options are), 'E' European; futures leave it empty.
        r.OptionType = c.type == 'O' ? 'A' : 0;
        rows.push_back(r);
      }
      for (size_t i = 0; i < rows.size(); i++)
        spi_->OnRspQryCommodity(id, 0, i + 1 == rows.size() ? 'Y' : 'N', &rows[i]);
    });
    return 0;
  }
  // Every order of the day in its latest state, and every fill: what a gateway reconciles from.
  // OrderQryType 'U' leaves the finished ones out.
  int QryOrder(unsigned int *sid, const TapAPIOrderQryReq *req) override {
    if (!req) return -10000;
    if (!oneOf(req->OrderQryType, "AU")) return kBadOrderQryType;
    if (!ready_) return kNotLoggedIn;
    *sid = ++session_;
    unsigned id = *sid;
    const bool unfinished = req->OrderQryType == 'U';
    pump_.post([this, id, unfinished] {
      std::vector<TapAPIOrderInfo> rows;
      {
        std::lock_guard<std::mutex> g(m_);
        for (const auto &no : orderSeq_)
          if (!unfinished || !finishedState(orders_[no].OrderState)) rows.push_back(orders_[no]);
      }
      if (rows.empty()) spi_->OnRspQryOrder(id, 0, 'Y', nullptr);
      for (size_t i = 0; i < rows.size(); i++)
        spi_->OnRspQryOrder(id, 0, i + 1 == rows.size() ? 'Y' : 'N', &rows[i]);
    });
    return 0;
  }
  int QryFill(unsigned int *sid, const TapAPIFillQryReq *) override {
    if (!ready_) return kNotLoggedIn;
    *sid = ++session_;
    unsigned id = *sid;
    pump_.post([this, id] {
      std::vector<TapAPIFillInfo> rows;
      {
        std::lock_guard<std::mutex> g(m_);
        rows = fills_;
      }
      if (rows.empty()) spi_->OnRspQryFill(id, 0, 'Y', nullptr);
      for (size_t i = 0; i < rows.size(); i++)
        spi_->OnRspQryFill(id, 0, i + 1 == rows.size() ? 'Y' : 'N', &rows[i]);
    });
    return 0;
  }
  int QryFund(unsigned int *sid, const TapAPIFundReq *) override {
    if (!ready_) return kNotLoggedIn;
    *sid = ++session_;
    unsigned id = *sid;
    pump_.post([this, id] {
      // Never call into the gateway holding m_: its callback may wait for the host's thread, which may be in
      // InsertOrder waiting for m_ (the trade API hung in InsertOrder under the fuzz test's fills).
      std::unique_lock<std::mutex> g(m_);
      TapAPIFundData f{};
      put(f.AccountNo, user_);
      put(f.CurrencyNo, "USD");
      put(f.CurrencyGroupNo, "USD");
      f.PreBalance = 1000000;
      f.Balance = f.Equity = 1000000 + closeProfit_;
      f.CloseProfit = closeProfit_;
      f.AccountFee = fees_;
      f.Balance -= fees_;
      f.Equity -= fees_;
      f.Available = f.CanDraw = f.Balance;
      g.unlock();
      spi_->OnRspQryFund(id, 0, 'Y', &f);
    });
    return 0;
  }
  int QryPosition(unsigned int *sid, const TapAPIPositionQryReq *) override {
    if (!ready_) return kNotLoggedIn;
    *sid = ++session_;
    unsigned id = *sid;
    pump_.post([this, id] {
      std::vector<TapAPIPositionInfo> rows;
      {
        std::lock_guard<std::mutex> g(m_);
        for (const auto &c : kContracts) {
          auto it = net_.find(positionKey(c.commodity, c.contract, c.strike, c.right));
          if (it == net_.end() || it->second == 0) continue;
          TapAPIPositionInfo p{};
          put(p.AccountNo, user_);
          put(p.ExchangeNo, c.exchange);
          p.CommodityType = c.type;
          put(p.CommodityNo, c.commodity);
          put(p.ContractNo, c.contract);
          put(p.StrikePrice, c.strike);
          p.CallOrPutFlag = c.right;
          p.MatchSide = it->second > 0 ? 'B' : 'S';
          p.PositionQty = it->second > 0 ? it->second : -it->second;
          p.PositionPrice = c.reference;
          put(p.CommodityCurrency, c.currency);
          rows.push_back(p);
        }
      }
      if (rows.empty()) spi_->OnRspQryPosition(id, 0, 'Y', nullptr);
      for (size_t i = 0; i < rows.size(); i++)
        spi_->OnRspQryPosition(id, 0, i + 1 == rows.size() ? 'Y' : 'N', &rows[i]);
    });
    return 0;
  }
  int InsertOrder(unsigned int *sid, char (*clientOrderNo)[51], const TapAPINewOrder *o) override {
    if (!o) return -10000;
    if (int bad = checkNewOrder(*o)) return bad;
    if (!ready_) return kNotLoggedIn;
    *sid = ++session_;
    unsigned id = *sid;
    TapAPIOrderInfo info{};
    std::memcpy(info.AccountNo, o->AccountNo, sizeof info.AccountNo);
    put(info.ExchangeNo, o->ExchangeNo);
    info.CommodityType = o->CommodityType;
    put(info.CommodityNo, o->CommodityNo);
    put(info.ContractNo, o->ContractNo);
    put(info.StrikePrice, o->StrikePrice);
    info.CallOrPutFlag = rightOf(o->CallOrPutFlag);
    info.OrderType = o->OrderType;
    info.TimeInForce = o->TimeInForce;
    info.OrderSide = o->OrderSide;
    info.PositionEffect = o->PositionEffect;
    info.OrderPrice = o->OrderPrice;
    info.StopPrice = o->StopPrice;
    info.OrderQty = o->OrderQty;
    info.RefInt = o->RefInt;
    put(info.RefString, o->RefString);
    info.ServerFlag = 'C';
    std::snprintf(info.OrderNo, sizeof info.OrderNo, "OA%08u", id);
    std::snprintf(info.ClientOrderNo, sizeof info.ClientOrderNo, "C%08u", id);
    if (clientOrderNo) put(*clientOrderNo, info.ClientOrderNo);
    put(info.OrderInsertTime, nowText().c_str());
    put(info.OrderUpdateTime, info.OrderInsertTime);
    const SimContract *c = findContract(o->ExchangeNo, o->CommodityNo, o->ContractNo, o->StrikePrice, o->CallOrPutFlag);
    int code = 0;
    if (!c) {
      code = kNoContract;
      info.OrderState = kFail;
      info.ErrorCode = kNoContract;
      put(info.ErrorText, "no such contract");
    } else {
      info.OrderState = kQueued;
    }
    bool fills = false;
    if (c && !std::getenv("TAPSIM_NO_AUTOFILL")) {
      const bool buy = o->OrderSide == 'B';
      fills = o->OrderType == '1' || (buy ? o->OrderPrice >= c->reference : o->OrderPrice <= c->reference);
    }
    {
      std::lock_guard<std::mutex> g(controlMutex());
      if (c && control().rejectCode) {
        code = control().rejectCode;
        info.OrderState = kFail;
        info.ErrorCode = code;
        put(info.ErrorText, control().rejectText.c_str());
        control().rejectCode = 0;
        fills = false;
      }
    }
    {
      std::lock_guard<std::mutex> g(m_);
      record(info);
    }
    pump_.post([this, id, code, info, fills, c]() mutable {
      TapAPIOrderActionRsp rsp{};
      rsp.ActionType = '1';
      rsp.OrderInfo = reinterpret_cast<unsigned long long>(&info);
      spi_->OnRspOrderAction(id, code, &rsp);
      TapAPIOrderInfoNotice n{};
      n.SessionID = id;
      n.ErrorCode = code;
      n.OrderInfo = reinterpret_cast<unsigned long long>(&info);
      spi_->OnRtnOrder(&n);
      if (code != 0) return;
      if (!fills) {
        std::lock_guard<std::mutex> g(m_);
        resting_[info.OrderNo] = info;
        return;
      }
      emitFill(info, c->reference, info.OrderQty, id);
    });
    return 0;
  }
  int CancelOrder(unsigned int *sid, const TapAPIOrderCancelReq *req) override {
    if (!ready_) return kNotLoggedIn;
    *sid = ++session_;
    unsigned id = *sid;
    std::string orderNo = req ? req->OrderNo : "";
    pump_.post([this, id, orderNo] {
      TapAPIOrderInfo info{};
      bool found = false;
      {
        std::lock_guard<std::mutex> g(m_);
        auto it = resting_.find(orderNo);
        if (it != resting_.end()) {
          info = it->second;
          resting_.erase(it);
          found = true;
        }
      }
      TapAPIOrderActionRsp rsp{};
      rsp.ActionType = '3';
      if (!found) {
        put(info.OrderNo, orderNo.c_str());
        spi_->OnRspOrderAction(id, kOrderNotFound, &rsp);
        return;
      }
      info.OrderState = kCanceled;
      {
        std::lock_guard<std::mutex> g(m_);
        record(info);
      }
      rsp.OrderInfo = reinterpret_cast<unsigned long long>(&info);
      spi_->OnRspOrderAction(id, 0, &rsp);
      TapAPIOrderInfoNotice n{};
      n.SessionID = id;
      n.OrderInfo = reinterpret_cast<unsigned long long>(&info);
      spi_->OnRtnOrder(&n);
    });
    return 0;
  }
  int QryAccount(unsigned int *, const void *) override { return -1; }

  // The order's latest state on the counter (under m_).
  void record(const TapAPIOrderInfo &info) {
    if (!orders_.count(info.OrderNo)) orderSeq_.push_back(info.OrderNo);
    orders_[info.OrderNo] = info;
  }

  // On the pump thread: a fill of qty at price, then the order's new state (partly or fully filled).
  void emitFill(TapAPIOrderInfo &info, double price, unsigned qty, unsigned sid) {
    TapAPIFillInfo f{};
    std::memcpy(f.AccountNo, info.AccountNo, sizeof f.AccountNo);
    put(f.ExchangeNo, info.ExchangeNo);
    f.CommodityType = info.CommodityType;
    put(f.CommodityNo, info.CommodityNo);
    put(f.ContractNo, info.ContractNo);
    put(f.StrikePrice, info.StrikePrice);
    f.CallOrPutFlag = info.CallOrPutFlag;
    f.MatchSide = info.OrderSide;
    f.PositionEffect = info.PositionEffect;
    f.ServerFlag = 'C';
    put(f.OrderNo, info.OrderNo);
    {
      std::lock_guard<std::mutex> g(m_);
      std::snprintf(f.MatchNo, sizeof f.MatchNo, "M%08u", ++fillSeq_);
      auto &net = net_[positionKey(info.CommodityNo, info.ContractNo, info.StrikePrice, info.CallOrPutFlag)];
      net += info.OrderSide == 'B' ? int(qty) : -int(qty);
      fees_ += 2.0 * qty;
    }
    put(f.MatchDateTime, nowText().c_str());
    f.MatchPrice = price;
    f.MatchQty = qty;
    put(f.FeeCurrency, "USD");
    f.FeeValue = 2.0 * qty;
    info.OrderMatchPrice = price;
    info.OrderMatchQty += qty;
    info.OrderState = info.OrderMatchQty >= info.OrderQty ? kFinished : '5';
    put(info.OrderUpdateTime, f.MatchDateTime);
    {
      std::lock_guard<std::mutex> g(m_);
      fills_.push_back(f);
      record(info);
    }
    quoteTraded(findContract(info.ExchangeNo, info.CommodityNo, info.ContractNo, info.StrikePrice,
                             info.CallOrPutFlag),
                price, qty);
    // A counter whose link is down still trades; the gateway learns of it from QryOrder/QryFill.
    if (!ready_) return;
    spi_->OnRtnFill(&f);
    TapAPIOrderInfoNotice n{};
    n.SessionID = sid;
    n.OrderInfo = reinterpret_cast<unsigned long long>(&info);
    spi_->OnRtnOrder(&n);
  }

  // Control: a counterparty on `side`'s other side trades up to volume at price against resting orders of
  // `side` that reach it, oldest first.
  void fillResting(char side, double price, unsigned volume) {
    pump_.post([this, side, price, volume]() mutable {
      std::vector<std::pair<TapAPIOrderInfo, unsigned>> hit;  // the order before the fill, the quantity
      {
        std::lock_guard<std::mutex> g(m_);
        for (auto it = resting_.begin(); it != resting_.end() && volume > 0;) {
          TapAPIOrderInfo &o = it->second;
          bool reaches = side == 'B' ? o.OrderPrice >= price - 1e-9 : o.OrderPrice <= price + 1e-9;
          if (o.OrderSide != side || !reaches) {
            ++it;
            continue;
          }
          unsigned q = std::min(volume, o.OrderQty - o.OrderMatchQty);
          volume -= q;
          hit.emplace_back(o, q);
          o.OrderMatchQty += q;
          if (o.OrderMatchQty >= o.OrderQty) it = resting_.erase(it);
          else ++it;
        }
      }
      for (auto &h : hit) emitFill(h.first, price, h.second, 0);
    });
  }

  void drop() {
    ready_ = false;
    pump_.post([this] { spi_->OnDisconnect(1); });
  }

 private:
  ITapTradeAPINotify *spi_ = nullptr;
  char host_[64] = "";
  char user_[21] = "";
  std::atomic<bool> ready_{false};
  std::atomic<unsigned> session_{0};
  std::mutex m_;
  std::map<std::string, TapAPIOrderInfo> resting_;
  std::map<std::string, TapAPIOrderInfo> orders_;
  std::vector<std::string> orderSeq_;
  std::vector<TapAPIFillInfo> fills_;
  std::map<std::string, int> net_;
  unsigned fillSeq_ = 0;
  double closeProfit_ = 0, fees_ = 0;
  Pump pump_;
};
// An option's underlying future (its `underlying` is that future's commodity + contract).
const SimContract *underlyingOf(const SimContract &option) {
  for (const auto &c : kContracts)
    if (c.type == 'F' && std::string(c.commodity) + c.contract == option.underlying) return &c;
  return nullptr;
}
// A quote's key: the contract, and an option's right and strike (the strikes of one expiry stay apart).
std::string quoteKey(const SimContract &c) { return positionKey(c.commodity, c.contract, c.strike, c.right); }

// The quote API: five levels a tick apart around the contract's last price (its reference until a fill).
class SimQuote : public ITapQuoteAPI {
 public:
  SimQuote() {
    pump_.start();
    std::lock_guard<std::mutex> g(controlMutex());
    quotes().push_back(this);
  }
  ~SimQuote() {
    {
      std::lock_guard<std::mutex> g(controlMutex());
      auto &v = quotes();
      for (auto it = v.begin(); it != v.end(); ++it)
        if (*it == this) {
          v.erase(it);
          break;
        }
    }
    pump_.stop();  // before the state the queued calls use goes away
  }
  int SetAPINotify(ITapQuoteAPINotify *spi) override {
    spi_ = spi;
    return 0;
  }
  // $TAPSIM_HANG=SetHostAddress: the call never returns (a vendor library stuck on its front).
  int SetHostAddress(const char *, unsigned short) override {
    const char *hang = std::getenv("TAPSIM_HANG");
    if (hang && std::strcmp(hang, "SetHostAddress") == 0)
      simkit::blockForever();
    return 0;
  }
  int Login(const TapAPIQuoteLoginAuth *auth) override {
    if (!spi_ || !auth) return -1;
    if (!oneOf(auth->ISModifyPassword, kYN) || !oneOf(auth->ISDDA, kYN)) return kBadYN;
    TapAPIQuotLoginRspInfo info{};
    put(info.UserNo, auth->UserNo);
    put(info.TradeDate, nowText().substr(0, 10).c_str());
    int code = auth->Password[0] ? 0 : kBadPassword;
    pump_.post([this, code, info] { spi_->OnRspLogin(code, &info); });
    if (code == 0) pump_.post([this] {
        ready_ = true;
        spi_->OnAPIReady();
      });
    return 0;
  }
  int Disconnect() override {
    ready_ = false;
    pump_.post([this] { spi_->OnDisconnect(0); });
    return 0;
  }
  int QryCommodity(unsigned int *) override { return -1; }
  int QryContract(unsigned int *, const void *) override { return -1; }
  int SubscribeQuote(unsigned int *sid, const TapAPIContract *c) override {
    if (!ready_) return kNotLoggedIn;
    if (!c) return -1;
    *sid = ++session_;
    unsigned id = *sid;
    const SimContract *sc = findContract(c->ExchangeNo, c->CommodityNo, c->ContractNo1, c->StrikePrice1,
                                         c->CallOrPutFlag1);
    pump_.post([this, id, sc] {
      if (!sc) {
        spi_->OnRspSubscribeQuote(id, kNoContract, 'Y', nullptr);
        return;
      }
      TapAPIQuoteWhole q = whole(*sc);
      {
        std::lock_guard<std::mutex> g(m_);
        subscribed_.insert(quoteKey(*sc));
      }
      spi_->OnRspSubscribeQuote(id, 0, 'Y', &q);
    });
    return 0;
  }
  int UnSubscribeQuote(unsigned int *sid, const TapAPIContract *c) override {
    if (!ready_) return kNotLoggedIn;
    if (!c) return -1;
    *sid = ++session_;
    std::lock_guard<std::mutex> g(m_);
    if (const SimContract *sc = findContract(c->ExchangeNo, c->CommodityNo, c->ContractNo1, c->StrikePrice1,
                                             c->CallOrPutFlag1))
      subscribed_.erase(quoteKey(*sc));
    return 0;
  }

  // A fill moved the last price: subscribers get the new quote.
  void traded(const SimContract *sc, double price, unsigned qty) {
    if (!sc) return;
    bool push;
    {
      std::lock_guard<std::mutex> g(m_);
      auto &st = state_[quoteKey(*sc)];
      st.last = price;
      st.volume += qty;
      push = ready_ && subscribed_.count(quoteKey(*sc)) > 0;
    }
    if (!push) return;
    pump_.post([this, sc] {
      if (!ready_) return;
      TapAPIQuoteWhole q = whole(*sc);
      spi_->OnRtnQuote(&q);
    });
  }

  void drop() {
    ready_ = false;
    pump_.post([this] { spi_->OnDisconnect(1); });
  }

  // Benchmarks: n quotes of the first subscribed contract from the library's thread, numbered in QTotalQty.
  void burst(long n) {
    pump_.post([this, n] {
      const SimContract *sc = nullptr;
      {
        std::lock_guard<std::mutex> g(m_);
        for (const auto &c : kContracts)
          if (subscribed_.count(quoteKey(c))) {
            sc = &c;
            break;
          }
      }
      if (!sc || !ready_) return;
      TapAPIQuoteWhole q = whole(*sc);
      for (long i = 1; i <= n; i++) {
        q.QTotalQty = static_cast<unsigned long long>(i);
        spi_->OnRtnQuote(&q);
      }
    });
  }

 private:
  struct State {
    double last = 0;
    unsigned long long volume = 0;
  };
  TapAPIQuoteWhole whole(const SimContract &c) {
    State st;
    {
      std::lock_guard<std::mutex> g(m_);
      st = state_[quoteKey(c)];
    }
    double last = st.last > 0 ? st.last : c.reference;
    TapAPIQuoteWhole q{};
    put(q.ExchangeNo, c.exchange);
    q.CommodityType = c.type;
    put(q.CommodityNo, c.commodity);
    put(q.ContractNo1, c.contract);
    put(q.StrikePrice1, c.strike);
    q.CallOrPutFlag1 = c.right;
    q.CallOrPutFlag2 = 'N';
    if (const SimContract *u = c.type == 'O' ? underlyingOf(c) : nullptr) {
      put(q.UnderlyExchangeNo, u->exchange);
      q.UnderlyCommodityType = u->type;
      put(q.UnderlyCommodityNo, u->commodity);
      put(q.UnderlyContractNo1, u->contract);
      q.UnderlyCallOrPutFlag1 = q.UnderlyCallOrPutFlag2 = 'N';
    }
    put(q.CurrencyNo, c.currency);
    q.TradingState = '3';
    put(q.DateTimeStamp, (nowText() + ".000").c_str());
    q.QPreClosingPrice = q.QPreSettlePrice = c.reference;
    q.QOpeningPrice = c.reference;
    q.QLastPrice = last;
    q.QHighPrice = last > c.reference ? last : c.reference;
    q.QLowPrice = last < c.reference ? last : c.reference;
    q.QLimitUpPrice = c.reference * 1.1;
    q.QLimitDownPrice = c.reference * 0.9;
    q.QTotalQty = st.volume;
    q.QPositionQty = 1000;
    q.QLastQty = 1;
    double bid[5], ask[5];
    unsigned long long bidQty[5], askQty[5];
    for (int i = 0; i < 5; i++) {
      bid[i] = last - c.tick * (i + 1);
      ask[i] = last + c.tick * (i + 1);
      bidQty[i] = askQty[i] = 10 + i;
    }
    q.QBidPrice0 = bid[0], q.QBidPrice1 = bid[1], q.QBidPrice2 = bid[2], q.QBidPrice3 = bid[3],
    q.QBidPrice4 = bid[4];
    q.QAskPrice0 = ask[0], q.QAskPrice1 = ask[1], q.QAskPrice2 = ask[2], q.QAskPrice3 = ask[3],
    q.QAskPrice4 = ask[4];
    q.QBidQty0 = bidQty[0], q.QBidQty1 = bidQty[1], q.QBidQty2 = bidQty[2], q.QBidQty3 = bidQty[3],
    q.QBidQty4 = bidQty[4];
    q.QAskQty0 = askQty[0], q.QAskQty1 = askQty[1], q.QAskQty2 = askQty[2], q.QAskQty3 = askQty[3],
    q.QAskQty4 = askQty[4];
    return q;
  }
  ITapQuoteAPINotify *spi_ = nullptr;
  std::atomic<bool> ready_{false};
  std::atomic<unsigned> session_{0};
  std::mutex m_;
  std::set<std::string> subscribed_;
  std::map<std::string, State> state_;
  Pump pump_;
};

void quoteTraded(const SimContract *c, double price, unsigned qty) {
  std::vector<SimQuote *> all;
  {
    std::lock_guard<std::mutex> g(controlMutex());
    all = quotes();
  }
  for (auto *q : all) q->traded(c, price, qty);
}

// An application info without an authorization code is refused, as the vendor does.
template <class Info>
bool authorised(const Info *info) {
  return info && info->AuthCode[0] != 0;
}

// Control commands: "reject_next CODE TEXT" (the next order fails with that code and text), "fill B|S PRICE
// QTY" (a counterparty trades against resting buys or sells that reach PRICE), "disconnect" (OnDisconnect on
// both APIs; calls refused until the next Login), "burst N" (N quotes, for benchmarks), "reset".
int runControl(const std::string &command) {
  std::istringstream in(command);
  std::string op;
  in >> op;
  std::lock_guard<std::mutex> g(controlMutex());
  if (op == "reset") {
    control() = Control{};
  } else if (op == "reject_next") {
    in >> control().rejectCode;
    std::getline(in, control().rejectText);
    size_t b = control().rejectText.find_first_not_of(' ');
    control().rejectText = toGbk(b == std::string::npos ? "" : control().rejectText.substr(b));
  } else if (op == "fill") {
    std::string side;
    double price = 0;
    unsigned qty = 0;
    in >> side >> price >> qty;
    if ((side != "B" && side != "S") || qty == 0) return -1;
    for (auto *t : trades()) t->fillResting(side[0], price, qty);
  } else if (op == "burst") {
    long n = 0;
    in >> n;
    for (auto *q : quotes()) q->burst(n);
  } else if (op == "disconnect") {
    for (auto *t : trades()) t->drop();
    for (auto *q : quotes()) q->drop();
  } else {
    return -1;
  }
  return 0;
}

int controlCommand(const char *command) { return runControl(command); }

__attribute__((constructor)) void attachControl() {
  simkit::connectControl("TAPSIM_CONTROL", controlCommand);
}
}  // namespace

extern "C" {
// The benchmarks' floor (bench/raw-koffi.ts): n calls of cb from a thread of this library.
int tapsim_raw_burst(void (*cb)(int), int n) {
  std::thread([cb, n] {
    for (int i = 0; i < n; i++) cb(i);
  }).detach();
  return 0;
}
#if !TAPSIM_OMIT_TRADE_FACTORY
ITapTrade::ITapTradeAPI *CreateITapTradeAPI(const ITapTrade::TapAPIApplicationInfo *info, int &result) {
  if (!authorised(info)) {
    result = -1;  // any nonzero result: no object
    return nullptr;
  }
  result = 0;
  return new SimTrade();
}
#endif
void FreeITapTradeAPI(ITapTrade::ITapTradeAPI *api) { delete static_cast<SimTrade *>(api); }
const char *GetITapTradeAPIVersion() { return TAPSIM_VERSION_TEXT; }
const char *GetITapErrorDescribe(int code) { return code == 0 ? "success" : "tapsim error"; }

ITapQuoteAPI *CreateTapQuoteAPI(const ::TapAPIApplicationInfo *info, int &result) {
  if (!authorised(info)) {
    result = -1;
    return nullptr;
  }
  result = 0;
  return new SimQuote();
}
void FreeTapQuoteAPI(ITapQuoteAPI *api) { delete static_cast<SimQuote *>(api); }
const char *GetTapQuoteAPIVersion() { return TAPSIM_QUOTE_VERSION_TEXT; }
}
