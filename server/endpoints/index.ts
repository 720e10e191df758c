import type { Endpoint } from '../http/endpoint';
import { artifactFileEndpoints } from './artifact-files';
import { artifactEndpoints } from './artifacts';
import { experimentEndpoints } from './experiments';
import { loggedModelEndpoints } from './logged-models';
import { metricEndpoints } from './metrics';
import { registryEndpoints } from './registry';
import { runEndpoints } from './runs';
import { runTableEndpoints } from './run-table';
import { serverInfoEndpoints } from './server-info';
import { sharedViewEndpoints } from './shared-views';

/** Every API operation Runboard serves; anything else under /api is ENDPOINT_NOT_FOUND. */
export const allEndpoints: Endpoint[] = [
  ...experimentEndpoints,
  ...runEndpoints,
  ...metricEndpoints,
  ...loggedModelEndpoints,
  ...registryEndpoints,
  ...artifactEndpoints,
  ...artifactFileEndpoints,
  ...serverInfoEndpoints,
  ...runTableEndpoints,
  ...sharedViewEndpoints,
] as Endpoint[];
