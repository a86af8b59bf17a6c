import type { Generated } from "kysely";
import type { OutboxMessageKind, OutboxMessageStatus } from "../../protocol";

/**
 * Table types for kysely. Times are milliseconds since the epoch; booleans
 * are 0 or 1 so that SQLite and PostgreSQL store them alike; lists are JSON
 * text.
 */
export interface Database {
  organisation: OrganisationTable;
  stores: StoreTable;
  store_groups: StoreGroupTable;
  store_group_stores: StoreGroupStoreTable;
  roles: RoleTable;
  users: UserTable;
  user_stores: UserStoreTable;
  user_groups: UserGroupTable;
  pin_credentials: PinCredentialTable;
  pin_history: PinHistoryTable;
  lockouts: LockoutTable;
  kiosk_sessions: KioskSessionTable;
  log_entries: LogEntryTable;
  outbox: OutboxTable;
  offline_verifiers: OfflineVerifierTable;
  tablets: TabletTable;
  enrollment_codes: EnrollmentCodeTable;
  tablet_challenges: TabletChallengeTable;
  applied_mutations: AppliedMutationTable;
  log_entry_stores: LogEntryStoreTable;
  api_tokens: ApiTokenTable;
  pin_choice_grants: PinChoiceGrantTable;
  admin_passwords: AdminPasswordTable;
  admin_sessions: AdminSessionTable;
  password_codes: PasswordCodeTable;
  passkey_credentials: PasskeyCredentialTable;
  webauthn_challenges: WebauthnChallengeTable;
  passkey_grants: PasskeyGrantTable;
  offline_passkey_assertions: OfflinePasskeyAssertionTable;
  passkey_versions: PasskeyVersionTable;
}

export interface OrganisationTable {
  id: string;
  name: string;
  settings_json: string;
  created_at: number;
}

export interface StoreTable {
  id: string;
  code: string;
  name: string;
  time_zone: string;
  created_at: number;
}

export interface StoreGroupTable {
  id: string;
  name: string;
  created_at: number;
}

export interface StoreGroupStoreTable {
  group_id: string;
  store_id: string;
}

export interface RoleTable {
  id: string;
  name: string;
  level: number;
  permissions_json: string;
  built_in: number;
  created_at: number;
}

export interface UserTable {
  id: string;
  employee_number: string;
  /** Lowercased employee number: the unique key roster rows match on. */
  employee_number_key: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  role_id: string;
  org_wide: number;
  status: "active" | "deactivated";
  version: number;
  created_at: number;
  updated_at: number;
}

export interface UserStoreTable {
  user_id: string;
  store_id: string;
}

export interface UserGroupTable {
  user_id: string;
  group_id: string;
}

export interface PinCredentialTable {
  user_id: string;
  hash: string;
  temporary: number;
  expires_at: number | null;
  set_at: number;
  /** Raised with every new PIN; tablets refetch the verifier when it changes. */
  version: Generated<number>;
}

export interface PinHistoryTable {
  id: Generated<number>;
  user_id: string;
  hash: string;
  set_at: number;
}

export interface LockoutTable {
  user_id: string;
  failures: number;
  lock_kind: "none" | "timed" | "permanent";
  locked_until: number | null;
  last_failure_at: number | null;
  last_tablet_id: string | null;
}

export interface KioskSessionTable {
  /** SHA-256 of the bearer token; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  store_id: string;
  tablet_id: string;
  must_change_pin: number;
  created_at: number;
  expires_at: number;
}

export interface LogEntryTable {
  seq: Generated<number>;
  at: number;
  /** `change` entries reach tablets; `audit` entries never do. */
  category: "change" | "audit";
  kind: string;
  actor_id: string | null;
  target_id: string | null;
  tablet_id: string | null;
  /** Stores that may see the entry, as a JSON array of store ids. */
  store_ids_json: string;
  outcome: "success" | "failure" | null;
  reason: string | null;
  payload_json: string;
}

export interface OutboxTable {
  id: string;
  user_id: string;
  channel: "email" | "sms" | "local";
  recipient: string;
  /** Message body with the temporary PIN, encrypted with the hub's secret key. */
  ciphertext: string;
  /** Message kind, kept after the sealed content is dropped. */
  kind: Generated<OutboxMessageKind>;
  status: OutboxMessageStatus;
  attempts: number;
  created_at: number;
  expires_at: number;
  delivered_at: number | null;
  last_error: string | null;
  /** Earliest time of the next delivery attempt. */
  next_attempt_at: Generated<number>;
  /** End of the lease of the hub process sending the message, if any. */
  claimed_until: number | null;
  /** Random value naming that lease, so a process whose lease ran out cannot finish the message. */
  claim_token: string | null;
}

export interface OfflineVerifierTable {
  user_id: string;
  credential_version: number;
  /** argon2id PHC string at the tablet's cost, sealed with the hub's secret key. */
  sealed_verifier: string;
}

