// Simulated TAP (Esunny iTap) library. It exports the extern "C" factories and version functions of the
// trade and quote APIs and objects whose vtables have the release's slot count (from the generated header).
// The trade API is a small counter: Login answers OnConnect, OnRspLogin and OnAPIReady on its own thread;
// QryContract, QryFund and QryPosition answer; InsertOrder gives OnRspOrderAction and OnRtnOrder and a
// deterministic fill (OnRtnFill); CancelOrder cancels a resting order. The quote API still answers -1.
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

// Out of line, so that the interfaces' vtables are emitted and exported as the vendor's are.
ITapTrade::ITapTradeAPI::ITapTradeAPI() {}
ITapQuoteAPI::ITapQuoteAPI() {}

namespace {
using namespace ITapTrade;

template <size_t N>
void put(char (&dst)[N], const char *src) {
  std::strncpy(dst, src, N - 1);
  dst[N - 1] = 0;
}

// A thread that runs notify calls in order, like the library's own callback thread.
class Pump {
 public:
  Pump() : thread_([this] { loop(); }) {}
  ~Pump() {
    {
      std::lock_guard<std::mutex> g(m_);
      running_ = false;
      cv_.notify_one();
    }
    thread_.join();
  }
  void post(std::function<void()> fn) {
    std::lock_guard<std::mutex> g(m_);
    q_.push_back(std::move(fn));
    cv_.notify_one();
  }

