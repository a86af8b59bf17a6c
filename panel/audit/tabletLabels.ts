import { AdminTabletsResponse } from "../../protocol";
import { adminApi } from "../api/adminApi";

/** Characters of a tablet id shown when its label is unknown. */
const SHORT_ID_LENGTH = 8;

/** How long the labels are reused before the list is fetched again, in ms. */
const CACHE_MS = 60_000;

let cached: Promise<ReadonlyMap<string, string>> | undefined;
let cachedAt = 0;

/**
 * Loads the labels of the tablets in the signed-in user's scope from
 * `GET /api/admin/tablets`, at most once a minute. A role without the right
 * to list tablets gets an empty map, so the audit log shows short ids.
 */
export function loadTabletLabels(): Promise<ReadonlyMap<string, string>> {
  if (cached !== undefined && Date.now() - cachedAt < CACHE_MS) {
    return cached;
  }
  cachedAt = Date.now();
  cached = adminApi
    .get("/api/admin/tablets", AdminTabletsResponse)
    .then(
      ({ tablets }) =>
        new Map(tablets.map((tablet) => [tablet.id, tablet.label])),
    )
    .catch(() => {
      // Ask again next time, because the failure may have been the network.
      cached = undefined;
      return new Map<string, string>();
    });
  return cached;
}

/** Returns the label of tablet `id`, or the start of its id when the label is unknown. */
export function tabletLabel(
  labels: ReadonlyMap<string, string>,
  id: string,
): string {
  return labels.get(id) ?? `${id.slice(0, SHORT_ID_LENGTH)}…`;
}
