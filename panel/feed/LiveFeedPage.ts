import { css, html, nothing } from "lit";
import { io, type Socket } from "socket.io-client";
import { z } from "zod";
import { ADMIN_NAMESPACE, ErrorBody, FeedEntry } from "../../protocol";
import type { PageRoute } from "../app/route";
import { panelSession } from "../app/PanelSession";
import { i18n } from "../i18n";
import { dataTableStyles, renderDataTable } from "../ui/dataTable";
import { PanelElement } from "../ui/PanelElement";
import { sharedStyles } from "../ui/sharedStyles";
import {
  loadStoreChoices,
  storeLabel,
  type StoreChoice,
} from "../tablets/storeChoices";
import { FEED_LIMIT, keepNewest } from "./keepNewest";
import { payloadUserId, UserNames } from "./UserNames";
import { formatDateTime } from "../ui/formatDateTime";

type ConnectionState = "connecting" | "live" | "disconnected" | "ended";

/** The error a rejected socket.io handshake carries in `data`. */
const HandshakeError = z.object({
  data: z.object({ code: z.string(), message: z.string() }),
});

/**
 * Live feed page. It shows every change and audit event the hub applies in
 * the stores in the signed-in user's scope, newest on top. Entries come from
 * the `/admin` socket.io namespace, which the session cookie authenticates.
 * Pausing buffers new entries until resumed. Only the newest `FEED_LIMIT`
 * entries are kept.
 */
export class LiveFeedPage extends PanelElement {
  static override properties = {
    route: { attribute: false },
    entries: { state: true },
    held: { state: true },
    paused: { state: true },
    connection: { state: true },
    connectionError: { state: true },
    stores: { state: true },
  };

  static override styles = [
    sharedStyles,
    dataTableStyles,
    css`
      .status {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem;
      }

      .payload {
        font-size: 0.875rem;
        overflow-wrap: anywhere;
      }
    `,
  ];

  declare route: PageRoute | undefined;
  /** Entries on show, newest first. */
  declare entries: readonly FeedEntry[];
  /** Entries that arrived while paused, newest first. */
  declare held: readonly FeedEntry[];
  declare paused: boolean;
  declare connection: ConnectionState;
  declare connectionError: string | undefined;
  declare stores: readonly StoreChoice[];

  #socket: Socket | undefined;
  readonly #names = new UserNames(() => this.requestUpdate());
  /** Sequence number of the newest entry received, so a reconnect resumes after it. */
  #lastSeq: number | undefined;

  constructor() {
    super();
    this.entries = [];
    this.held = [];
    this.paused = false;
    this.connection = "connecting";
    this.connectionError = undefined;
    this.stores = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void loadStoreChoices(panelSession.user).then((stores) => {
      this.stores = stores;
    });
    this.#connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#socket?.disconnect();
    this.#socket = undefined;
  }

