import { AdminTabletsResponse } from "../../protocol";
import { adminApi } from "../api/adminApi";

/** Characters of a tablet id shown when its label is unknown. */
const SHORT_ID_LENGTH = 8;

/** Time a successful list stays cached before it is fetched again, in ms. */
const CACHE_MS = 60_000;

let cached: Promise<ReadonlyMap<string, string>> | undefined;
let cachedAt = 0;

/**
 * Loads the labels of the tablets in the signed-in user's scope from
 * `GET /api/admin/tablets`, reusing a successful response for `CACHE_MS`.
 * A failed request, including the rejection for a role without the right to
 * list tablets, yields an empty map, so the audit log shows short ids. The
 * next call then requests the list again.
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
      // Request again next time, because the failure may have been the network.
      cached = undefined;
      return new Map<string, string>();
    });
  return cached;
}

/**
 * Returns the label of tablet `id`, or the start of its id when the label is
 * unknown.
 */
export function tabletLabel(
  labels: ReadonlyMap<string, string>,
  id: string,
): string {
  return labels.get(id) ?? `${id.slice(0, SHORT_ID_LENGTH)}…`;
}
