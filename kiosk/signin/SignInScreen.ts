import { css, html, nothing } from "lit";
import {
  EmployeeNumber,
  type KioskUser,
  type OrgSettings,
  type SignInIdentity,
} from "../../protocol";
import { describeError } from "../i18n/describeError";
import { i18n } from "../i18n";
import { KioskError } from "../net/KioskError";
import type { CacheStatus } from "../offline/cacheExpiry";
import type { SessionActions } from "../session/KioskSession";
import "../pin/PinPad";
import { KioskElement } from "../ui/KioskElement";
import { RedrawTimer } from "../ui/RedrawTimer";
import { sharedStyles } from "../ui/sharedStyles";
import "../users/UserGrid";
import { fullName, isUserLocked, nextLockExpiry } from "../users/userDisplay";
import "./EmployeeNumberForm";

/** Candidate for sign-in: a tile from the list, or a typed number. */
type Candidate =
  | { readonly kind: "user"; readonly userId: KioskUser["id"] }
  | { readonly kind: "employee-number"; readonly employeeNumber: string };

/**
 * The sign-in screen: pick a user from the store's list (or type an
 * employee number when the organisation's settings require it), then type
 * the PIN. Errors show inside the pad, localised by code. When the hub is
 * out of reach and the cache cannot serve offline sign-ins, the screen
 * states that the tablet needs the network instead of offering a list that
 * fails.
 */
