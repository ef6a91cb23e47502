// Simulated TAP (Esunny iTap) library, first stage: the exported ABI only. It exports the extern "C"
// factories and version functions of the trade and quote APIs and objects whose vtables have the release's
// slot count (from the generated header), so the binding's load-time guard and factories run against it.
// Every API method answers TAPIERROR_API_NOTREADY-style -1: no counter behind it yet.
#include <cstdlib>
#include <cstring>
#include <unistd.h>

// Out of line, so that the interfaces' vtables are emitted and exported as the vendor's are.
ITapTrade::ITapTradeAPI::ITapTradeAPI() {}
ITapQuoteAPI::ITapQuoteAPI() {}

namespace {
class SimTrade : public ITapTrade::ITapTradeAPI {
#define M(name) int name() override { return -1; }
 public:
  // $TAPSIM_HANG=SetHostAddress: the call never returns (a vendor library stuck on its front).
  int SetHostAddress() override {
    const char *hang = std::getenv("TAPSIM_HANG");
    if (hang && std::strcmp(hang, "SetHostAddress") == 0)
      for (;;) pause();
    return 0;
  }
  M(SetAPINotify) M(Login) M(Disconnect) M(QryAccount) M(QryFund) M(QryContract)
  M(InsertOrder) M(CancelOrder) M(QryOrder) M(QryFill) M(QryPosition)
};
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
