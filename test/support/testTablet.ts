import {
  constants,
  createPublicKey,
  generateKeyPairSync,
  publicEncrypt,
  randomUUID,
  sign,
  type KeyObject,
} from "node:crypto";
import type {
  FastifyInstance,
  LightMyRequestResponse as InjectResponse,
} from "fastify";
import { io, type Socket } from "socket.io-client";
import {
  EnrollResponse,
  KIOSK_NAMESPACE,
  PROTOCOL_VERSION,
  TabletChallengeResponse,
  TabletSessionResponse,
  tabletAuthMessage,
  type Acknowledgement,
  type ChangeMessage,
  type ErrorBody,
  type HelloMessage,
  type HubSealingKey,
  type KioskClientEvents,
  type KioskConnectErrorData,
  type KioskServerEvents,
  type Mutation,
  type PullResponse,
  type PushResponse,
  type SealedPinChange,
  type SealedPinReset,
  type Snapshot,
  type StoreId,
  type TabletId,
  type TabletPublicKey,
  type UserId,
  type VerifierResponse,
} from "../../protocol";
import type { HubContext } from "../../hub/services/hubContext";
import { issueEnrollmentCode } from "../../hub/tablets/enrollmentCodes";

/** The parts of a running hub that tests use: the app, the context, the URL. */
export interface HubHandle {
  readonly app: FastifyInstance;
  readonly context: HubContext;
  readonly url: string;
}

/** A socket.io client typed with the kiosk namespace's events. */
export type TabletSocket = Socket<KioskServerEvents, KioskClientEvents>;

type ChangesResponse = Extract<PullResponse, { kind: "changes" }>;

const openSockets = new Set<TabletSocket>();
let addressCount = 0;

/**
 * Returns a new loopback address for in-process requests. The hub limits
 * enrollments and challenges per address, so each test tablet gets its own
 * and test setup never runs into a limit that a test means to check.
 */
export function nextLoopbackAddress(): string {
  addressCount += 1;
  return `127.1.${Math.floor(addressCount / 250)}.${(addressCount % 250) + 1}`;
}

/** Generates a P-256 key pair the way a tablet does, with the public JWK. */
export function generateTabletKey(): {
  privateKey: KeyObject;
  publicJwk: TabletPublicKey;
} {
  const { privateKey, publicKey } = generateKeyPairSync("ec", {
    namedCurve: "P-256",
  });
  const jwk = publicKey.export({ format: "jwk" });
  if (jwk.kty !== "EC" || jwk.crv !== "P-256" || !jwk.x || !jwk.y) {
    throw new Error(`unexpected public key export: ${JSON.stringify(jwk)}`);
  }
  return {
    privateKey,
    publicJwk: { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y },
  };
}

/**
 * Signs a challenge as a tablet does: ECDSA P-256 with SHA-256, as raw r|s
 * in base64url.
 */
export function signChallenge(
  privateKey: KeyObject,
  challenge: string,
): string {
  return sign("sha256", Buffer.from(tabletAuthMessage(challenge), "utf8"), {
    key: privateKey,
    dsaEncoding: "ieee-p1363",
  }).toString("base64url");
}

/** Seals a secret to the hub's RSA-OAEP (SHA-256) key, as a tablet does. */
export function sealSecret(
  sealingKey: HubSealingKey,
  secret: SealedPinChange | SealedPinReset,
): string {
  return publicEncrypt(
    {
      key: createPublicKey({ key: { ...sealingKey }, format: "jwk" }),
      padding: constants.RSA_PKCS1_OAEP_PADDING,
      oaepHash: "sha256",
    },
    Buffer.from(JSON.stringify(secret), "utf8"),
  ).toString("base64url");
}

/** Sends `POST /api/tablets/enroll` with a code and a public key. */
export async function postEnrollment(
  hub: HubHandle,
  body: unknown,
  remoteAddress: string = nextLoopbackAddress(),
): Promise<InjectResponse> {
  return hub.app.inject({
    method: "POST",
    url: "/api/tablets/enroll",
    payload: body as Record<string, unknown>,
    remoteAddress,
  });
}

/** Issues a code for `storeId` at the hub and enrolls a new tablet with it. */
export async function enrollTablet(
  hub: HubHandle,
  storeId: StoreId,
): Promise<TestTablet> {
  const { code } = await issueEnrollmentCode(hub.context, storeId, {
    actorId: null,
    via: "test",
  });
  return enrollWithCode(hub, code);
}

/** Enrolls a new tablet with a code, or throws if the hub rejects it. */
export async function enrollWithCode(
  hub: HubHandle,
  code: string,
): Promise<TestTablet> {
  const key = generateTabletKey();
  const address = nextLoopbackAddress();
  const response = await postEnrollment(
    hub,
    { code, publicKey: key.publicJwk },
    address,
  );
  if (response.statusCode !== 200) {
    throw new Error(
      `enrollment failed with HTTP ${response.statusCode}: ${response.body}`,
    );
  }
  const enrolled = EnrollResponse.parse(response.json());
  return new TestTablet(
    hub,
    enrolled.tabletId,
    enrolled.store.id,
    key.privateKey,
    address,
  );
}

