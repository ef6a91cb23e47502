// CTP Mini (SFIT's "mini" counter used by futures brokers) gateway. Mini keeps CTP's class names, factory
// symbols and calling pattern, so it is the CTP gateway with the Mini family of version tables
// (bindings/mini/versions.ts) and struct layout (bindings/mini/structs.ts): login without settlement
// confirmation, Init(bool), and the guard that refuses a CTP library given here (and a Mini library given
// to CTP) even though the symbol names are the same.
import type { SettingSchema } from '../../src/core/setting-schema.js';
import type { CtpFamilyName } from '../../bindings/ctp/family.js';
import { SUPPORTED_MINI_MD_VERSIONS, SUPPORTED_MINI_VERSIONS } from '../../bindings/mini/versions.js';
import { CtpGateway } from '../ctp/index.js';

export class MiniGateway extends CtpGateway {
  static override readonly defaultName = 'MINI';
  // VN Trader's MINI fields (username, password, brokerid, td_address, md_address, product_info, auth_code)
  // and CTP's library, flow and limit fields; only the library hints differ.
  static override readonly defaultSetting: SettingSchema = {
    ...CtpGateway.defaultSetting,
    td_library: {
      type: 'string',
      default: '',
      label: 'trader library',
      help: `path to your Mini SDK's libthosttraderapi.so (CTP Mini ${SUPPORTED_MINI_VERSIONS.join(', ')})`,
    },
    md_library: {
      type: 'string',
      default: '',
      label: 'market data library',
      help: `path to libthostmduserapi.so (CTP Mini ${SUPPORTED_MINI_MD_VERSIONS.join(', ')})`,
    },
  };
  protected override readonly family: CtpFamilyName = 'mini';
}
