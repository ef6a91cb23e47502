// What the console asks of the hosted TAP session (hosted.ts) and what comes back; plain data across the
// native host's IPC channel.
export interface OpenRequest {
  tradeLibrary: string;
  quoteLibrary: string;
  /** Bundled dependencies to preload, in order (resolveTapFiles). */
  dependencies: string[];
  authCode: string;
  appId: string;
  tradeHost: string;
  tradePort: number;
}

export interface OpenResult {
  version: string;
  versionText: string;
  quoteVersion: string;
  quoteVersionText: string;
  /** SetHostAddress's TAP return code (0 = accepted). */
  hostResult: number;
}

export type TapOps = {
  open: { arg: OpenRequest; result: OpenResult };
  release: { arg: null; result: null };
};

export interface TapEvent {
  name: string;
}
