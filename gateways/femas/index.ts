// FEMAS (飞马, USTP) futures gateway. The vendor libraries are the user's own (paths in the setting); they
// run in a native host process through the koffi binding in bindings/femas. Connection, the host's life,
// bounded calls and reconnect status are the CTP gateway's (gateways/ctp/index.ts); what is FEMAS's is the
// binding, the trading client (td.ts: certification, investor id, local order ids) and the mapping
// (parse.ts). The market data client is CTP's: FEMAS's md API has the same calls and depth field names.
import type { SettingSchema } from '../../src/core/setting-schema.js';
import type { Exchange } from '../../src/core/constant.js';
import { FemasSession } from '../../bindings/femas/session.js';
import { SUPPORTED_FEMAS_VERSIONS } from '../../bindings/femas/versions.js';
import { CtpGateway } from '../ctp/index.js';
import { CtpMdClient } from '../ctp/md.js';
import type { LinkOptions, NativeLink } from '../ctp/pushes.js';
import { FEMAS_EXCHANGES } from './parse.js';
import { FemasTdClient } from './td.js';

const { username, product_info, td_library, md_library, ...common } = CtpGateway.defaultSetting;

export class FemasGateway extends CtpGateway {
  static override readonly defaultName: string = 'FEMAS';
  // VN Trader's FEMAS fields (userid, password, brokerid, td_address, md_address, appid, auth_code), the
  // library paths and CTP's flow and limit fields.
  static override readonly defaultSetting: SettingSchema = {
    userid: { ...username!, label: '用户名 (user id)' },
    ...common,
    appid: { ...product_info!, label: '产品名称 (app id)' },
    td_library: {
      ...td_library!,
      help: `path to your FEMAS SDK's trader library (libUSTPtraderapi*.so; FEMAS ${SUPPORTED_FEMAS_VERSIONS.join(', ')})`,
    },
    md_library: {
      ...md_library!,
      help: "path to the FEMAS SDK's market data library (libUSTPmduserapi*.so)",
    },
  };
  static override readonly exchanges: readonly Exchange[] = FEMAS_EXCHANGES;

  protected override readonly settingNames = { user: 'userid', appid: 'appid' };
  protected override get sdk(): string {
    return 'FEMAS';
  }

  protected override openLink(o: LinkOptions): NativeLink {
    const session = new FemasSession(o.callbacks, o.limits);
    const td = new FemasTdClient(session, { ...o.credentials, queryIntervalMs: o.queryIntervalMs }, o.pushes);
    const { userid, password, brokerid } = o.credentials;
    const md = new CtpMdClient(session, { userid, password, brokerid }, td.contracts, o.pushes);
    const open = async () => {
      const opened = await session.open({
        traderLibrary: o.traderLibrary,
        mdLibrary: o.mdLibrary,
        flowDir: o.flowDir,
        tdFront: o.tdFront,
        mdFront: o.mdFront,
      });
      return (
        `FEMAS API "${opened.versionText}" loaded (binding for ${opened.version}); market data API ` +
        `"${opened.mdVersionText}" (binding for ${opened.mdVersion})`
      );
    };
    return { session, td, md, open };
  }
}
