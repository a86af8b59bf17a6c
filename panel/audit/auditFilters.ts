import { AdminUserListResponse, type UserId } from "../../protocol";
import { adminApi, withQuery, type QueryValues } from "../api/adminApi";

/** The audit filters as typed in the form. */
export interface AuditFilterDraft {
  /** Employee number of a user who acted or was acted upon. */
  readonly user: string;
  /** Employee number of the user who acted. */
  readonly actor: string;
  readonly storeId: string;
  readonly kind: string;
  /** `datetime-local` values in the browser's time zone. */
  readonly from: string;
  readonly to: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilterDraft = {
  user: "",
  actor: "",
  storeId: "",
  kind: "",
  from: "",
  to: "",
};

/** A filter the form could not turn into a query, by its field name. */
export class AuditFilterError extends Error {
  constructor(
    readonly field: keyof AuditFilterDraft,
    message: string,
  ) {
    super(message);
    this.name = "AuditFilterError";
  }
}

/**
 * Turns the typed filters into the query of `GET /api/admin/audit` and
 * `/api/admin/audit.csv`: employee numbers become user ids, local times
 * become milliseconds since the epoch. The hub checks the result again.
 */
export async function auditQueryFrom(
  draft: AuditFilterDraft,
  messages: {
    readonly unknownUser: (employeeNumber: string) => string;
    readonly badTime: string;
  },
): Promise<QueryValues> {
  const [userId, actorId] = await Promise.all([
    userIdOf(draft.user, "user", messages.unknownUser),
    userIdOf(draft.actor, "actor", messages.unknownUser),
  ]);
  return {
    userId,
    actorId,
    storeId: draft.storeId,
    kind: draft.kind.trim(),
    from: epochOf(draft.from, "from", messages.badTime),
    to: epochOf(draft.to, "to", messages.badTime),
  };
}

/**
 * Finds the user with exactly `employeeNumber`, ignoring case, among the
 * users the signed-in user may see.
 */
async function userIdOf(
  employeeNumber: string,
  field: "user" | "actor",
  unknownUser: (employeeNumber: string) => string,
): Promise<UserId | undefined> {
  const wanted = employeeNumber.trim();
  if (wanted === "") {
    return undefined;
  }
  const { users } = await adminApi.get(
    withQuery("/api/admin/users", { search: wanted, pageSize: 50 }),
    AdminUserListResponse,
  );
  const match = users.find(
    (user) => user.employeeNumber.toLowerCase() === wanted.toLowerCase(),
  );
  if (match === undefined) {
    throw new AuditFilterError(field, unknownUser(wanted));
  }
  return match.id;
}

function epochOf(
  localTime: string,
  field: "from" | "to",
  badTime: string,
): string | undefined {
  if (localTime === "") {
    return undefined;
  }
  const time = new Date(localTime).getTime();
  if (Number.isNaN(time)) {
    throw new AuditFilterError(field, badTime);
  }
  return String(time);
}
