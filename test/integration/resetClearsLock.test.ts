import { afterAll, beforeAll, expect, test } from "vitest";
import {
  errorOf,
  pinOf,
  postPinReset,
  postSignIn,
  rosterUser,
  signInToken,
  userIdOf,
} from "../support/kioskClient";
import { startTestHub, type TestHub } from "../support/startTestHub";

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub.stop();
});

test("reset clears a lock", async () => {
  for (let attempt = 0; attempt < 5; attempt++) {
    await postSignIn(hub, "E2", { pin: "000000", tablet: "lock-tablet" });
  }
  const locked = await postSignIn(hub, "E2", { tablet: "lock-tablet" });
  expect(errorOf(locked).code).toBe("USER_LOCKED");

  const token = await signInToken(hub, "E7");
  const reset = await postPinReset(hub, token, userIdOf(hub, "E2"), {
    proof: { pin: pinOf(hub, "E7") },
    temporaryPin: "730164",
  });
  expect(reset.statusCode, reset.body).toBe(200);

  const user = await rosterUser(hub, "A", "E2");
  expect(user?.lock).toEqual({ kind: "none" });
  expect(user?.failedAttempts).toBe(0);
  const signIn = await postSignIn(hub, "E2", {
    pin: "730164",
    tablet: "lock-tablet",
  });
  expect(signIn.statusCode, signIn.body).toBe(200);
});