export class SignInScreen extends KioskElement {
  static override properties = {
    users: { attribute: false },
    settings: { attribute: false },
    timeZone: { type: String },
    networkNeeded: { attribute: false },
    candidate: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      .pin {
        max-width: 26rem;
        margin: 0 auto;
      }
    `,
  ];

  declare users: readonly KioskUser[];
  declare settings: OrgSettings;
  /** The store's IANA time zone, for lock end times. */
  declare timeZone: string;
  /** The cache's state that rules out offline sign-in, while the hub is out of reach. */
  declare networkNeeded: Exclude<CacheStatus, { kind: "usable" }> | undefined;
  declare candidate: Candidate | undefined;
  declare error: KioskError | undefined;
  declare busy: boolean;

  actions: Pick<SessionActions, "signIn"> | undefined;

  readonly #redraw = new RedrawTimer(this);
  /** The user's roster version when the shown error arrived. */
  #errorUserVersion: number | undefined;

  constructor() {
    super();
    this.users = [];
    this.timeZone = "";
    this.networkNeeded = undefined;
    this.candidate = undefined;
    this.error = undefined;
    this.busy = false;
  }

  protected override render() {
    const networkNeeded = this.networkNeeded;
    if (networkNeeded !== undefined) {
      return this.#renderNetworkNeeded(networkNeeded);
    }
    const candidate = this.candidate;
    if (candidate === undefined) {
      return this.#renderPicker();
    }
    return this.#renderPin(candidate);
  }

  #renderNetworkNeeded(status: Exclude<CacheStatus, { kind: "usable" }>) {
    const reason = {
      missing: () => i18n.t("signIn.networkMissing"),
      expired: () =>
        i18n.t("signIn.networkExpired", {
          hours: this.settings.offlineWindowHours,
        }),
      "clock-backwards": () => i18n.t("signIn.networkClock"),
    }[status.kind]();
    return html`<section
      class="card"
      role="alert"
      data-testid="network-needed"
      data-reason=${status.kind}
    >
      <h1>${i18n.t("signIn.networkNeededTitle")}</h1>
      <p>${reason}</p>
    </section>`;
  }

  #renderPicker() {
    if (this.settings.signInMode === "employee-number") {
      return html`<h1>${i18n.t("signIn.employeeNumberTitle")}</h1>
        <sf-employee-number-form
          .onSubmit=${(employeeNumber: string) => this.#choose({ kind: "employee-number", employeeNumber })}
        ></sf-employee-number-form>`;
    }
    return html`<h1>${i18n.t("signIn.title")}</h1>
      <sf-user-grid
        .users=${this.users}
        .onSelect=${(user: KioskUser) => this.#choose({ kind: "user", userId: user.id })}
      ></sf-user-grid>`;
  }

  #renderPin(candidate: Candidate) {
    const user =
      candidate.kind === "user"
        ? this.users.find((each) => each.id === candidate.userId)
        : undefined;
    const label =
      candidate.kind === "user"
        ? i18n.t("signIn.pinFor", { name: user ? fullName(user) : "" })
        : i18n.t("signIn.pinForNumber", { number: candidate.employeeNumber });
    const message = this.#message(user);
    return html`<div class="pin">
      <sf-pin-pad
        .label=${label}
        .submitLabel=${i18n.t("signIn.submit")}
        .disabled=${this.busy}
        .showBack=${true}
        .onSubmit=${this.#signIn}
        .onBack=${this.#back}
      >
        ${
          message === undefined
            ? nothing
            : html`<p class="error" role="alert" data-testid="sign-in-error">
                ${message}
              </p>`
        }
      </sf-pin-pad>
    </div>`;
  }

  /** The hub's error if there is one, else the lock the roster shows. */
  #message(user: KioskUser | undefined): string | undefined {
    const error = this.error;
    const lockedUntil = error?.detailNumber("lockedUntil");
    const expired =
      error?.is("USER_LOCKED") === true &&
      lockedUntil !== undefined &&
      lockedUntil <= Date.now();
    if (error !== undefined && !expired) {
      return describeError(error, i18n, this.timeZone);
    }
    if (user === undefined) {
      return undefined;
    }
    const name = fullName(user);
    switch (user.lock.kind) {
      case "timed":
        return user.lock.until > Date.now()
          ? i18n.t("signIn.lockedUntil", {
              name,
              time: i18n.formatTime(user.lock.until, this.timeZone),
            })
          : undefined;
      case "permanent":
        return i18n.t("signIn.lockedPermanent", { name });
      case "none":
        return undefined;
    }
  }

  #choose(candidate: Candidate): void {
    this.error = undefined;
    this.candidate = candidate;
  }

  readonly #back = (): void => {
    this.error = undefined;
    this.candidate = undefined;
  };

  readonly #signIn = async (pin: string): Promise<void> => {
    const { actions, candidate } = this;
    if (actions === undefined || candidate === undefined || this.busy) {
      return;
    }
    const identity: SignInIdentity =
      candidate.kind === "user"
        ? { userId: candidate.userId }
        : { employeeNumber: EmployeeNumber.parse(candidate.employeeNumber) };

    this.busy = true;
    this.error = undefined;
    try {
      await actions.signIn(identity, pin);
    } catch (error) {
      this.error = KioskError.from(error);
      this.#errorUserVersion = this.#candidateUser()?.version;
    } finally {
      this.busy = false;
    }
  };

  protected override willUpdate(): void {
    const user = this.#candidateUser();
    // A user who left the store while their pad was open goes back to the list.
    if (this.candidate?.kind === "user" && user === undefined) {
      this.candidate = undefined;
      this.error = undefined;
      return;
    }
    // A lock error goes once a newer roster entry shows the user unlocked.
    if (
      user !== undefined &&
      this.#isLockError(this.error) &&
      user.version > (this.#errorUserVersion ?? Infinity) &&
      !isUserLocked(user, Date.now())
    ) {
      this.error = undefined;
    }
  }

  protected override updated(): void {
    // Redraw when the chosen user's lock ends, to drop its notice.
    const user = this.#candidateUser();
    const lockEnds = [
      user === undefined ? undefined : nextLockExpiry([user], Date.now()),
      this.error?.is("USER_LOCKED")
        ? this.error.detailNumber("lockedUntil")
        : undefined,
    ].filter((time): time is number => time !== undefined && time > Date.now());
    this.#redraw.redrawAt(
      lockEnds.length === 0 ? undefined : Math.min(...lockEnds),
    );
  }

  #candidateUser(): KioskUser | undefined {
    const candidate = this.candidate;
    return candidate?.kind === "user"
      ? this.users.find((user) => user.id === candidate.userId)
      : undefined;
  }

  #isLockError(error: KioskError | undefined): boolean {
    return (
      error !== undefined &&
      (error.is("USER_LOCKED") || error.is("USER_LOCKED_PERMANENT"))
    );
  }
}

customElements.define("sf-sign-in-screen", SignInScreen);

declare global {
  interface HTMLElementTagNameMap {
    "sf-sign-in-screen": SignInScreen;
  }
}
