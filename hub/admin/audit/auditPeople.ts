import type { AuditPerson, UserId } from "../../../protocol";
import type { Storage } from "../../storage/Storage";

/**
 * Looks up the people named in audit entries, each user once, so that a
 * long export does not read the same user again for every entry.
 */
export class AuditPeople {
  readonly #storage: Storage;
  readonly #known = new Map<UserId, AuditPerson>();

  constructor(storage: Storage) {
    this.#storage = storage;
  }

  /** Returns the person with `id`, or null for no id. */
  async get(id: UserId | null | undefined): Promise<AuditPerson | null> {
    if (id === null || id === undefined) {
      return null;
    }
    const known = this.#known.get(id);
    if (known) {
      return known;
    }
    const user = await this.#storage.users.get(id);
    const person: AuditPerson = {
      id,
      employeeNumber: user?.employeeNumber ?? null,
      name: user ? `${user.firstName} ${user.lastName}` : null,
    };
    this.#known.set(id, person);
    return person;
  }
}
