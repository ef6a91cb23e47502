// What the simulated counters of the Ftdc SDKs (ctpsim.cpp for CTP and CTP Mini, femassim.cpp for FEMAS)
// share (TORA's torasim.cpp, a stock counter with CTP-shaped classes, uses the links, faults and control
// parts): instruments and the synthetic book, positions with today/yesterday volumes and how a fill opens or
// closes them, the query flow limit, the front link of an API object (its SPI, callback pump, connect and
// disconnect, query answers as rows), the margin and fee rates per product, the market data subscriptions
// and the control commands both accept.
// What is an SDK's own — its structs, field names, codes and request checks — stays in its simulator.
#pragma once
#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "simkit.h"

namespace ftdcsim {

struct Instrument {
  std::string id, exchange, product, name;
  int multiple;
  double tick, bid, ask;
};

struct Position {
  int yd = 0, td = 0;
  double cost = 0;  // sum of price * volume of what is held
};

// What a counter charges per product (plausible figures, not any broker's; CTP, CTP Mini and FEMAS alike):
// margin by money (a fraction of notional) and by volume (per lot), long and short; fees by money and by
// volume for open, close, close today.
struct Rates {
  double longMoney, longVolume, shortMoney, shortVolume;
  double open[2], close[2], closeToday[2];  // {by money, by volume}
};

inline const Rates *ratesOf(const std::string &product) {
  static const std::map<std::string, Rates> table = {
      {"rb", {0.07, 0, 0.08, 0, {0.0001, 0}, {0.0001, 0}, {0.0001, 0}}},
      {"sc", {0.1, 0, 0.1, 0, {0, 20}, {0, 20}, {0, 0}}},
      {"IF", {0.12, 0, 0.12, 0, {0.000023, 0}, {0.000023, 0}, {0.00023, 0}}},
      {"m", {0.08, 0, 0.08, 0, {0, 1.5}, {0, 1.5}, {0, 1.5}}},
      {"SR", {0, 800, 0, 800, {0, 3}, {0, 3}, {0, 0}}},
      {"si", {0.09, 0, 0.09, 0, {0.0001, 0}, {0.0001, 0}, {0, 0}}},
  };
  auto it = table.find(product);
  return it == table.end() ? nullptr : &it->second;
}

// Sets an SDK's six fee fields from a rate row: open, close and close today, each by money then by volume.
template <class Row>
void putFees(Row &f, const Rates &r, const std::array<double Row::*, 6> &fields) {
  const double v[6] = {r.open[0], r.open[1], r.close[0], r.close[1], r.closeToday[0], r.closeToday[1]};
  for (size_t k = 0; k < fields.size(); k++) f.*fields[k] = v[k];
}

// Misbehaviour switches (set by control commands; read without the counter lock, which a hung call must
// not hold: the control thread needs it).
struct Faults {
  std::atomic<bool> hangInit{false}, hangSubscribe{false}, hangRelease{false}, crashAtExit{false};
  void clear() { hangInit = hangSubscribe = hangRelease = crashAtExit = false; }
};

inline Faults &faults() {
  static Faults f;
  return f;
}

// SHFE and INE keep today's and yesterday's holdings apart.
inline bool splitsToday(const std::string &exchange) { return exchange == "SHFE" || exchange == "INE"; }

// The counter's state that does not depend on the SDK's structs. `longCode`/`shortCode` are the SDK's
// position direction codes, the second half of a position key (instrument + '|' + code).
template <class Trader, class Md>
struct CounterBase {
  std::recursive_mutex m;
  std::vector<Instrument> instruments;
  std::map<std::string, Position> positions;
  std::set<Trader *> traders;
  std::set<Md *> mds;
  int nextSysId = 1, nextTradeId = 1;
  double closeProfit = 0;
  bool down = false;
  int queryLimitMs = 0;
  std::chrono::steady_clock::time_point lastQuery{};
  int rejectId = 0, loginErrorId = 0, stepErrorId = 0;  // step: the check before login (auth, certification)
  std::string rejectMsg, loginErrorMsg, stepErrorMsg;
  int tickIntervalUs = 0;
  long long tickSeq = 0;
  const char longCode, shortCode;

