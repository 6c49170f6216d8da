/** One handler per message type; the type makes a missing or misnamed handler a compile error. */
import type { MessageType } from '../../protocol/messages.ts';
import type { Handler } from '../handler.ts';
import { clearHistory } from './clear-history.ts';
import { forgetProductHandler } from './forget-product.ts';
import { getCatalog } from './get-catalog.ts';
import { getDataStatus } from './get-data-status.ts';
import { getLevels } from './get-levels.ts';
import { getProblems } from './get-problems.ts';
import { getProviderNames } from './get-provider-names.ts';
import { getProviderView } from './get-provider-view.ts';
import { getStack } from './get-stack.ts';
import { getTabView } from './get-tab-view.ts';
import { pageReport } from './page-report.ts';
import { refreshDue } from './refresh-due.ts';
import { refreshNow } from './refresh-now.ts';
import { rollBackData } from './roll-back-data.ts';
import { setPinnedHandler } from './set-pinned.ts';
import { updateDataNow } from './update-data-now.ts';

export const HANDLERS: { readonly [T in MessageType]: Handler<T> } = {
  'page-report': pageReport,
  'get-tab-view': getTabView,
  'refresh-now': refreshNow,
  'refresh-due': refreshDue,
  'set-pinned': setPinnedHandler,
  'forget-product': forgetProductHandler,
  'get-stack': getStack,
  'get-levels': getLevels,
  'get-provider-view': getProviderView,
  'get-problems': getProblems,
  'clear-history': clearHistory,
  'get-data-status': getDataStatus,
  'update-data-now': updateDataNow,
  'roll-back-data': rollBackData,
  'get-catalog': getCatalog,
  'get-provider-names': getProviderNames,
};
