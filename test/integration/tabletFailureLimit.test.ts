import { afterAll, beforeAll, expect, test } from "vitest";
import { TABLET_FAILURE_LIMIT } from "../../hub/services/signIn";
import { auditEntriesAfter, errorOf, postSignIn } from "../support/kioskClient";
import { startTestHub, type TestHub } from "../support/startTestHub";

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub.stop();
});

test("tablet pauses after many wrong PINs", async () => {
  // Spread over several users, so no single lock stops the guessing.
  const users = ["E1", "E2", "E3", "E6"];
  for (let attempt = 0; attempt < TABLET_FAILURE_LIMIT; attempt++) {
    const employeeNumber = users[attempt % users.length] ?? "E1";
    await postSignIn(hub, employeeNumber, {
      pin: "000000",
      tablet: "guessing-tablet",
    });
  }
  const before = await hub.context.storage.log.latestSeq();

  const paused = await postSignIn(hub, "E4", { tablet: "guessing-tablet" });
  expect(paused.statusCode).toBe(429);
  expect(errorOf(paused).code).toBe("RATE_LIMITED");

  const audited = await auditEntriesAfter(hub, before);
  expect(audited.some((entry) => entry.reason === "RATE_LIMITED")).toBe(true);

  const elsewhere = await postSignIn(hub, "E4", { tablet: "another-tablet" });
  expect(elsewhere.statusCode, elsewhere.body).toBe(200);
});
