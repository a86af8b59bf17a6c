import argon2 from "argon2";
import { afterAll, beforeAll, bench, describe } from "vitest";
import { startTestHub, type TestHub } from "../support/startTestHub";
import { STANDARD_PIN_COST } from "../../hub/security/pinHasher";

/**
 * Online sign-in at the hub's standard argon2 cost, beside a bare argon2id
 * verify with the same parameters in the same run. The target is a ratio of
 * at most 1.2.
 */
let hub: TestHub;
let hash: string;
let attempt = 0;

beforeAll(async () => {
  hub = await startTestHub({ env: { STOREFLOOR_ARGON2_COST: "standard" } });
  hash = await argon2.hash("482619", { type: argon2.argon2id, ...STANDARD_PIN_COST });
});

afterAll(async () => {
  await hub.stop();
});

describe("online sign-in", () => {
  bench(
    "bare argon2id verify (baseline)",
    async () => {
      await argon2.verify(hash, "482619");
    },
    { iterations: 40, warmupIterations: 3 },
  );

  bench(
    "POST /api/kiosk/sign-in",
    async () => {
      attempt += 1;
      const response = await hub.app.inject({
        method: "POST",
        url: "/api/kiosk/sign-in",
        payload: {
          storeId: hub.fixture.stores.A,
          // A tablet id each time keeps the per-tablet rate limit out of the measurement.
          tabletId: `bench-${attempt}`,
          identity: { employeeNumber: "E1" },
          pin: hub.fixture.pins.E1,
        },
      });
      if (response.statusCode !== 200) {
        throw new Error(`sign-in failed: ${response.body}`);
      }
    },
    { iterations: 40, warmupIterations: 3 },
  );
});