 private:
  void loop() {
    std::unique_lock<std::mutex> l(m_);
    while (running_) {
      if (q_.empty()) {
        cv_.wait(l);
        continue;
      }
      auto fn = std::move(q_.front());
      q_.pop_front();
      l.unlock();
      fn();
      l.lock();
    }
  }
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> q_;
  bool running_ = true;
  std::thread thread_;
};

// The simulated counter's contracts: each has a fixed reference price. A limit order that reaches it fills
// in full at that price (deterministic); one that does not rests until cancelled.
struct SimContract {
  const char *exchange, *commodity, *contract, *name, *currency;
  double size, reference;
};
const SimContract kContracts[] = {
    {"COMEX", "GC", "2612", "COMEX Gold 2612", "USD", 100, 2000.0},
    {"CME", "ES", "2612", "CME E-mini S&P 500 2612", "USD", 50, 5000.0},
};
const SimContract *findContract(const char *exchange, const char *commodity, const char *contract) {
  for (const auto &c : kContracts)
    if (!std::strcmp(c.exchange, exchange) && !std::strcmp(c.commodity, commodity) &&
        !std::strcmp(c.contract, contract))
      return &c;
  return nullptr;
}

// TAP's order states (TAPI_ORDER_STATE_*) and the error codes the sim answers.
const char kQueued = '4', kFinished = '6', kCanceled = '9', kFail = 'B';
const int kNotLoggedIn = -12;           // TAPIERROR_LOGIN-style: call before OnAPIReady
const int kBadPassword = 10001;         // login refused
const int kNoContract = 10002;          // unknown contract
const int kOrderNotFound = 10003;       // cancel of an unknown or finished order

class SimTrade : public ITapTradeAPI {
 public:
  // $TAPSIM_HANG=SetHostAddress: the call never returns (a vendor library stuck on its front).
  int SetHostAddress(const char *ip, unsigned short port, bool) override {
    const char *hang = std::getenv("TAPSIM_HANG");
    if (hang && std::strcmp(hang, "SetHostAddress") == 0)
      for (;;) pause();
    std::snprintf(host_, sizeof host_, "%s:%u", ip ? ip : "", port);
    return 0;
  }
  int SetAPINotify(ITapTradeAPINotify *spi) override {
    spi_ = spi;
    return 0;
  }
  int Login(const TapAPITradeLoginAuth *auth) override {
    if (!spi_ || !auth) return -1;
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
        r.CommodityType = 'F';
        put(r.CommodityNo, c.commodity);
        put(r.ContractNo1, c.contract);
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
  int QryFund(unsigned int *sid, const TapAPIFundReq *) override {
    if (!ready_) return kNotLoggedIn;
    *sid = ++session_;
    unsigned id = *sid;
    pump_.post([this, id] {
      std::lock_guard<std::mutex> g(m_);
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
          auto it = net_.find(c.contract + std::string(c.commodity));
          if (it == net_.end() || it->second == 0) continue;
          TapAPIPositionInfo p{};
          put(p.AccountNo, user_);
          put(p.ExchangeNo, c.exchange);
          p.CommodityType = 'F';
          put(p.CommodityNo, c.commodity);
          put(p.ContractNo, c.contract);
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
    if (!ready_) return kNotLoggedIn;
    *sid = ++session_;
    unsigned id = *sid;
    TapAPIOrderInfo info{};
    std::memcpy(info.AccountNo, o->AccountNo, sizeof info.AccountNo);
    put(info.ExchangeNo, o->ExchangeNo);
    info.CommodityType = o->CommodityType;
    put(info.CommodityNo, o->CommodityNo);
    put(info.ContractNo, o->ContractNo);
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
    put(info.OrderInsertTime, "2026-12-02 10:00:00");
    const SimContract *c = findContract(o->ExchangeNo, o->CommodityNo, o->ContractNo);
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
    if (c) {
      const bool buy = o->OrderSide == 'B';
      fills = o->OrderType == '1' || (buy ? o->OrderPrice >= c->reference : o->OrderPrice <= c->reference);
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
      TapAPIFillInfo f{};
      std::memcpy(f.AccountNo, info.AccountNo, sizeof f.AccountNo);
      put(f.ExchangeNo, info.ExchangeNo);
      f.CommodityType = info.CommodityType;
      put(f.CommodityNo, info.CommodityNo);
      put(f.ContractNo, info.ContractNo);
      f.MatchSide = info.OrderSide;
      f.PositionEffect = info.PositionEffect;
      f.ServerFlag = 'C';
      put(f.OrderNo, info.OrderNo);
      {
        std::lock_guard<std::mutex> g(m_);
        std::snprintf(f.MatchNo, sizeof f.MatchNo, "M%08u", ++fillSeq_);
        auto &net = net_[c->contract + std::string(c->commodity)];
        net += info.OrderSide == 'B' ? int(info.OrderQty) : -int(info.OrderQty);
        fees_ += 2.0 * info.OrderQty;
      }
      put(f.MatchDateTime, "2026-12-02 10:00:00");
      f.MatchPrice = c->reference;
      f.MatchQty = info.OrderQty;
      put(f.FeeCurrency, "USD");
      f.FeeValue = 2.0 * info.OrderQty;
      info.OrderState = kFinished;
      info.OrderMatchPrice = c->reference;
      info.OrderMatchQty = info.OrderQty;
      spi_->OnRtnFill(&f);
      n.OrderInfo = reinterpret_cast<unsigned long long>(&info);
      spi_->OnRtnOrder(&n);
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
  int QryOrder(unsigned int *, const void *) override { return -1; }
  int QryFill(unsigned int *, const void *) override { return -1; }

 private:
  ITapTradeAPINotify *spi_ = nullptr;
  char host_[64] = "";
  char user_[21] = "";
  std::atomic<bool> ready_{false};
  std::atomic<unsigned> session_{0};
  std::mutex m_;
  std::map<std::string, TapAPIOrderInfo> resting_;
  std::map<std::string, int> net_;
  unsigned fillSeq_ = 0;
  double closeProfit_ = 0, fees_ = 0;
  Pump pump_;  // last: its thread stops before the state above goes away
};
#define M(name) int name() override { return -1; }
class SimQuote : public ITapQuoteAPI {
 public:
  // $TAPSIM_HANG=SetHostAddress: the call never returns (a vendor library stuck on its front).
  int SetHostAddress() override {
    const char *hang = std::getenv("TAPSIM_HANG");
    if (hang && std::strcmp(hang, "SetHostAddress") == 0)
      for (;;) pause();
    return 0;
  }
  M(SetAPINotify) M(Login) M(Disconnect) M(QryCommodity) M(QryContract)
  M(SubscribeQuote) M(UnSubscribeQuote)
#undef M
};

// An application info without an authorization code is refused, as the vendor does.
bool authorised(const ITapTrade::TapAPIApplicationInfo *info) { return info && info->AuthCode[0] != 0; }
}  // namespace

extern "C" {
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

ITapQuoteAPI *CreateTapQuoteAPI(const ITapTrade::TapAPIApplicationInfo *info, int &result) {
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
