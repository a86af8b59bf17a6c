import { z } from "zod";
import { AdminUserDetail, type FeedEntry } from "../../protocol";
import { adminApi } from "../api/adminApi";

/** The part of a change's payload that names the user it concerns. */
const PayloadUser = z.object({
  user: z.object({
    id: z.string(),
    employeeNumber: z.string(),
    firstName: z.string(),
    lastName: z.string(),
  }),
});

/**
 * Cache of the names of users that feed entries mention by id, formatted as
 * "Ana Ruiz (E1)". Names come from changes that carry the user, and the
 * others are fetched once each with `GET /api/admin/users/:userId`. A user
 * that this request cannot return (deleted, or outside the role's scope)
 * keeps showing as its id.
 */
export class UserNames {
  readonly #names = new Map<string, string>();
  /** Ids looked up already or being looked up, so each is requested once. */
  readonly #requested = new Set<string>();
  readonly #onLearned: () => void;

  /** `onLearned` runs after a lookup added a name, to redraw. */
  constructor(onLearned: () => void) {
    this.#onLearned = onLearned;
  }

  /** Stores the name of the user a change carries, if it carries one. */
  learn(entry: FeedEntry): void {
    const parsed = PayloadUser.safeParse(entry.payload);
    if (parsed.success) {
      const { user } = parsed.data;
      this.#names.set(user.id, label(user));
    }
  }

  /** Returns the user's name, or its id while the name is unknown. */
  nameOf(id: string): string {
    const known = this.#names.get(id);
    if (known !== undefined) {
      return known;
    }
    void this.#lookUp(id);
    return id;
  }

  async #lookUp(id: string): Promise<void> {
    if (this.#requested.has(id)) {
      return;
    }
    this.#requested.add(id);
    try {
      const user = await adminApi.get(
        `/api/admin/users/${encodeURIComponent(id)}`,
        AdminUserDetail,
      );
      this.#names.set(id, label(user));
      this.#onLearned();
    } catch {
      // The id stays on show, because a failed lookup is not retried.
    }
  }
}

/** Returns the id of the user a change carries in its payload, if any. */
export function payloadUserId(entry: FeedEntry): string | undefined {
  const parsed = PayloadUser.safeParse(entry.payload);
  return parsed.success ? parsed.data.user.id : undefined;
}

function label(user: {
  readonly employeeNumber: string;
  readonly firstName: string;
  readonly lastName: string;
}): string {
  return `${user.firstName} ${user.lastName} (${user.employeeNumber})`;
}
