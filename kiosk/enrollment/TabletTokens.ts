import type { TabletId } from "../../protocol";
import { signTabletChallenge } from "../crypto/tabletKeyPair";
import type { Logger } from "../log/Logger";
import type { ApiClient, TabletTokenSource } from "../net/ApiClient";

/** How long before its expiry a token is renewed, in milliseconds. */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;

export interface TabletTokensOptions {
  readonly api: Pick<ApiClient, "tabletChallenge" | "tabletSession">;
  readonly tabletId: TabletId;
  readonly privateKey: CryptoKey;
  readonly logger: Logger;
  readonly now?: () => number;
}

/**
 * The tablet token, kept in memory only. The tablet requests a challenge
 * from the hub, signs it with its non-extractable key and exchanges the
 * signature for a token that works for an hour. Concurrent callers share
 * one proof. Errors arrive as `KioskError`, `TABLET_REVOKED` included.
 */
export class TabletTokens implements TabletTokenSource {
  readonly #options: TabletTokensOptions;
  readonly #now: () => number;
  #current: { readonly token: string; readonly expiresAt: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(options: TabletTokensOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  token(): Promise<string> {
    const current = this.#current;
    if (
      current !== undefined &&
      current.expiresAt - RENEW_BEFORE_EXPIRY_MS > this.#now()
    ) {
      return Promise.resolve(current.token);
    }
    this.#pending ??= this.#prove().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  invalidate(): void {
    this.#current = undefined;
  }

  async #prove(): Promise<string> {
    const { api, tabletId, privateKey, logger } = this.#options;
    const { challenge } = await api.tabletChallenge({ tabletId });
    const signature = await signTabletChallenge(privateKey, challenge);
    const session = await api.tabletSession({
      tabletId,
      challenge,
      signature,
    });
    this.#current = {
      token: session.tabletToken,
      expiresAt: session.expiresAt,
    };
    logger.info(
      { tabletId, expiresAt: session.expiresAt },
      "tablet key proved",
    );
    return session.tabletToken;
  }
}