  CounterBase(char longC, char shortC) : longCode(longC), shortCode(shortC) {}

  void resetBase(std::vector<Instrument> list) {
    instruments = std::move(list);
    positions.clear();
    closeProfit = 0;
    down = false;
    queryLimitMs = 0;
    rejectId = loginErrorId = stepErrorId = 0;
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

  // The position an order of this side and offset opens ('0') or closes.
  Position &positionFor(const std::string &sym, char offset, bool buy) {
    bool longSide = offset == '0' ? buy : !buy;
    return positions[sym + '|' + (longSide ? longCode : shortCode)];
  }

  // What a close of this offset ('1' close, '3' today, '4' yesterday) may take from the position.
  int closable(const std::string &sym, char offset, bool buy) {
    Instrument *ins = find(sym);
    Position &p = positionFor(sym, offset, buy);
    bool split = ins && splitsToday(ins->exchange);
    return offset == '3' ? p.td : offset == '4' ? p.yd : split ? p.yd : p.yd + p.td;
  }

  // Books a fill on the position it opens or closes (and the realised profit of a close).
  void book(const std::string &sym, char offset, bool buy, double price, int volume) {
    Instrument *ins = find(sym);
    int mult = ins ? ins->multiple : 1;
    Position &p = positionFor(sym, offset, buy);
    if (offset == '0') {
      p.td += volume;
      p.cost += price * volume;
      return;
    }
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
    closeProfit += (buy ? avg - price : price - avg) * volume * mult;
  }

  // Margin of what is held (10% of its value).
  double heldMargin() {
    double margin = 0;
    for (auto &kv : positions) {
      Instrument *i = find(kv.first.substr(0, kv.first.find('|')));
      if (i) margin += kv.second.cost * i->multiple * 0.1;
    }
    return margin;
  }
};

// The front link of one API object: its SPI, the thread its callbacks come from, its connection.
template <class Spi>
struct Link {
  Spi *spi = nullptr;
  simkit::Pump pump;
  bool connected = false, loggedIn = false;

  // Called with the counter lock held.
  void up() {
    connected = true;
    pump.post([this] { spi->OnFrontConnected(); });
  }
  void down() {
    connected = loggedIn = false;
    pump.post([this] { spi->OnFrontDisconnected(0x1001); });
  }

  // Init: the callback thread starts and the object joins the counter (connected unless the network is down).
  template <class Counter, class Self>
  void attach(Counter &c, std::set<Self *> &set, Self *self) {
    pump.start();
    std::lock_guard<std::recursive_mutex> g(c.m);
    set.insert(self);
    if (!c.down) up();
  }

  // Release: leaves the counter, stops the callback thread, frees the object.
  template <class Counter, class Self>
  static void release(Counter &c, std::set<Self *> &set, Self *self) {
    if (faults().hangRelease) simkit::blockForever();
    {
      std::lock_guard<std::recursive_mutex> g(c.m);
      set.erase(self);
    }
    self->pump.stop();
    delete self;
  }

  // A query of what the counter holds (orders, trades): needs a login and obeys the flow limit.
  template <class Counter, class T, class Info>
  int answer(Counter &c, const std::vector<T> &held, int id, void (Spi::*call)(T *, Info *, int, bool)) {
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (!loggedIn) return -1;
    if (int rc = c.admitQuery()) return rc;
    sendRows(held, id, call);
    return 0;
  }

  // An order insert refused: the response and the error push, as the real front sends both.
  template <class In, class Info>
  void rejectInsert(const In &in, int id, Info r) {
    pump.post([this, f = in, r, id]() mutable {
      spi->OnRspOrderInsert(&f, &r, id, true);
      spi->OnErrRtnOrderInsert(&f, &r);
    });
  }

