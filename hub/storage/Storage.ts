import type { OrgRepository } from "./orgRepository";
import type { UserRepository } from "./userRepository";
import type { CredentialRepository } from "./credentialRepository";
import type { SessionRepository } from "./sessionRepository";
import type { LogRepository } from "./logRepository";
import type { OutboxRepository } from "./outboxRepository";
import type { TabletRepository } from "./tabletRepository";
import type { MutationRepository } from "./mutationRepository";
import type { ApiTokenRepository } from "./apiTokenRepository";
import type { PinChoiceGrantRepository } from "./pinChoiceGrantRepository";
import type { AdminPasswordRepository } from "./adminPasswordRepository";
import type { AdminSessionRepository } from "./adminSessionRepository";
import type { PasswordCodeRepository } from "./passwordCodeRepository";
import type { PasskeyRepository } from "./passkeyRepository";

/**
 * Everything the hub stores, behind one interface. The kysely implementation
 * serves SQLite today; a PostgreSQL dialect plugs into the same repositories.
 */
export interface Storage {
  readonly org: OrgRepository;
  readonly users: UserRepository;
  readonly credentials: CredentialRepository;
  readonly sessions: SessionRepository;
  readonly log: LogRepository;
  readonly outbox: OutboxRepository;
  readonly tablets: TabletRepository;
  readonly mutations: MutationRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly pinChoiceGrants: PinChoiceGrantRepository;
  readonly adminPasswords: AdminPasswordRepository;
  readonly adminSessions: AdminSessionRepository;
  readonly passwordCodes: PasswordCodeRepository;
  readonly passkeys: PasskeyRepository;

  /**
   * Runs `work` in one database transaction: every write inside it lands, or
   * none does. Nested calls reuse the outer transaction.
   */
  transaction<T>(work: (storage: Storage) => Promise<T>): Promise<T>;

  /** Closes the database connection. */
  close(): Promise<void>;
}
