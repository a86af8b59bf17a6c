import {
  checkPinPolicy,
  type AuthenticationResponseJSON,
  type HubSealingKey,
  type KioskUser,
  type Mutation,
  type RequestOptionsJSON,
  type SessionUser,
  type SignInIdentity,
} from "../../protocol";
import { deriveVerifier, verifyPin } from "../crypto/pinVerifier";
import { sealForHub } from "../crypto/sealForHub";
import type { Logger } from "../log/Logger";
import { KioskError } from "../net/KioskError";
import { decideOnTarget } from "../session/managerPermissions";
import {
  EMPTY_UNDO,
  type CachedVerifier,
  type UndoRecord,
} from "./cacheRecords";
import { cacheStatus } from "./cacheExpiry";
import { lockErrorOf, recordWrongPin } from "./offlineLockout";
import { generateRandomPin } from "./randomPin";
import type { RosterState } from "../roster/applyChange";
import type { PasskeyCounter, TabletCache } from "./TabletCache";
import type { PasskeyOrigin } from "../passkeys/proveResetOffline";

/** Shortest random temporary PIN, as the hub generates them too. */
const GENERATED_PIN_MIN_LENGTH = 6;

const HOUR_MS = 3_600_000;

/** A reset made offline, for the confirmation screen. */
export interface OfflineReset {
  /** The temporary PIN, to be shown once: delivery needs the hub. */
  readonly temporaryPin: string;
  /** When the temporary PIN expires, counting from the reset, in ms. */
  readonly expiresAt: number;
}

/**
 * The actor's passkey as offline fresh proof: the prompt that requests an
 * assertion from the browser for the options the tablet makes.
 */
export interface OfflinePasskeyPrompt {
  readonly prompt: (
    options: RequestOptionsJSON,
  ) => Promise<AuthenticationResponseJSON>;
}

/** The parts of the cache an offline action needs, known to be present. */
interface Ready {
  readonly roster: RosterState;
  readonly sealingKey: HubSealingKey;
}

/**
 * The tablet's actions while the hub cannot be reached. It checks PINs
 * against the cached verifiers with the hub's lockout schedule, changes and
 * resets PINs in the cache, and queues each action as a mutation that the
 * hub checks again. A new PIN leaves the tablet only sealed to the hub's
 * key, and the cache keeps its verifier alone.
 */
export class OfflineActions {
  readonly #cache: TabletCache;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #where: () => PasskeyOrigin;

  constructor(
    cache: TabletCache,
    logger: Logger,
    now: () => number,
    where: () => PasskeyOrigin = pageOrigin,
  ) {
    this.#cache = cache;
    this.#logger = logger;
    this.#now = now;
    this.#where = where;
  }

  /**
   * Signs a user in against the cache and queues the outcome. Returns the
   * cached user on success. Throws the hub's codes for a wrong PIN or a
   * lock, and OFFLINE_UNAVAILABLE or OFFLINE_NO_VERIFIER when the cache
   * cannot decide.
   */
  async signIn(identity: SignInIdentity, pin: string): Promise<KioskUser> {
    const now = this.#now();
    const cache = this.#ready(now);
    const user = findUser(cache.roster.users, identity);

    const locked = lockErrorOf(user, now);
    if (locked !== undefined) {
      throw locked;
    }

    const verifier = await this.#verifierOf(user);
    await this.#cache.noteTime(now);
    if (!(await this.#verify(verifier, pin))) {
      throw await this.#countWrongPin(user, now, cache);
    }

    // As at the hub, an expired temporary PIN is refused only once it
    // proved right, so the expiry reveals nothing to someone guessing.
    if (
      user.pinTemporary &&
      user.pinExpiresAt !== null &&
      user.pinExpiresAt <= now
    ) {
      throw new KioskError({
        code: "TEMPORARY_PIN_EXPIRED",
        message:
          "The temporary PIN expired. Ask a manager for a new PIN reset.",
        details: { expiredAt: user.pinExpiresAt },
      });
    }

    // A success offline does not clear the failure count: the hub keeps
    // it until a sign-in it checked itself, and the tablet follows suit.
    await this.#cache.enqueue(
      {
        mutation: {
          ...this.#base(user, now),
          kind: "sign-in.success",
          userId: user.id,
        },
        undo: EMPTY_UNDO,
      },
      { users: [], verifiers: [] },
    );
    this.#logger.info({ userId: user.id }, "signed in offline");
    return user;
  }