/**
 * Stores a new tablet of `storeId` with a fresh key straight in the hub's
 * tablet repository, as a redeemed code would. Unlike `enrollTablet` it
 * writes no audit entry, so tests that count log entries can use tablets
 * made on first use. The key proof and the token stay the hub's own.
 */
export async function registerTablet(
  hub: HubHandle,
  storeId: StoreId,
  label: string,
): Promise<TestTablet> {
  const key = generateTabletKey();
  const tabletId = randomUUID() as TabletId;
  await hub.context.storage.tablets.create({
    id: tabletId,
    storeId,
    label,
    publicKey: key.publicJwk,
    enrolledBy: null,
    now: hub.context.now(),
  });
  return new TestTablet(
    hub,
    tabletId,
    storeId,
    key.privateKey,
    nextLoopbackAddress(),
  );
}

/**
 * An enrolled tablet as seen from a test: it proves its key over REST and
 * connects to the kiosk namespace with the token it gets.
 */
export class TestTablet {
  readonly hub: HubHandle;
  readonly tabletId: TabletId;
  readonly storeId: StoreId;
  readonly privateKey: KeyObject;
  /** The loopback address its REST requests come from. */
  readonly address: string;

  constructor(
    hub: HubHandle,
    tabletId: TabletId,
    storeId: StoreId,
    privateKey: KeyObject,
    address: string,
  ) {
    this.hub = hub;
    this.tabletId = tabletId;
    this.storeId = storeId;
    this.privateKey = privateKey;
    this.address = address;
  }

  /** Returns this tablet bound to another hub that serves the same data. */
  on(hub: HubHandle): TestTablet {
    return new TestTablet(
      hub,
      this.tabletId,
      this.storeId,
      this.privateKey,
      this.address,
    );
  }

  /** Sends `POST /api/tablets/challenge` for this tablet. */
  async requestChallenge(): Promise<InjectResponse> {
    return this.hub.app.inject({
      method: "POST",
      url: "/api/tablets/challenge",
      payload: { tabletId: this.tabletId },
      remoteAddress: this.address,
    });
  }

  /** Sends `POST /api/tablets/session` with a challenge and a signature. */
  async openSession(
    challenge: string,
    signature: string,
  ): Promise<InjectResponse> {
    return this.hub.app.inject({
      method: "POST",
      url: "/api/tablets/session",
      payload: { tabletId: this.tabletId, challenge, signature },
      remoteAddress: this.address,
    });
  }

  /** Returns a fresh challenge; throws when the hub rejects the request. */
  async challenge(): Promise<string> {
    const response = await this.requestChallenge();
    if (response.statusCode !== 200) {
      throw new Error(
        `challenge failed with HTTP ${response.statusCode}: ${response.body}`,
      );
    }
    return TabletChallengeResponse.parse(response.json()).challenge;
  }

  /** Proves the key and returns a tablet token, or throws if rejected. */
  async token(): Promise<string> {
    return (await this.proveKey()).tabletToken;
  }

  /**
   * Proves the key and returns the token with its expiry, or throws if the
   * hub rejects the proof.
   */
  async proveKey(): Promise<TabletSessionResponse> {
    const challenge = await this.challenge();
    const response = await this.openSession(
      challenge,
      signChallenge(this.privateKey, challenge),
    );
    if (response.statusCode !== 200) {
      throw new Error(
        `key proof failed with HTTP ${response.statusCode}: ${response.body}`,
      );
    }
    return TabletSessionResponse.parse(response.json());
  }

  /** Connects to the kiosk namespace, with a new token unless given one. */
  async connect(token?: string): Promise<TabletConnection> {
    return connectTablet(this.hub.url, {
      protocolVersion: PROTOCOL_VERSION,
      tabletToken: token ?? (await this.token()),
    });
  }
}

/**
 * Opens a socket to the kiosk namespace and resolves once the hub greeted
 * it, which it does after the socket joined its store's room. Rejects with
 * a ConnectRejectedError when the hub rejects the handshake.
 */
export async function connectTablet(
  url: string,
  auth: Record<string, unknown>,
): Promise<TabletConnection> {
  const socket: TabletSocket = io(url + KIOSK_NAMESPACE, {
    auth,
    forceNew: true,
    transports: ["websocket"],
    reconnection: false,
    autoConnect: false,
  });
  openSockets.add(socket);
  const connection = new TabletConnection(socket);
  const hello = new Promise<HelloMessage>((resolve, reject) => {
    socket.once("hello", resolve);
    socket.once("connect_error", (error) => {
      openSockets.delete(socket);
      const data = (error as Error & { data?: KioskConnectErrorData }).data;
      reject(new ConnectRejectedError(error.message, data));
    });
  });
  socket.connect();
  connection.hello = await hello;
  return connection;
}

