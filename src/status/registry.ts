import type { StatusAdapter } from './adapter.ts';
import type { StatusPlatform } from '../catalog/types.ts';
import { atlassianStatuspage } from './adapters/atlassian-statuspage.ts';
import { awsHealth } from './adapters/aws-health.ts';
import { azureStatus } from './adapters/azure-status.ts';
import { betterStack } from './adapters/better-stack.ts';
import { checkly } from './adapters/checkly.ts';
import { datadog } from './adapters/datadog.ts';
import { flashduty } from './adapters/flashduty.ts';
import { googleCloud } from './adapters/google-cloud.ts';
import { googleWorkspace } from './adapters/google-workspace.ts';
import { incidentIo } from './adapters/incident-io.ts';
import { instatus } from './adapters/instatus.ts';
import { rss } from './adapters/rss.ts';
import { rootly } from './adapters/rootly.ts';
import { cloudflareStatus } from './adapters/cloudflare-status.ts';

/** One adapter per status platform; a provider names its platform in the catalog. */
export const ADAPTERS: Record<StatusPlatform, StatusAdapter> = {
  'atlassian-statuspage': atlassianStatuspage,
  'incident-io': incidentIo,
  'better-stack': betterStack,
  instatus,
  'google-cloud': googleCloud,
  'google-workspace': googleWorkspace,
  'aws-health': awsHealth,
  'azure-status': azureStatus,
  checkly,
  flashduty,
  datadog,
  rss,
  rootly,
  'cloudflare-status': cloudflareStatus,
};