  /**
   * Changes the user's PIN in the cache and queues the change. The current
   * PIN is checked against the verifier first, and a wrong one counts
   * towards the lockout as it does at the hub.
   */
  async changePin(
    userId: KioskUser["id"],
    currentPin: string,
    newPin: string,
  ): Promise<void> {
    const now = this.#now();
    const cache = this.#ready(now);
    const user = findUser(cache.roster.users, { userId });
    const violations = checkPinPolicy({
      pin: newPin,
      minLength: cache.roster.settings.pinMinLength,
      employeeNumber: user.employeeNumber,
    });
    if (violations.length > 0) {
      throw policyError(violations);
    }

    const verifier = await this.#verifierOf(user);
    if (!(await this.#verify(verifier, currentPin))) {
      throw await this.#countWrongPin(user, now, cache);
    }

    const written = await this.#derive(newPin, verifier.verifier);
    const sealed = await sealForHub(cache.sealingKey, { currentPin, newPin });
    const mutation: Mutation = {
      ...this.#base(user, now),
      kind: "pin.change",
      userId: user.id,
      sealed,
    };
    await this.#cache.enqueue(
      { mutation, undo: undoOf(user, verifier, written) },
      {
        users: [{ ...user, pinTemporary: false }],
        verifiers: [nextVerifier(user, written)],
      },
    );
    this.#logger.info({ userId: user.id }, "PIN changed offline");
  }

