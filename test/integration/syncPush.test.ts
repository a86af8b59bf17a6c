import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Mutation, MutationResult, UserId } from "../../protocol";
import { auditEntries, errorOf, signInOnline } from "../support/kioskRequests";
import { startSyncedTablet, type SyncedTablet } from "../support/syncedTablet";
import {
  pinChange,
  pinReset,
  signInFailure,
  signInSuccess,
} from "../support/tabletMutations";
import {
  disconnectTablets,
  enrollTablet,
  expectOk,
} from "../support/testTablet";

/** The default clock skew the hub allows, in ms. */
const SKEW_MS = 300_000;
/** PINs the policy accepts, for users to choose. */
const NEW_PINS = ["730418", "591736", "846201", "372958"];

let synced: SyncedTablet;

beforeEach(async () => {
  synced = await startSyncedTablet();
  // The tablet acts in the two minutes after its sync, then pushes.
  synced.clock.now += 120_000;
});
afterEach(async () => {
  disconnectTablets();
  await synced.hub.stop();
});

function at(offsetMs = 0): { clientTime: number } {
  return { clientTime: synced.clock.now + offsetMs };
}

async function push(mutations: readonly Mutation[]): Promise<MutationResult[]> {
  return synced.connection.pushMutations(mutations);
}

function statuses(results: readonly MutationResult[]): string[] {
  return results.map((result) => result.status);
}

async function failuresOf(userId: UserId): Promise<number> {
  const lockout =
    await synced.hub.context.storage.credentials.getLockout(userId);
  return lockout.failures;
}

async function signInStatus(employee: string, pin: string): Promise<number> {
  const response = await signInOnline(
    synced.hub,
    synced.storeId,
    synced.user(employee).id,
    pin,
  );
  return response.statusCode;
}

describe("sign-in.failure", () => {
  test("counts towards the lockout", async () => {
    const { id } = synced.user("E1");

    const results = await push([signInFailure(id, at())]);

    expect(statuses(results)).toEqual(["applied"]);
    expect(await failuresOf(id)).toBe(1);
  });

  test("fifth locks the user", async () => {
    const { id } = synced.user("E1");
    const failures = Array.from({ length: 5 }, () => signInFailure(id, at()));

    await push(failures);
    const lockout = await synced.hub.context.storage.credentials.getLockout(id);

    expect(lockout.failures).toBe(5);
    expect(lockout.lock.kind).toBe("timed");
  });

  test("counts on a locked user", async () => {
    const { id } = synced.user("E1");
    const failures = Array.from({ length: 6 }, () => signInFailure(id, at()));

    const results = await push(failures);

    expect(statuses(results)).toEqual(Array(6).fill("applied"));
    expect(await failuresOf(id)).toBe(6);
  });

  test("lock reaches another tablet live", async () => {
    const { id } = synced.user("E1");
    const other = await enrollTablet(synced.hub, synced.storeId);
    const watcher = await other.connect();

    await push(Array.from({ length: 5 }, () => signInFailure(id, at())));
    const locked = await watcher.waitForChange(
      (message) =>
        message.change.kind === "user.upsert" &&
        message.change.user.id === id &&
        message.change.user.lock.kind === "timed",
    );

    expect(locked.change).toMatchObject({ user: { failedAttempts: 5 } });
  });
});

describe("sign-in.success", () => {
  test("audited", async () => {
    const { id } = synced.user("E1");
    const mutation = signInSuccess(id, at());

    const results = await push([mutation]);
    const audited = await auditEntries(synced.hub, "sign-in.offline");

    expect(statuses(results)).toEqual(["applied"]);
    expect(
      audited.filter(
        (entry) =>
          entry.outcome === "success" &&
          entry.payload.mutationId === mutation.id,
      ),
    ).toHaveLength(1);
  });

  test("keeps the failure count", async () => {
    const { id } = synced.user("E1");

    await push([signInFailure(id, at()), signInSuccess(id, at(1))]);

    expect(await failuresOf(id)).toBe(1);
  });
});

describe("pin.change", () => {
  test("new PIN works online", async () => {
    const { id, pin } = synced.user("E2");
    const change = pinChange(
      synced.sealingKey,
      id,
      { currentPin: pin, newPin: "730418" },
      at(),
    );

    const results = await push([change]);
    const old = await signInOnline(synced.hub, synced.storeId, id, pin);

    expect(statuses(results)).toEqual(["applied"]);
    expect(await signInStatus("E2", "730418")).toBe(200);
    expect(errorOf(old).code).toBe("PIN_INCORRECT");
  });
});