/** Opens a socket that the hub must reject and returns the error data. */
export async function rejectedHandshake(
  url: string,
  auth: Record<string, unknown>,
): Promise<KioskConnectErrorData | undefined> {
  try {
    await connectTablet(url, auth);
  } catch (error) {
    if (error instanceof ConnectRejectedError) {
      return error.data;
    }
    throw error;
  }
  throw new Error("the hub accepted a handshake it should have rejected");
}

/** A handshake the hub rejected, with the error data of `connect_error`. */
export class ConnectRejectedError extends Error {
  override readonly name = "ConnectRejectedError";
  readonly data: KioskConnectErrorData | undefined;

  constructor(message: string, data: KioskConnectErrorData | undefined) {
    super(message);
    this.data = data;
  }
}

/** Disconnects every socket the tests opened; for `afterEach`. */
export function disconnectTablets(): void {
  for (const socket of openSockets) {
    socket.disconnect();
  }
  openSockets.clear();
}

/**
 * A tablet's socket with its sync events as promises. It records every live
 * change from the moment it connects, so a test can wait for one that
 * arrived before it started waiting.
 */
export class TabletConnection {
  readonly socket: TabletSocket;
  hello: HelloMessage = { protocolVersion: 0, seq: 0 };
  /** Live changes received, in order of arrival. */
  readonly changes: ChangeMessage[] = [];
  /** Resolves with the error of the first `revoked` event. */
  readonly revoked: Promise<ErrorBody["error"]>;
  /** Resolves with the reason when the socket disconnects. */
  readonly disconnected: Promise<string>;
  readonly #waiters: {
    predicate: (message: ChangeMessage) => boolean;
    resolve: (message: ChangeMessage) => void;
  }[] = [];

  constructor(socket: TabletSocket) {
    this.socket = socket;
    socket.on("change", (message) => {
      this.changes.push(message);
      for (const waiter of [...this.#waiters]) {
        if (waiter.predicate(message)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    });
    this.revoked = new Promise((resolve) => socket.once("revoked", resolve));
    this.disconnected = new Promise((resolve) =>
      socket.once("disconnect", (reason) => resolve(reason)),
    );
  }

  /**
   * Resolves with the first live change, received or to come, that matches
   * and lies after `afterSeq`. By default that is the log's head when the
   * socket connected, so an older entry that the hub publishes late (such
   * as the fixture's, written before the hub watched its log) never matches.
   */
  async waitForChange(
    predicate: (message: ChangeMessage) => boolean,
    afterSeq: number = this.hello.seq,
  ): Promise<ChangeMessage> {
    const matches = (message: ChangeMessage) =>
      message.seq > afterSeq && predicate(message);
    const received = this.changes.find(matches);
    if (received) {
      return received;
    }
    return new Promise((resolve) => {
      this.#waiters.push({ predicate: matches, resolve });
    });
  }

  /** Sends `sync:pull` and returns the acknowledgement. */
  async pull(request: unknown): Promise<Acknowledgement<PullResponse>> {
    return this.socket.emitWithAck("sync:pull", request);
  }

  /** Pulls the changes after `afterSeq`; throws on an error or a snapshot. */
  async pullChanges(
    afterSeq: number,
    limit?: number,
  ): Promise<ChangesResponse> {
    const data = expectOk(
      await this.pull(limit === undefined ? { afterSeq } : { afterSeq, limit }),
    );
    if (data.kind !== "changes") {
      throw new Error(`expected changes after ${afterSeq}, got a snapshot`);
    }
    return data;
  }

  /** Pulls from cursor 0 and returns the snapshot; throws on anything else. */
  async pullSnapshot(): Promise<Snapshot> {
    const data = expectOk(await this.pull({ afterSeq: 0 }));
    if (data.kind !== "snapshot") {
      throw new Error("expected a snapshot for cursor 0");
    }
    return data.snapshot;
  }

  /** Sends `sync:push` and returns the acknowledgement. */
  async push(request: unknown): Promise<Acknowledgement<PushResponse>> {
    return this.socket.emitWithAck("sync:push", request);
  }

  /** Pushes mutations and returns the verdicts; throws on a failed ack. */
  async pushMutations(
    mutations: readonly Mutation[],
  ): Promise<PushResponse["results"]> {
    return expectOk(await this.push({ mutations })).results;
  }

  /** Sends `sync:verifiers` and returns the acknowledgement. */
  async verifiers(
    userIds: readonly UserId[],
  ): Promise<Acknowledgement<VerifierResponse>> {
    return this.socket.emitWithAck("sync:verifiers", { userIds });
  }

  close(): void {
    this.socket.disconnect();
    openSockets.delete(this.socket);
  }
}

/** Returns the data of a successful acknowledgement; throws on an error. */
export function expectOk<T>(ack: Acknowledgement<T>): T {
  if (!ack.ok) {
    throw new Error(
      `expected success, got ${ack.error.code}: ${ack.error.message}`,
    );
  }
  return ack.data;
}
