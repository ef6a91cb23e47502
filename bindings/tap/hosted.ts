// The TAP session inside the native host process (bindings/native/host): loads and checks both libraries,
// creates the trade API with the authorization code and points it at the front. Runs in its own process so
// that a vendor call that never returns is bounded (the host is killed) instead of freezing the console.
import koffi from 'koffi';
import type { HostContext, HostedStart } from '../native/host/context.js';
import { stableString } from '../native/library.js';
import { VendorObject } from '../native/vtable.js';
import { loadTap, TapLibraryError } from './library.js';
import type { TapEvent, TapOps } from './protocol.js';
import { tradeStructs } from './structs.js';
import type { TradeMethod } from './versions.js';

// SetHostAddress(const char *IP, TAPIUINT16 port, bool bSSL) -> TAPIINT32.
const setHostProto = koffi.proto('int', ['void *', 'const char *', 'uint16_t', 'bool']);

export const start: HostedStart<TapOps, TapEvent, null> = (ctx: HostContext<TapEvent>) => {
  let trade: VendorObject<TradeMethod> | undefined;
  return {
    open(req) {
      if (trade) throw new Error('the TAP session is already open');
      ctx.step('loading the TAP libraries');
      const tap = loadTap({
        trade: req.tradeLibrary,
        quote: req.quoteLibrary,
        dependencies: req.dependencies,
      });
      ctx.step('CreateITapTradeAPI');
      const info = tradeStructs().ApplicationInfo.write({ AuthCode: req.authCode, APPID: req.appId });
      const created = tap.createTrade(info);
      if (created.api === 0n || created.result !== 0) {
        const text = tap.errorText(created.result);
        throw new TapLibraryError(
          `CreateITapTradeAPI refused the application [${created.result}]${text ? ` ${text}` : ''}: ` +
            'check the authorization code',
        );
      }
      trade = new VendorObject(created.api, tap.trade.api);
      ctx.step('ITapTradeAPI::SetHostAddress');
      const hostResult = Number(
        trade.call('SetHostAddress', setHostProto, stableString(req.tradeHost), req.tradePort, false),
      );
      return {
        version: tap.version,
        versionText: tap.versionText,
        quoteVersion: tap.quoteVersion,
        quoteVersionText: tap.quoteVersionText,
        hostResult,
      };
    },
    release() {
      trade = undefined;
      return null;
    },
  };
};