describe("pin.change twice", () => {
  test("both apply in order", async () => {
    const { id, pin } = synced.user("E2");
    const first = pinChange(
      synced.sealingKey,
      id,
      { currentPin: pin, newPin: "730418" },
      at(-60_000),
    );
    const second = pinChange(
      synced.sealingKey,
      id,
      { currentPin: "730418", newPin: "591736" },
      at(-30_000),
    );

    const results = await push([first, second]);

    expect(statuses(results)).toEqual(["applied", "applied"]);
    expect(await signInStatus("E2", "591736")).toBe(200);
  });
});

describe("pin.reset", () => {
  test("temporary PIN must be changed", async () => {
    const manager = synced.user("E4");
    const target = synced.user("E2");
    const reset = pinReset(
      synced.sealingKey,
      manager.id,
      target.id,
      { actorPin: manager.pin, temporaryPin: "604918" },
      at(),
    );

    const results = await push([reset]);
    const response = await signInOnline(
      synced.hub,
      synced.storeId,
      target.id,
      "604918",
    );

    expect(statuses(results)).toEqual(["applied"]);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ mustChangePin: true });
    expect(await signInStatus("E2", target.pin)).toBe(401);
  });

  test("then the target's change, both apply", async () => {
    const manager = synced.user("E4");
    const target = synced.user("E2");
    const reset = pinReset(
      synced.sealingKey,
      manager.id,
      target.id,
      { actorPin: manager.pin, temporaryPin: "604918" },
      at(-60_000),
    );
    const change = pinChange(
      synced.sealingKey,
      target.id,
      { currentPin: "604918", newPin: "730418" },
      at(-30_000),
    );

    const results = await push([reset, change]);
    const response = await signInOnline(
      synced.hub,
      synced.storeId,
      target.id,
      "730418",
    );

    expect(results).toEqual([
      { id: reset.id, status: "applied" },
      { id: change.id, status: "applied" },
    ]);
    expect(response.json()).toMatchObject({ mustChangePin: false });
  });

  test("wins over the target's change before it", async () => {
    const manager = synced.user("E4");
    const target = synced.user("E2");
    const change = pinChange(
      synced.sealingKey,
      target.id,
      { currentPin: target.pin, newPin: "730418" },
      at(-60_000),
    );
    const reset = pinReset(
      synced.sealingKey,
      manager.id,
      target.id,
      { actorPin: manager.pin, temporaryPin: "604918" },
      at(-30_000),
    );

    const resetFirst = await push([reset]);
    const changeLater = await push([change]);

    expect(statuses(resetFirst)).toEqual(["applied"]);
    expect(changeLater[0]?.reason).toBe("CONFLICT_SUPERSEDED");
    expect(await signInStatus("E2", "604918")).toBe(200);
  });

  test("later arrival wins between two resets", async () => {
    const manager = synced.user("E4");
    const supervisor = synced.user("E3");
    const target = synced.user("E2");
    const byManager = pinReset(
      synced.sealingKey,
      manager.id,
      target.id,
      { actorPin: manager.pin, temporaryPin: "604918" },
      at(-30_000),
    );
    const bySupervisor = pinReset(
      synced.sealingKey,
      supervisor.id,
      target.id,
      { actorPin: supervisor.pin, temporaryPin: "825307" },
      at(-60_000),
    );

    const results = await push([byManager, bySupervisor]);

    expect(statuses(results)).toEqual(["applied", "applied"]);
    expect(await signInStatus("E2", "825307")).toBe(200);
    expect(await signInStatus("E2", "604918")).toBe(401);
  });
});

describe("claim time", () => {
  test("earliest plausible accepted", async () => {
    const { id } = synced.user("E1");

    const results = await push([
      signInFailure(id, { clientTime: synced.syncedAt - SKEW_MS }),
    ]);

    expect(statuses(results)).toEqual(["applied"]);
  });

  test("latest plausible accepted", async () => {
    const { id } = synced.user("E1");

    const results = await push([signInFailure(id, at(SKEW_MS))]);

    expect(statuses(results)).toEqual(["applied"]);
  });
});

