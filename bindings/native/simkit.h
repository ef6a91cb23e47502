// Shared pieces of vnt's simulated vendor libraries (C++, built by the tests with g++): the control socket a
// test steers a library through, the callback thread ("pump") that delivers SPI calls in order as a vendor
// library's own thread does, GBK text and fixed-size char fields. Included by a simulator's source after
// the generated header (build.ts passes its folder with -I); the simulator connects its control function
// with simkit::connectControl from a constructor.
#pragma once
#include <iconv.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace simkit {

// What a vendor call that never returns looks like from the caller's side.
[[noreturn]] inline void blockForever() {
  for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
}

// ---- control socket: one line per command ("B cmd" backlog, "R" ready, then "C seq cmd" -> "seq rc") ------
inline bool readLine(int fd, std::string &buf, std::string &line) {
  for (;;) {
    size_t nl = buf.find('\n');
    if (nl != std::string::npos) {
      line = buf.substr(0, nl);
      buf.erase(0, nl + 1);
      return true;
    }
    char chunk[4096];
    ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) return false;
    buf.append(chunk, static_cast<size_t>(n));
  }
}

inline void writeAll(int fd, const std::string &s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::write(fd, s.data() + off, s.size() - off);
    if (n <= 0) return;
    off += static_cast<size_t>(n);
  }
}

/**
 * Connects to the test's control socket named by $envVar (bindings/native/sim-control.ts): the commands kept
 * so far are applied before this returns (so before the library's first call), later ones on a thread.
 */
inline void connectControl(const char *envVar, int (*control)(const char *)) {
  const char *path = std::getenv(envVar);
  if (!path || !*path) return;
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path, sizeof addr.sun_path - 1);
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
    std::fprintf(stderr, "simulated library: no control socket at %s\n", path);
    if (fd >= 0) ::close(fd);
    return;
  }
  writeAll(fd, "hello " + std::to_string(::getpid()) + "\n");
  std::string buf, line;
  while (readLine(fd, buf, line) && line != "R") {
    if (line.size() > 2 && line[0] == 'B') control(line.c_str() + 2);
  }
  std::thread([fd, buf, control]() mutable {
    std::string l;
    while (readLine(fd, buf, l)) {
      if (l.size() < 2 || l[0] != 'C') continue;
      size_t sp = l.find(' ', 2);
      std::string seq = l.substr(2, sp == std::string::npos ? std::string::npos : sp - 2);
      std::string cmd = sp == std::string::npos ? "" : l.substr(sp + 1);
      int rc = control(cmd.c_str());
      writeAll(fd, seq + " " + std::to_string(rc) + "\n");
    }
    ::close(fd);
  }).detach();
}

template <size_t N>
void put(char (&dst)[N], const std::string &s) {
  std::strncpy(dst, s.c_str(), N - 1);
  dst[N - 1] = 0;
}

inline std::string toGbk(const std::string &utf8) {
  iconv_t cd = iconv_open("GBK", "UTF-8");
  if (cd == (iconv_t)-1) return utf8;
  std::string out(utf8.size() * 2 + 4, '\0');
  char *in = const_cast<char *>(utf8.data());
  size_t inLeft = utf8.size(), outLeft = out.size();
  char *o = &out[0];
  iconv(cd, &in, &inLeft, &o, &outLeft);
  iconv_close(cd);
  out.resize(out.size() - outLeft);
  return out;
}

inline std::string nowTime() {
  time_t t = time(nullptr);
  struct tm tm;
  localtime_r(&t, &tm);
  char buf[16];
  strftime(buf, sizeof buf, "%H:%M:%S", &tm);
  return buf;
}

// A thread that runs SPI calls in order, like the library's callback thread.
class Pump {
 public:
  void start() {
    running_ = true;
    thread_ = std::thread([this] { loop(); });
  }
  void post(std::function<void()> fn) {
    std::lock_guard<std::mutex> g(m_);
    q_.push_back(std::move(fn));
    cv_.notify_one();
  }
  void stop() {
    {
      std::lock_guard<std::mutex> g(m_);
      running_ = false;
      cv_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
  }
  // Called on the pump thread between queued calls (market data generation).
  std::function<void()> idle;
  std::chrono::microseconds idleEvery{0};

 private:
  void loop() {
    std::unique_lock<std::mutex> l(m_);
    while (running_) {
      if (q_.empty()) {
        if (idle && idleEvery.count() > 0) {
          cv_.wait_for(l, idleEvery);
          if (q_.empty() && running_) {
            l.unlock();
            idle();
            l.lock();
          }
        } else {
          cv_.wait_for(l, std::chrono::milliseconds(20));
        }
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
  std::thread thread_;
  bool running_ = false;
};

}  // namespace simkit