  /**
   * Resets a colleague's PIN in the cache and queues the reset. The scope
   * rule is applied with the tablet's store as the actor's scope. The
   * actor's fresh proof is their PIN, checked against their verifier, or,
   * for an actor with a passkey, an assertion checked against the cached
   * public key (`proveResetOffline`).
   */
  async resetPin(
    actor: SessionUser,
    targetId: KioskUser["id"],
    proof: string | OfflinePasskeyPrompt,
    typedPin: string | undefined,
  ): Promise<OfflineReset> {
    const now = this.#now();
    const cache = this.#ready(now);
    const { settings, store } = cache.roster;
    const actorUser = findUser(cache.roster.users, { userId: actor.id });
    const target = findUser(cache.roster.users, { userId: targetId });
    checkProofKind(actorUser, settings.requirePasskeyForReset, proof);

    const decision = decideOnTarget(
      actor,
      target,
      "pin.reset",
      store.id,
      actorUser,
    );
    if (!decision.allowed) {
      throw scopeError(decision.reason);
    }

    const proofPin = typeof proof === "string" ? proof : undefined;
    if (proofPin !== undefined) {
      await this.#checkProofPin(actorUser, proofPin, now, cache);
    }

    const temporaryPin =
      typedPin ??
      generateRandomPin(
        Math.max(settings.pinMinLength, GENERATED_PIN_MIN_LENGTH),
        target.employeeNumber,
      );
    const violations = checkPinPolicy({
      pin: temporaryPin,
      minLength: settings.pinMinLength,
      employeeNumber: target.employeeNumber,
    });
    if (violations.length > 0) {
      throw policyError(violations);
    }

    const previous = await this.#cache.readVerifier(target.id);
    const model =
      previous?.verifier ??
      (await this.#cache.readVerifier(actorUser.id))?.verifier;
    const written = await this.#derive(temporaryPin, model);
    const sealed = await sealForHub(
      cache.sealingKey,
      proofPin === undefined
        ? { temporaryPin }
        : { actorPin: proofPin, temporaryPin },
    );
    const unproved: Extract<Mutation, { kind: "pin.reset" }> = {
      ...this.#base(target, now),
      kind: "pin.reset",
      actorId: actorUser.id,
      targetId: target.id,
      sealed,
    };
    let mutation: Mutation = unproved;
    let passkeyCounter: PasskeyCounter | undefined;
    if (typeof proof !== "string") {
      const { proveResetOffline } =
        await import("../passkeys/proveResetOffline");
      const checked = await proveResetOffline({
        mutation: unproved,
        passkeys: this.#cache.passkeysOf(actorUser.id),
        where: this.#where(),
        prompt: proof.prompt,
      });
      mutation = { ...unproved, proof: checked.proof };
      passkeyCounter = checked.counter;
    }
    await this.#cache.enqueue(
      { mutation, undo: undoOf(target, previous ?? null, written) },
      {
        users: [{ ...target, pinTemporary: true }],
        verifiers: [nextVerifier(target, written)],
        ...(passkeyCounter === undefined ? {} : { passkeyCounter }),
      },
    );
    this.#logger.info(
      { actorId: actorUser.id, targetId: target.id },
      "PIN reset offline",
    );
    return {
      temporaryPin,
      expiresAt: now + settings.temporaryPinTtlHours * HOUR_MS,
    };
  }

  /**
   * Checks the actor's PIN as fresh proof against their verifier; a wrong
   * one counts towards their lockout.
   */
  async #checkProofPin(
    actorUser: KioskUser,
    proofPin: string,
    now: number,
    cache: Ready,
  ): Promise<void> {
    const locked = lockErrorOf(actorUser, now);
    if (locked !== undefined) {
      throw locked;
    }
    const actorVerifier = await this.#verifierOf(actorUser);
    if (!(await this.#verify(actorVerifier, proofPin))) {
      await this.#countWrongPin(actorUser, now, cache);
      throw new KioskError({
        code: "PROOF_FAILED",
        message: "The PIN given as proof is incorrect. Nothing was changed.",
      });
    }
  }

  /** Returns the cache when it may serve offline actions at `now`. */
  #ready(now: number): Ready {
    const view = this.#cache.view;
    const roster = view.roster;
    const status = cacheStatus(
      roster === undefined
        ? undefined
        : {
            lastSyncAt: view.lastSyncAt,
            highestTimeSeen: view.highestTimeSeen,
            offlineWindowHours: roster.settings.offlineWindowHours,
          },
      now,
    );
    if (
      status.kind !== "usable" ||
      roster === undefined ||
      view.sealingKey === undefined
    ) {
      throw new KioskError({
        code: "OFFLINE_UNAVAILABLE",
        message:
          "The tablet has no current offline data; it needs the network.",
        details: { reason: status.kind === "usable" ? "missing" : status.kind },
      });
    }
    return { roster, sealingKey: view.sealingKey };
  }

  /**
   * Returns the user's verifier. One of an older credential version than
   * the hub announced belongs to a PIN that was replaced, perhaps because
   * it leaked, so it counts as missing until the new one arrives.
   */
  async #verifierOf(user: KioskUser): Promise<CachedVerifier> {
    const verifier = await this.#cache.readVerifier(user.id);
    if (
      verifier === undefined ||
      verifier.credentialVersion !== user.credentialVersion
    ) {
      throw new KioskError({
        code: "OFFLINE_NO_VERIFIER",
        message:
          "No offline verifier of this user is cached yet; sign in once the tablet is online.",
      });
    }
    return verifier;
  }

  /** Checks a PIN against a verifier; a failure of argon2 itself is no wrong PIN. */
  async #verify(verifier: CachedVerifier, pin: string): Promise<boolean> {
    try {
      return await verifyPin(verifier.verifier, pin);
    } catch (error) {
      throw this.#argon2Failed(error);
    }
  }

  async #derive(pin: string, model: string | undefined): Promise<string> {
    try {
      return await deriveVerifier(pin, model);
    } catch (error) {
      throw this.#argon2Failed(error);
    }
  }

  #argon2Failed(error: unknown): KioskError {
    this.#logger.error({ error: String(error) }, "offline PIN check failed");
    return new KioskError({
      code: "OFFLINE_CHECK_FAILED",
      message: `The tablet failed to check PINs offline: ${String(error)}`,
    });
  }

  /** Counts a wrong PIN in the cache, queues it, and returns its error. */
  async #countWrongPin(
    user: KioskUser,
    now: number,
    cache: Ready,
  ): Promise<KioskError> {
    const outcome = recordWrongPin(user, now, cache.roster.settings);
    await this.#cache.enqueue(
      {
        mutation: {
          ...this.#base(user, now),
          kind: "sign-in.failure",
          userId: user.id,
        },
        undo: { users: [{ before: user }], verifiers: [] },
      },
      { users: [outcome.user], verifiers: [] },
    );
    this.#logger.info({ userId: user.id }, "wrong PIN offline");
    return outcome.error;
  }

  #base(user: KioskUser, now: number) {
    return {
      id: crypto.randomUUID(),
      clientTime: now,
      baseVersion: user.version,
    };
  }
}

