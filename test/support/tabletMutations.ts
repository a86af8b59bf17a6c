import { randomUUID } from "node:crypto";
import type {
  HubSealingKey,
  Mutation,
  SealedPinChange,
  SealedPinReset,
  UserId,
} from "../../protocol";
import { sealSecret } from "./testTablet";

/** When the tablet acted, and optionally the id and user version it sent. */
export interface MutationOptions {
  /** The tablet's clock, in ms since the epoch. */
  readonly clientTime: number;
  readonly id?: string;
  readonly baseVersion?: number;
}

/** Builds the mutation for a wrong PIN typed at an offline tablet. */
export function signInFailure(
  userId: UserId,
  options: MutationOptions,
): Mutation {
  return { kind: "sign-in.failure", userId, ...base(options) };
}

/** Builds the mutation for a sign-in that an offline tablet verified. */
export function signInSuccess(
  userId: UserId,
  options: MutationOptions,
): Mutation {
  return { kind: "sign-in.success", userId, ...base(options) };
}

/** Builds a user's own offline PIN change, sealed to the hub's key. */
export function pinChange(
  sealingKey: HubSealingKey,
  userId: UserId,
  pins: SealedPinChange,
  options: MutationOptions,
): Extract<Mutation, { kind: "pin.change" }> {
  return {
    kind: "pin.change",
    userId,
    sealed: sealSecret(sealingKey, pins),
    ...base(options),
  };
}

/** Builds a manager's offline PIN reset, sealed to the hub's key. */
export function pinReset(
  sealingKey: HubSealingKey,
  actorId: UserId,
  targetId: UserId,
  pins: SealedPinReset,
  options: MutationOptions,
): Extract<Mutation, { kind: "pin.reset" }> {
  return {
    kind: "pin.reset",
    actorId,
    targetId,
    sealed: sealSecret(sealingKey, pins),
    ...base(options),
  };
}

function base(options: MutationOptions): {
  id: string;
  clientTime: number;
  baseVersion: number;
} {
  return {
    id: options.id ?? randomUUID(),
    clientTime: options.clientTime,
    baseVersion: options.baseVersion ?? 1,
  };
}
