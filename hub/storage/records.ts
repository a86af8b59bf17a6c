import type {
  EmployeeNumber,
  LockState,
  OutboxMessageKind,
  OutboxMessageStatus,
  Permission,
  RoleId,
  StoreGroupId,
  StoreId,
  TabletId,
  UserId,
} from "../../protocol";

/** Domain records as the storage layer returns them. Times in ms since the epoch. */

export interface StoreRecord {
  readonly id: StoreId;
  readonly code: string;
  readonly name: string;
  readonly timeZone: string;
}

export interface RoleRecord {
  readonly id: RoleId;
  readonly name: string;
  readonly level: number;
  readonly permissions: readonly Permission[];
  readonly builtIn: boolean;
}

export type UserStatus = "active" | "deactivated";

export interface UserRecord {
  readonly id: UserId;
  readonly employeeNumber: EmployeeNumber;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly roleId: RoleId;
  /** Whether the user's scope is the whole organisation. */
  readonly orgWide: boolean;
  readonly status: UserStatus;
  readonly version: number;
  /** Stores the user is assigned to directly. */
  readonly storeIds: readonly StoreId[];
  /** Groups of stores the user is assigned to. */
  readonly groupIds: readonly StoreGroupId[];
}

export interface NewUser {
  readonly id: UserId;
  readonly employeeNumber: EmployeeNumber;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly roleId: RoleId;
  readonly orgWide: boolean;
  readonly storeIds: readonly StoreId[];
  readonly groupIds: readonly StoreGroupId[];
}

export type UserPatch = Partial<
  Pick<
    UserRecord,
    | "firstName"
    | "lastName"
    | "email"
    | "phone"
    | "roleId"
    | "orgWide"
    | "status"
    | "storeIds"
    | "groupIds"
  >
>;

export interface PinCredentialRecord {
  /** argon2id hash in PHC string form. */
  readonly hash: string;
  readonly temporary: boolean;
  /** When a temporary PIN stops working; null for a PIN the user chose. */
  readonly expiresAt: number | null;
  readonly setAt: number;
  /** Raised with every new PIN. */
  readonly version: number;
}

export interface LockoutRecord {
  /** Consecutive failures since the last success or unlock. */
  readonly failures: number;
  readonly lock: LockState;
  readonly lastFailureAt: number | null;
  readonly lastTabletId: TabletId | null;
}

export interface KioskSessionRecord {
  readonly tokenHash: string;
  readonly userId: UserId;
  readonly storeId: StoreId;
  readonly tabletId: TabletId;
  readonly mustChangePin: boolean;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export type LogCategory = "change" | "audit";

export interface LogEntryInput {
  readonly category: LogCategory;
  readonly kind: string;
  readonly actorId?: UserId | null;
  readonly targetId?: UserId | null;
  readonly tabletId?: TabletId | null;
  /** Stores that may see the entry; empty for organisation-wide entries. */
  readonly storeIds: readonly StoreId[];
  readonly outcome?: "success" | "failure" | null;
  readonly reason?: string | null;
  /** Details; never a PIN, hash, verifier or token. */
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface LogEntry extends LogEntryInput {
  readonly seq: number;
  readonly at: number;
}

export interface OutboxMessageInput {
  readonly id: string;
  readonly userId: UserId;
  readonly channel: "email" | "sms" | "local";
  readonly recipient: string;
  readonly kind: OutboxMessageKind;
  readonly ciphertext: string;
  readonly expiresAt: number;
}

export interface OutboxMessageRecord extends OutboxMessageInput {
  readonly status: OutboxMessageStatus;
  readonly attempts: number;
  readonly createdAt: number;
  readonly deliveredAt: number | null;
}