/**
 * Checks that the kind of proof fits the actor: a passkey holder proves
 * with it, and an organisation that requires passkeys for resets rejects a
 * reset by an actor without one.
 */
function checkProofKind(
  actorUser: KioskUser,
  passkeyRequired: boolean,
  proof: string | OfflinePasskeyPrompt,
): void {
  if (!actorUser.hasPasskey && passkeyRequired) {
    throw new KioskError({
      code: "PASSKEY_REQUIRED",
      message:
        "The organisation requires a passkey as proof for a PIN reset. Register a passkey first.",
    });
  }
  if (actorUser.hasPasskey && typeof proof === "string") {
    throw new KioskError({
      code: "PASSKEY_PROOF_REQUIRED",
      message:
        "You have a passkey, so confirm this action with it rather than with a PIN.",
    });
  }
}

/** Returns the origin and relying party id of the kiosk's page. */
function pageOrigin(): PasskeyOrigin {
  return { origin: location.origin, rpId: location.hostname };
}

function findUser(
  users: readonly KioskUser[],
  identity: SignInIdentity,
): KioskUser {
  const user =
    "userId" in identity
      ? users.find((each) => each.id === identity.userId)
      : users.find((each) => each.employeeNumber === identity.employeeNumber);
  if (user === undefined) {
    throw new KioskError({
      code: "USER_NOT_FOUND",
      message: "No active user with these details in this store.",
    });
  }
  return user;
}

/**
 * Returns the verifier that replaces the user's cached one. It keeps the
 * credential version the hub announced, so the tablet does not fetch the
 * old verifier again. Once the hub has applied the change, its next
 * version replaces this verifier.
 */
function nextVerifier(user: KioskUser, verifier: string): CachedVerifier {
  return {
    userId: user.id,
    credentialVersion: user.credentialVersion,
    verifier,
  };
}

function undoOf(
  user: KioskUser,
  before: CachedVerifier | null,
  written: string,
): UndoRecord {
  return {
    users: [{ before: user }],
    verifiers: [{ userId: user.id, before, written }],
  };
}

function policyError(violations: readonly string[]): KioskError {
  return new KioskError({
    code: "PIN_POLICY_VIOLATION",
    message: `The new PIN is not allowed (${violations.join(", ")}).`,
    details: { violations: [...violations] },
  });
}

const SCOPE_CODES = {
  "permission-missing": "PERMISSION_MISSING",
  "self-action": "SELF_ACTION",
  "level-not-higher": "LEVEL_NOT_HIGHER",
  "out-of-scope": "OUT_OF_SCOPE",
} as const;

function scopeError(reason: keyof typeof SCOPE_CODES): KioskError {
  return new KioskError({
    code: SCOPE_CODES[reason],
    message: `The scope rule does not allow this reset (${reason}).`,
  });
}
