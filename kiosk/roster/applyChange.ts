import type {
  ChangeMessage,
  KioskUser,
  OrgSettings,
  RosterResponse,
  Snapshot,
  UserId,
} from "../../protocol";

/** A tablet's copy of its store: the roster and the newest applied change. */
export type RosterState = RosterResponse;

/** Effect of applying one change, so the caller can react to it. */
export type ChangeEffect =
  | {
      readonly kind: "ignored";
      /** `stale-seq`: the roster already includes the change. */
      readonly reason: "stale-seq" | "stale-version";
    }
  | {
      readonly kind: "user-upserted";
      readonly user: KioskUser;
      /** The user as held before, if the tablet had them. */
      readonly previous: KioskUser | undefined;
    }
  | {
      readonly kind: "user-removed";
      readonly userId: UserId;
      /** False when the tablet did not hold the user anyway. */
      readonly existed: boolean;
    }
  | { readonly kind: "settings-updated"; readonly settings: OrgSettings };

export interface ChangeResult {
  readonly state: RosterState;
  readonly effect: ChangeEffect;
}

/**
 * Applies one live change to the roster and returns the new roster, leaving
 * `state` untouched. A change at or below the roster's sequence number is
 * already part of it, so it is ignored. An upsert whose `version` is not
 * newer than the tablet's copy of the user is stale and ignored too.
 */
export function applyChange(
  state: RosterState,
  message: ChangeMessage,
): ChangeResult {
  if (message.seq <= state.seq) {
    return { state, effect: { kind: "ignored", reason: "stale-seq" } };
  }
  const advanced = { ...state, seq: message.seq };
  const { change } = message;

  switch (change.kind) {
    case "user.upsert": {
      const previous = state.users.find((user) => user.id === change.user.id);
      if (previous !== undefined && change.user.version <= previous.version) {
        return {
          state: advanced,
          effect: { kind: "ignored", reason: "stale-version" },
        };
      }
      const users =
        previous === undefined
          ? [...state.users, change.user]
          : state.users.map((user) =>
              user.id === change.user.id ? change.user : user,
            );
      return {
        state: { ...advanced, users },
        effect: { kind: "user-upserted", user: change.user, previous },
      };
    }

    case "user.remove": {
      const users = state.users.filter((user) => user.id !== change.userId);
      return {
        state: { ...advanced, users },
        effect: {
          kind: "user-removed",
          userId: change.userId,
          existed: users.length !== state.users.length,
        },
      };
    }

    case "settings.update":
      return {
        state: { ...advanced, settings: change.settings },
        effect: { kind: "settings-updated", settings: change.settings },
      };
  }
}

/** Replaces one user in the roster when `user` is newer than the one held. */
export function replaceUser(state: RosterState, user: KioskUser): RosterState {
  const held = state.users.find((candidate) => candidate.id === user.id);
  if (held === undefined || user.version <= held.version) {
    return state;
  }
  return {
    ...state,
    users: state.users.map((candidate) =>
      candidate.id === user.id ? user : candidate,
    ),
  };
}

/** Returns the roster a snapshot describes, positioned at its cursor. */
export function rosterFromSnapshot(snapshot: Snapshot): RosterState {
  return {
    store: snapshot.store,
    users: snapshot.users,
    settings: snapshot.settings,
    seq: snapshot.cursor,
  };
}

/**
 * Applies the changes of one pull in order and moves the roster to the
 * pull's cursor. The cursor may lie past the last change, because the hub
 * returns its head when nothing the store may see lies in between.
 */
export function applyPulledChanges(
  state: RosterState,
  changes: readonly ChangeMessage[],
  cursor: number,
): RosterState {
  let next = state;
  for (const message of changes) {
    next = applyChange(next, message).state;
  }
  return next.seq >= cursor ? next : { ...next, seq: cursor };
}
