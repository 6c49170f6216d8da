import type { StatusAdapter, StatusPlatform } from './adapter.ts';
import { atlassianStatuspage } from './adapters/atlassian-statuspage.ts';
import { incidentIo } from './adapters/incident-io.ts';

/** One adapter per status platform; a provider names its platform in the catalog. */
export const ADAPTERS: Partial<Record<StatusPlatform, StatusAdapter>> = {
  'atlassian-statuspage': atlassianStatuspage,
  'incident-io': incidentIo,
};
