import argon2 from "argon2";
import { afterAll, beforeAll, bench, describe } from "vitest";
import { STANDARD_PIN_COST } from "../../hub/security/pinHasher";
import { postSignIn } from "../support/kioskClient";
import { tabletHeader } from "../support/kioskTablets";
import { startTestHub, type TestHub } from "../support/startTestHub";

/**
 * Online sign-in at the hub's standard argon2 cost, beside a bare argon2id
 * verify with the same parameters in the same run. The target is a ratio of
 * at most 1.2.
 */

/** Sign-ins rotate over this many tablets, below each one's rate limit. */
const TABLETS = 10;

let hub: TestHub;
let hash: string;
let attempt = 0;

beforeAll(async () => {
  hub = await startTestHub({ env: { STOREFLOOR_ARGON2_COST: "standard" } });
  hash = await argon2.hash("482619", {
    type: argon2.argon2id,
    ...STANDARD_PIN_COST,
  });
  // Enroll the tablets before measuring, so no run pays for an enrollment.
  for (let index = 0; index < TABLETS; index++) {
    await tabletHeader(hub, { tablet: `bench-${index}` });
  }
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
      const response = await postSignIn(hub, "E1", {
        tablet: `bench-${attempt % TABLETS}`,
      });
      if (response.statusCode !== 200) {
        throw new Error(`sign-in failed: ${response.body}`);
      }
    },
    { iterations: 40, warmupIterations: 3 },
  );
});
