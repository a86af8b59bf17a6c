import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  FEED_NAMESPACE,
  FeedEntry,
  FeedLine,
  type ErrorBody,
} from "../../protocol";
import { createApiToken, revokeApiToken } from "../../hub/feed/apiTokens";
import { SQLITE_FILE } from "../../hub/storage/openSqliteStorage";
import {
  postSignIn,
  signInToken,
  storeIdOf,
  userIdOf,
  postUnlock,
} from "../support/kioskClient";
import { runCli } from "../support/runCli";
import { startTestHub, type TestHub } from "../support/startTestHub";

let hub: TestHub;
let orgToken: string;
let storeBToken: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  hub = await startTestHub();
  orgToken = (
    await createApiToken(hub.context, {
      name: "head office",
      scopes: ["feed:read"],
      storeIds: null,
      days: 30,
      createdBy: null,
    })
  ).token;
  storeBToken = (
    await createApiToken(hub.context, {
      name: "store B reports",
      scopes: ["feed:read"],
      storeIds: [storeIdOf(hub, "B")],
      days: 30,
      createdBy: null,
    })
  ).token;
});

afterEach(() => {
  for (const socket of sockets.splice(0)) {
    socket.disconnect();
  }
});

afterAll(async () => {
  await hub.stop();
});

/** Reads the whole backlog after `after` with `follow=false`. */
async function readBacklog(token: string, after: number): Promise<FeedEntry[]> {
  const response = await fetch(
    `${hub.url}/api/feed?after=${after}&follow=false`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  expect(response.status).toBe(200);
  const text = await response.text();
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => FeedLine.parse(JSON.parse(line)))
    .flatMap((line) => (line.type === "entry" ? [line.entry] : []));
}

function connectFeed(auth: Record<string, unknown>): Socket {
  const socket = connect(`${hub.url}${FEED_NAMESPACE}`, {
    auth,
    forceNew: true,
    transports: ["websocket"],
    reconnection: false,
  });
  sockets.push(socket);
  return socket;
}