  protected override render() {
    return html`<h1>${i18n.t("nav.feed")}</h1>
      <p class="help">${i18n.t("feed.intro", { limit: FEED_LIMIT })}</p>
      <div class="status">
        <p
          role="status"
          data-testid="feed-connection"
          data-state=${this.connection}
        >
          ${i18n.t(`feed.connection.${this.connection}`)}
        </p>
        <button
          type="button"
          class="button secondary"
          data-testid="feed-pause"
          aria-pressed=${this.paused ? "true" : "false"}
          @click=${this.#togglePause}
        >
          ${this.paused ? i18n.t("feed.resume") : i18n.t("feed.pause")}
        </button>
        ${
          this.paused && this.held.length > 0
            ? html`<p data-testid="feed-held">
                ${i18n.plural("feed.held", this.held.length)}
              </p>`
            : nothing
        }
      </div>
      ${
        this.connectionError === undefined
          ? nothing
          : html`<p class="error" role="alert" data-testid="feed-error">
              ${this.connectionError}
            </p>`
      }
      ${renderDataTable({
        caption: i18n.t("feed.caption"),
        rows: this.entries,
        testId: "feed-table",
        rowTestId: (entry) => `feed-row-${entry.seq}`,
        empty: i18n.t("feed.empty"),
        columns: [
          {
            header: i18n.t("audit.time"),
            rowHeader: true,
            cell: (entry) => formatDateTime(entry.at),
          },
          {
            header: i18n.t("feed.category"),
            cell: (entry) => i18n.t(`feed.category.${entry.category}`),
          },
          {
            header: i18n.t("audit.kind"),
            cell: (entry) =>
              html`<code data-testid="feed-kind">${entry.kind}</code>`,
          },
          {
            header: i18n.t("feed.summary"),
            cell: (entry) =>
              html`<span data-testid="feed-summary"
                >${this.#concerns(entry)}</span
              >`,
          },
          {
            header: i18n.t("audit.actor"),
            cell: (entry) =>
              entry.actorId === null ? "—" : this.#names.nameOf(entry.actorId),
          },
          {
            header: i18n.t("audit.outcome"),
            cell: (entry) =>
              entry.outcome === null
                ? "—"
                : i18n.t(`audit.outcome.${entry.outcome}`),
          },
          {
            header: i18n.t("alerts.stores"),
            cell: (entry) =>
              entry.storeIds.length === 0
                ? i18n.t("audit.allStores")
                : entry.storeIds
                    .map((id) => storeLabel(this.stores, id))
                    .join(", "),
          },
        ],
      })}`;
  }

  #connect(): void {
    // withCredentials sends the session cookie, which authenticates the
    // namespace. The first handshake starts at the newest entry; after a
    // network loss the socket reconnects on its own and resumes after the
    // last entry received, so no entry is missed.
    const socket = io(ADMIN_NAMESPACE, {
      withCredentials: true,
      auth: (send) =>
        send(this.#lastSeq === undefined ? {} : { after: this.#lastSeq }),
    });
    this.#socket = socket;
    socket.on("connect", () => {
      this.connection = "live";
      this.connectionError = undefined;
    });
    socket.on("disconnect", () => {
      if (this.connection !== "ended") {
        this.connection = "disconnected";
      }
    });
    socket.on("connect_error", (error: Error) => {
      this.connection = "disconnected";
      const parsed = HandshakeError.safeParse(error);
      this.connectionError = parsed.success
        ? parsed.data.data.message
        : i18n.t("feed.connectFailed");
    });
    socket.on("ended", (raw: unknown) => {
      // The session ended; the hub disconnects and the socket stays closed.
      const parsed = ErrorBody.shape.error.safeParse(raw);
      this.connection = "ended";
      this.connectionError = parsed.success
        ? parsed.data.message
        : i18n.t("feed.connectFailed");
    });
    socket.on("entry", (raw: unknown) => {
      const parsed = FeedEntry.safeParse(raw);
      if (!parsed.success) {
        // NOTE: an entry of an unknown shape is dropped, not shown.
        console.warn("live feed: entry of an unexpected shape dropped");
        return;
      }
      this.#lastSeq = parsed.data.seq;
      this.#receive(parsed.data);
    });
  }

  /** Returns the user an entry concerns, else its reason, else a dash. */
  #concerns(entry: FeedEntry): string {
    const userId = entry.targetId ?? payloadUserId(entry);
    if (userId !== undefined) {
      return this.#names.nameOf(userId);
    }
    return entry.reason ?? "—";
  }

  #receive(entry: FeedEntry): void {
    this.#names.learn(entry);
    if (this.paused) {
      this.held = keepNewest(this.held, [entry]);
      return;
    }
    this.entries = keepNewest(this.entries, [entry]);
  }

  readonly #togglePause = (): void => {
    if (this.paused) {
      // `held` is newest first, but keepNewest expects the oldest first.
      this.entries = keepNewest(this.entries, [...this.held].reverse());
      this.held = [];
    }
    this.paused = !this.paused;
  };
}

customElements.define("sf-live-feed-page", LiveFeedPage);

declare global {
  interface HTMLElementTagNameMap {
    "sf-live-feed-page": LiveFeedPage;
  }
}