describe("same mutation twice", () => {
  test("one after the other applies once", async () => {
    const { id } = synced.user("E1");
    const failure = signInFailure(id, at());

    const first = await push([failure]);
    const second = await push([failure]);

    expect(second).toEqual(first);
    expect(await failuresOf(id)).toBe(1);
  });

  test("in one batch applies once", async () => {
    const { id } = synced.user("E1");
    const failure = signInFailure(id, at());

    const results = await push([failure, failure]);

    expect(results[1]).toEqual(results[0]);
    expect(await failuresOf(id)).toBe(1);
  });

  test("rejected gets the same rejection", async () => {
    const outsider = synced.user("E5");
    const failure = signInFailure(outsider.id, at());

    const first = await push([failure]);
    const second = await push([failure]);
    const audited = await auditEntries(synced.hub, "offline.sign-in.failure");

    expect(first[0]?.reason).toBe("USER_NOT_FOUND");
    expect(second).toEqual(first);
    expect(audited).toHaveLength(1);
  });

  // Each PIN change waits on argon2 inside its transaction, so the copies
  // from the two sockets overlap instead of running one after the other.
  test("from two sockets at once applies once", async () => {
    const employees = ["E1", "E2", "E3", "E6"];
    const changes = employees.map((employee, index) =>
      pinChange(
        synced.sealingKey,
        synced.user(employee).id,
        {
          currentPin: synced.user(employee).pin,
          newPin: NEW_PINS[index] ?? "",
        },
        at(),
      ),
    );
    const failure = signInFailure(synced.user("E7").id, at());
    const batch = [...changes, failure];
    const second = await synced.tablet.connect();

    const [fromFirst, fromSecond] = await Promise.all([
      synced.connection.push({ mutations: batch }),
      second.push({ mutations: batch }),
    ]);

    expect(fromSecond).toEqual(fromFirst);
    expect(statuses(expectOk(fromFirst).results)).toEqual(
      Array(5).fill("applied"),
    );
    for (const [index, employee] of employees.entries()) {
      expect(await signInStatus(employee, NEW_PINS[index] ?? "")).toBe(200);
    }
    expect(await failuresOf(synced.user("E7").id)).toBe(1);
  });

  test("rejected from two sockets at once", async () => {
    const employees = ["E1", "E2", "E3", "E6"];
    const changes = employees.map((employee, index) =>
      pinChange(
        synced.sealingKey,
        synced.user(employee).id,
        { currentPin: "130508", newPin: NEW_PINS[index] ?? "" },
        at(),
      ),
    );
    const second = await synced.tablet.connect();

    const [fromFirst, fromSecond] = await Promise.all([
      synced.connection.push({ mutations: changes }),
      second.push({ mutations: changes }),
    ]);
    const audited = await auditEntries(synced.hub, "offline.pin.change");

    expect(fromSecond).toEqual(fromFirst);
    expect(expectOk(fromFirst).results.map((r) => r.reason)).toEqual(
      Array(4).fill("PROOF_FAILED"),
    );
    expect(audited).toHaveLength(4);
  });
});

describe("out of order", () => {
  test("later batch first, then the earlier", async () => {
    const { id } = synced.user("E1");
    const earlier = [
      signInFailure(id, at(-2000)),
      signInFailure(id, at(-1000)),
    ];
    const later = [signInSuccess(id, at()), signInFailure(id, at())];

    const laterResults = await push(later);
    const allResults = await push([...earlier, ...later]);

    expect(statuses(laterResults)).toEqual(["applied", "applied"]);
    expect(allResults.slice(2)).toEqual(laterResults);
    expect(statuses(allResults)).toEqual(Array(4).fill("applied"));
    expect(await failuresOf(id)).toBe(3);
  });
});

describe("sync:push input", () => {
  test.each([
    {
      name: "101 mutations",
      mutations: () =>
        Array.from({ length: 101 }, () =>
          signInFailure(synced.user("E1").id, at()),
        ),
      field: "event.mutations",
    },
    { name: "no mutations", mutations: () => [], field: "event.mutations" },
    {
      name: "bad UUID",
      mutations: () => [
        { ...signInFailure(synced.user("E1").id, at()), id: "mutation-1" },
      ],
      field: "event.mutations.0.id",
    },
    {
      name: "unknown kind",
      mutations: () => [
        { ...signInFailure(synced.user("E1").id, at()), kind: "user.delete" },
      ],
      field: "event.mutations.0.kind",
    },
  ])("rejects $name", async ({ mutations, field }) => {
    const ack = await synced.connection.push({ mutations: mutations() });

    expect(ack.ok).toBe(false);
    expect(ack.ok ? null : ack.error.code).toBe("INVALID_INPUT");
    expect(ack.ok ? [] : ack.error.fields?.map((f) => f.path)).toContain(field);
    expect(await failuresOf(synced.user("E1").id)).toBe(0);
  });

  test("rejects a partly bad batch whole", async () => {
    const { id } = synced.user("E1");
    const batch = [
      signInFailure(id, at()),
      { ...signInFailure(id, at()), id: randomUUID().toUpperCase() + "X" },
    ];

    const ack = await synced.connection.push({ mutations: batch });

    expect(ack.ok).toBe(false);
    expect(await failuresOf(id)).toBe(0);
  });
});
