import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema";
import type { Storage } from "./Storage";
import { OrgRepository } from "./orgRepository";
import { UserRepository } from "./userRepository";
import { CredentialRepository } from "./credentialRepository";
import { SessionRepository } from "./sessionRepository";
import { LogRepository } from "./logRepository";
import { OutboxRepository } from "./outboxRepository";
import { TabletRepository } from "./tabletRepository";
import { MutationRepository } from "./mutationRepository";
import { ApiTokenRepository } from "./apiTokenRepository";
import { PinChoiceGrantRepository } from "./pinChoiceGrantRepository";
import { AdminPasswordRepository } from "./adminPasswordRepository";
import { AdminSessionRepository } from "./adminSessionRepository";
import { PasswordCodeRepository } from "./passwordCodeRepository";
import { PasskeyRepository } from "./passkeyRepository";

/** The Storage implementation on kysely, for any dialect the migrations support. */
export class KyselyStorage implements Storage {
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

  readonly #db: Kysely<Database>;
  readonly #inTransaction: boolean;

  constructor(db: Kysely<Database>, inTransaction = false) {
    this.#db = db;
    this.#inTransaction = inTransaction;
    this.org = new OrgRepository(db);
    this.users = new UserRepository(db);
    this.credentials = new CredentialRepository(db);
    this.sessions = new SessionRepository(db);
    this.log = new LogRepository(db);
    this.outbox = new OutboxRepository(db);
    this.tablets = new TabletRepository(db);
    this.mutations = new MutationRepository(db);
    this.apiTokens = new ApiTokenRepository(db);
    this.pinChoiceGrants = new PinChoiceGrantRepository(db);
    this.adminPasswords = new AdminPasswordRepository(db);
    this.adminSessions = new AdminSessionRepository(db);
    this.passwordCodes = new PasswordCodeRepository(db);
    this.passkeys = new PasskeyRepository(db);
  }

  async transaction<T>(work: (storage: Storage) => Promise<T>): Promise<T> {
    if (this.#inTransaction) {
      return work(this);
    }
    return this.#db
      .transaction()
      .execute((trx: Transaction<Database>) =>
        work(new KyselyStorage(trx, true)),
      );
  }

  async close(): Promise<void> {
    if (!this.#inTransaction) {
      await this.#db.destroy();
    }
  }
}