export interface TabletTable {
  id: string;
  store_id: string;
  label: string;
  /** The tablet's P-256 public key as JWK; the private key never leaves it. */
  public_key_json: string;
  status: "active" | "revoked" | "stolen";
  enrolled_by: string | null;
  enrolled_at: number;
  last_seen_at: number | null;
  /** Hub time of the tablet's last acknowledged pull or push. */
  last_sync_at: number | null;
  last_sync_seq: number;
  revoked_at: number | null;
}

export interface EnrollmentCodeTable {
  /** SHA-256 of the normalised code; the code itself is shown once and not stored. */
  code_hash: string;
  store_id: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  redeemed_at: number | null;
  tablet_id: string | null;
}

export interface TabletChallengeTable {
  challenge: string;
  tablet_id: string;
  expires_at: number;
}

export interface AppliedMutationTable {
  /** The tablet-made mutation id: the key that makes a resend harmless. */
  id: string;
  tablet_id: string;
  kind: string;
  status: "applied" | "rejected";
  reason: string | null;
  message: string | null;
  received_at: number;
}

export interface LogEntryStoreTable {
  seq: number;
  store_id: string;
}

export interface ApiTokenTable {
  id: string;
  name: string;
  /** SHA-256 of the whole token; the token is shown once and not stored. */
  token_hash: string;
  /** Granted scopes as a JSON array, e.g. ["feed:read"]. */
  scopes_json: string;
  /** Stores the token may see as a JSON array; null for the whole organisation. */
  store_ids_json: string | null;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
}

export interface AdminPasswordTable {
  user_id: string;
  /** argon2id PHC string of the control panel password. */
  hash: string;
  set_at: number;
  /** Wrong passwords since the last right one, at sign-in or as proof. */
  failures: number;
  /** Password sign-in is rejected before this time, when set. */
  locked_until: number | null;
  last_failure_at: number | null;
}

export interface AdminSessionTable {
  /** SHA-256 of the cookie's token; the token itself is never stored. */
  token_hash: string;
  /** SHA-256 of the session's CSRF token. */
  csrf_hash: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  /** The session ends at this time unless a request extends it. */
  idle_expires_at: number;
  /** The session ends at this time however much it is used. */
  absolute_expires_at: number;
}

export interface PasswordCodeTable {
  /** SHA-256 of the one-time code; the code is shown once and not stored. */
  code_hash: string;
  user_id: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface PinChoiceGrantTable {
  /** SHA-256 of the grant; the grant itself goes only to the approving tablet. */
  grant_hash: string;
  /** The user who chooses their own PIN with the grant. */
  user_id: string;
  /** The manager who approved the choice. */
  approver_id: string;
  /** The approving tablet: the only one the grant works from. */
  tablet_id: string;
  store_id: string;
  /** The user's credential version at approval; a PIN set since voids the grant. */
  credential_version: number;
  /** PINs the hub rejected under this grant. */
  failed_attempts: Generated<number>;
  created_at: number;
  expires_at: number;
  /** When the grant was used, or voided by a newer one; null while it is open. */
  used_at: number | null;
}

export interface PasskeyCredentialTable {
  /** The hub's id of the passkey, used in routes. */
  id: string;
  /** The WebAuthn credential id, base64url. */
  credential_id: string;
  user_id: string;
  /** The COSE public key, base64url. */
  public_key: string;
  /** The signature counter last seen. */
  counter: number;
  /** JSON array of transports the authenticator reported. */
  transports: string;
  name: string;
  /** `singleDevice` or `multiDevice`, from the backup eligibility flag. */
  device_type: string;
  /** 1 when the authenticator reported the key as backed up. */
  backed_up: number;
  created_at: number;
  last_used_at: number | null;
}

export interface WebauthnChallengeTable {
  /** Id the client names the challenge by; not the challenge itself. */
  id: string;
  /** The challenge, base64url, as signed by the authenticator. */
  challenge: string;
  /** `registration`, `sign-in` or `proof`: what the challenge may be used for. */
  purpose: string;
  user_id: string | null;
  tablet_id: string | null;
  /** Hash of the kiosk or panel session the challenge belongs to. */
  session_key: string | null;
  /** SHA-256 of the registration grant the challenge was issued under. */
  grant_hash: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface PasskeyGrantTable {
  /** SHA-256 of the one-time grant; the grant is shown once and not stored. */
  grant_hash: string;
  /** The user who may register a passkey with it. */
  user_id: string;
  /** The administrator who issued it; null for the command line. */
  issued_by: string | null;
  created_at: number;
  expires_at: number;
  /** When it was used or voided by a newer grant; null while it is open. */
  used_at: number | null;
}

export interface OfflinePasskeyAssertionTable {
  /** The mutation the assertion proved; one assertion per mutation. */
  mutation_id: string;
  credential_id: string;
  user_id: string;
  tablet_id: string;
  /** The signature counter of the assertion. */
  counter: number;
  accepted_at: number;
}

export interface PasskeyVersionTable {
  user_id: string;
  /** Raised whenever the user adds or removes a passkey. */
  version: number;
}