  // A query answer: its rows in order, the last flagged; an empty answer is one call with no data.
  template <class T, class Info>
  void sendRows(std::vector<T> rows, int id, void (Spi::*call)(T *, Info *, int, bool)) {
    pump.post([this, rows, id, call]() mutable {
      if (rows.empty()) (spi->*call)(nullptr, nullptr, id, true);
      for (size_t i = 0; i < rows.size(); i++) (spi->*call)(&rows[i], nullptr, id, i + 1 == rows.size());
    });
  }
};

// Private flow: every logged-in trader session of the process sees every order and trade update.
template <class Trader, class Field, class Spi>
void broadcast(const std::set<Trader *> &traders, const Field &f, void (Spi::*call)(Field *)) {
  for (Trader *t : traders)
    if (t->loggedIn) t->pump.post([t, copy = f, call]() mutable { (t->spi->*call)(&copy); });
}

// A market data link: the subscriptions and the round robin of the periodic ticks.
template <class Spi>
struct MdLink : Link<Spi> {
  std::vector<std::string> subscribed;
  size_t rr = 0;

  void downMd() {
    subscribed.clear();
    this->down();
  }

  // Each symbol's answer, the last flagged; `answer(sym, last)` posts it, `snapshot(sym)` the first tick.
  // Called with the counter lock held (a hung subscription blocks before taking it).
  template <class Answer, class Snapshot>
  void subscribeAll(char *ids[], int n, Answer answer, Snapshot snapshot) {
    for (int k = 0; k < n; k++) {
      std::string sym = ids[k];
      answer(sym, k + 1 == n);
      bool known = false;
      for (auto &x : subscribed) known = known || x == sym;
      if (!known) subscribed.push_back(sym);
      // A snapshot right after subscribing, as the real front sends.
      snapshot(sym);
    }
  }

  // `count` ticks back to back on this API's thread, round-robin over the subscriptions (benchmarks). The
  // depth struct's few fields set here have the same names in every Ftdc SDK.
  template <class Field, class Counter>
  void burstOf(Counter &c, long count) {
    if (subscribed.empty()) return;
    std::vector<std::string> subs = subscribed;
    this->pump.post([this, &c, subs, count] {
      for (long k = 0; k < count; k++) {
        Field d{};
        {
          std::lock_guard<std::recursive_mutex> g(c.m);
          const std::string &sym = subs[k % subs.size()];
          Instrument *i = c.find(sym);
          simkit::put(d.TradingDay, "20250102");
          simkit::put(d.ActionDay, "20250102");
          simkit::put(d.InstrumentID, sym);
          simkit::put(d.UpdateTime, "09:30:00");
          d.Volume = static_cast<int>(++c.tickSeq);
          d.LastPrice = d.BidPrice1 = i ? i->bid : 1;
          d.AskPrice1 = i ? i->ask : 1;
        }
        this->spi->OnRtnDepthMarketData(&d);
      }
    });
  }