describe("HTTP feed", () => {
  test("backlog lists changes and audit in order", async () => {
    await postSignIn(hub, "E1", { pin: "000001" });
    const entries = await readBacklog(orgToken, 0);
    const seqs = entries.map((entry) => entry.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(entries.some((entry) => entry.category === "audit")).toBe(true);
    expect(entries.some((entry) => entry.category === "change")).toBe(true);
  });

  test("resume after a cursor skips nothing", async () => {
    const all = await readBacklog(orgToken, 0);
    const middle = all[Math.floor(all.length / 2)];
    expect(middle).toBeDefined();
    const rest = await readBacklog(orgToken, middle?.seq ?? 0);
    expect(rest.map((entry) => entry.seq)).toEqual(
      all
        .filter((entry) => entry.seq > (middle?.seq ?? 0))
        .map((entry) => entry.seq),
    );
  });

  test("store token sees only its stores", async () => {
    const entries = await readBacklog(storeBToken, 0);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry.storeIds).toContain(storeIdOf(hub, "B"));
    }
  });

  test("feed holds no secrets", async () => {
    const token = await signInToken(hub, "E4");
    await postUnlock(hub, token, userIdOf(hub, "E1"), {
      proof: { pin: hub.fixture.pins.E4 ?? "" },
    });
    const text = JSON.stringify(await readBacklog(orgToken, 0));
    for (const pin of Object.values(hub.fixture.pins)) {
      expect(text).not.toContain(pin);
    }
    expect(text).not.toContain("$argon2");
    expect(text).not.toContain(token);
  });

  test("missing token is rejected", async () => {
    const response = await fetch(`${hub.url}/api/feed?after=0&follow=false`);
    expect(response.status).toBe(401);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe("API_TOKEN_INVALID");
  });

  test("cursor past the head is invalid", async () => {
    const response = await fetch(`${hub.url}/api/feed?after=99999999`, {
      headers: { authorization: `Bearer ${orgToken}` },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.fields?.[0]?.path).toBe("query.after");
  });

  test("cursor older than retention expires", async () => {
    await postSignIn(hub, "E2", { pin: "000002" });
    const head = await hub.context.storage.log.latestSeq();
    await hub.context.storage.log.deleteOlderThan(Date.now() + 1000);
    const response = await fetch(`${hub.url}/api/feed?after=1&follow=false`, {
      headers: { authorization: `Bearer ${orgToken}` },
    });
    expect(response.status).toBe(410);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe("CURSOR_EXPIRED");
    expect(body.error.details?.oldestSeq).toBe(head);
  });

  test("followed stream delivers live entries", async () => {
    const after = await hub.context.storage.log.latestSeq();
    const controller = new AbortController();
    const response = await fetch(`${hub.url}/api/feed?after=${after}`, {
      headers: { authorization: `Bearer ${orgToken}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    expect(reader).toBeDefined();
    await postSignIn(hub, "E3", { pin: "000003" });
    const decoder = new TextDecoder();
    let buffer = "";
    let first: FeedLine | undefined;
    while (first === undefined && reader) {
      const chunk = await reader.read();
      buffer += decoder.decode(chunk.value ?? new Uint8Array(), {
        stream: true,
      });
      const line = buffer.split("\n")[0];
      if (buffer.includes("\n") && line) {
        first = FeedLine.parse(JSON.parse(line));
      }
    }
    controller.abort();
    expect(first?.type).toBe("entry");
    expect(first?.type === "entry" && first.entry.seq).toBe(after + 1);
  });
});

describe("socket feed", () => {
  test("delivers entries after the cursor", async () => {
    const after = await hub.context.storage.log.latestSeq();
    const socket = connectFeed({ token: orgToken, after });
    const received = new Promise<FeedEntry>((resolve) => {
      socket.once("entry", (entry: unknown) => resolve(FeedEntry.parse(entry)));
    });
    await new Promise<void>((resolve) =>
      socket.once("connect", () => resolve()),
    );
    await postSignIn(hub, "E1", { pin: "000004" });
    const entry = await received;
    expect(entry.seq).toBe(after + 1);
  });

  test("revoked token is cut off", async () => {
    const created = await createApiToken(hub.context, {
      name: "short-lived",
      scopes: ["feed:read"],
      storeIds: null,
      days: 1,
      createdBy: null,
    });
    const socket = connectFeed({
      token: created.token,
      after: await hub.context.storage.log.latestSeq(),
    });
    await new Promise<void>((resolve) =>
      socket.once("connect", () => resolve()),
    );
    const disconnected = new Promise<void>((resolve) =>
      socket.once("disconnect", () => resolve()),
    );
    await revokeApiToken(hub.context, created.id, null);
    await postSignIn(hub, "E1", { pin: "000005" });
    await disconnected;
    const again = connectFeed({ token: created.token, after: 0 });
    const error = await new Promise<{ data?: { code?: string } }>((resolve) => {
      again.once("connect_error", (failure) =>
        resolve(failure as { data?: { code?: string } }),
      );
    });
    expect(error.data?.code).toBe("API_TOKEN_INVALID");
  });
});

describe("backup", () => {
  test("copies the database while the hub runs", async () => {
    const target = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), "storefloor-backup-")),
      "copy.sqlite",
    );
    const result = await runCli(["backup", target], {
      STOREFLOOR_DATA_DIR: hub.dataDir,
      STOREFLOOR_ARGON2_COST: "low",
    });
    expect(result.code, result.stderr).toBe(0);
    const copy = new SQLite(target, { readonly: true });
    const users = copy.prepare("SELECT count(*) AS n FROM users").get() as {
      n: number;
    };
    copy.close();
    expect(users.n).toBe(Object.keys(hub.fixture.users).length);
    expect(fs.existsSync(path.join(hub.dataDir, SQLITE_FILE))).toBe(true);
  });

  test("refuses to overwrite a file", async () => {
    const target = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), "storefloor-backup-")),
      "taken.sqlite",
    );
    fs.writeFileSync(target, "");
    const result = await runCli(["backup", target], {
      STOREFLOOR_DATA_DIR: hub.dataDir,
      STOREFLOOR_ARGON2_COST: "low",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("never overwrites");
  });
});
