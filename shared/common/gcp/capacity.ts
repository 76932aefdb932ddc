/**
 * The Google admin calls the lifecycle worker makes, behind a small interface:
 * - Cloud Run Admin API v2, services.patch: the elections service's minimum
 *   instances (https://cloud.google.com/run/docs/reference/rest/v2/projects.locations.services/patch)
 * - Cloud SQL Admin API v1, instances.patch: the instance's machine tier and
 *   availability (ZONAL, or REGIONAL with a standby in another zone), in one patch: one restart
 *   (https://cloud.google.com/sql/docs/postgres/admin-api/rest/v1/instances/patch)
 * Tests point the base URLs at a local stand-in and check the exact requests.
 */
export type DatabaseSize = { tier: string; availability: 'ZONAL' | 'REGIONAL' };

export type Capacity = {
  setMinInstances(count: number): Promise<void>;
  setDatabaseSize(size: DatabaseSize): Promise<void>;
};

export type CapacityTargets = {
  project: string;
  region: string;
  service: string;
  sqlInstance: string;
  runApi?: string;
  sqlApi?: string;
};

export function createCapacity(targets: CapacityTargets, accessToken: () => Promise<string>): Capacity {
  const runApi = targets.runApi ?? 'https://run.googleapis.com';
  const sqlApi = targets.sqlApi ?? 'https://sqladmin.googleapis.com';
  async function patch(url: string, body: unknown): Promise<void> {
    const res = await fetch(url, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok)
      throw new Error(`PATCH ${new URL(url).pathname} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  }
  return {
    setMinInstances: (count) =>
      patch(
        `${runApi}/v2/projects/${targets.project}/locations/${targets.region}/services/${targets.service}?updateMask=scaling.minInstanceCount`,
        { scaling: { minInstanceCount: count } },
      ),
    setDatabaseSize: ({ tier, availability }) =>
      patch(`${sqlApi}/v1/projects/${targets.project}/instances/${targets.sqlInstance}`, {
        settings: { tier, availabilityType: availability },
      }),
  };
}