  // On the pump thread between queued calls: the next subscription's tick, at the counter's interval.
  template <class Counter, class Post>
  void periodic(Counter &c, Post postTick) {
    std::lock_guard<std::recursive_mutex> g(c.m);
    if (!this->loggedIn || subscribed.empty() || c.tickIntervalUs <= 0) return;
    this->pump.idleEvery = std::chrono::microseconds(c.tickIntervalUs);
    postTick(subscribed[rr++ % subscribed.size()]);
  }
};

// A counterparty trades `volume` at `price` against resting orders of direction `dir` that reach it, in
// time order; `remaining(o)` is an order's open volume, `fillOne(o, v)` books a fill of v on it.
template <class Order, class Remaining, class FillOne>
void fillResting(std::vector<Order> &orders, char dir, double price, int volume, Remaining remaining,
                 FillOne fillOne) {
  for (auto &o : orders) {
    if (volume <= 0) break;
    bool live = o.OrderStatus == '3' || o.OrderStatus == '1';
    bool reaches = dir == '0' ? o.LimitPrice >= price : o.LimitPrice <= price;
    if (!live || o.Direction != dir || !reaches) continue;
    int v = std::min(volume, remaining(o));
    fillOne(o, v);
    volume -= v;
  }
}

// One control command: its name and the rest of its words.
struct Command {
  std::istringstream in;
  std::string op;
  explicit Command(const char *text) : in(text ? text : "") { in >> op; }
  // The remaining text (a message), leading spaces dropped.
  std::string rest() {
    std::string s;
    std::getline(in, s);
    size_t b = s.find_first_not_of(' ');
    return b == std::string::npos ? std::string() : s.substr(b);
  }
};

// The commands of a counter made of front links (the Ftdc simulators' and TORA's): faults, link drops and
// restores, the tick pace and burst, the scripted reject and login error. The counter has `down`, `traders`
// and `mds` (objects with connected, up() and disconnect(); an md also burst(n)), `tickIntervalUs`,
// `rejectId`/`rejectMsg` and `loginErrorId`/`loginErrorMsg`.
// Returns 0, -1 for a malformed command, 1 for one that is not among these (the simulator's own).
template <class Counter>
int linkControl(Counter &c, Command &cmd) {
  auto &in = cmd.in;
  const std::string &op = cmd.op;
  if (op == "hang") {
    std::string what;
    in >> what;
    if (what == "init") faults().hangInit = true;
    else if (what == "subscribe") faults().hangSubscribe = true;
    else if (what == "release") faults().hangRelease = true;
    else return -1;
  } else if (op == "crash_at_exit") {
    faults().crashAtExit = true;
  } else if (op == "disconnect") {
    c.down = true;
    for (auto *t : c.traders) t->disconnect();
    for (auto *m : c.mds) m->disconnect();
  } else if (op == "restore") {
    c.down = false;
    for (auto *t : c.traders)
      if (!t->connected) t->up();
    for (auto *m : c.mds)
      if (!m->connected) m->up();
  } else if (op == "tick_interval_us") {
    in >> c.tickIntervalUs;
  } else if (op == "burst") {
    long n = 0;
    in >> n;
    for (auto *m : c.mds) m->burst(n);
  } else if (op == "reject_next" || op == "login_error") {
    int id = 0;
    in >> id;
    std::string msg = simkit::toGbk(cmd.rest());
    if (op == "reject_next") c.rejectId = id, c.rejectMsg = msg;
    else c.loginErrorId = id, c.loginErrorMsg = msg;
  } else {
    return 1;
  }
  return 0;
}

// The control commands every Ftdc simulator accepts (see ctpsim_control): linkControl's, and the query
// limit, positions, and the error of the step before login (`stepError` names its command).
// `fill(dir, price, volume)` trades against resting orders.
// Returns 0, -1 for a malformed command, 1 for one that is not shared (the simulator's own).
template <class Counter, class Fill>
int commonControl(Counter &c, Command &cmd, const char *stepError, Fill fill) {
  if (int rc = linkControl(c, cmd); rc != 1) return rc;
  auto &in = cmd.in;
  const std::string &op = cmd.op;
  if (op == "query_limit_ms") {
    in >> c.queryLimitMs;
  } else if (op == stepError) {
    in >> c.stepErrorId;
    c.stepErrorMsg = simkit::toGbk(cmd.rest());
  } else if (op == "fill") {
    std::string side;
    double price = 0;
    int volume = 0;
    in >> side >> price >> volume;
    fill(side == "L" ? '0' : '1', price, volume);
  } else if (op == "position") {
    std::string sym, side;
    int yd = 0, td = 0;
    double price = 0;
    in >> sym >> side >> yd >> td >> price;
    Position &p = c.positions[sym + '|' + (side == "L" ? c.longCode : c.shortCode)];
    p.yd = yd;
    p.td = td;
    p.cost = price * (yd + td);
  } else {
    return 1;
  }
  return 0;
}

// Benchmark baseline: calls `cb` n times from a new thread and returns at once (the caller must keep its
// event loop running: each call waits until JS has run it).
inline int rawBurst(void (*cb)(int), int n) {
  std::thread([cb, n] {
    for (int i = 0; i < n; i++) cb(i);
  }).detach();
  return 0;
}

// Exits with SIGSEGV when the process ends and `crash_at_exit` was set (after a clean Release), as some
// vendor libraries do; then connects the control socket named by $envVar.
inline void startControl(const char *envVar, int (*control)(const char *)) {
  std::atexit([] {
    if (faults().crashAtExit) std::raise(SIGSEGV);
  });
  simkit::connectControl(envVar, control);
}

}  // namespace ftdcsim
