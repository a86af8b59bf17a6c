import { css, html, nothing } from "lit";
import {
  ADMIN_USER_PAGE_SIZE_DEFAULT,
  AdminUserListResponse,
  type AdminUserRow,
} from "../../protocol";
import { adminApi, withQuery } from "../api/adminApi";
import { orgDirectory } from "../app/OrgDirectory";
import { navigate, routeHref, type PageRoute } from "../app/route";
import { i18n } from "../i18n";
import { dataTableStyles, renderDataTable, renderPager } from "../ui/dataTable";
import { renderErrorNotice } from "../ui/fieldErrors";
import { PanelElement } from "../ui/PanelElement";
import { sharedStyles } from "../ui/sharedStyles";
import { fullName, statusText } from "./userDisplay";

/** The list's filters, as the hash route's query carries them. */
interface UserFilters {
  readonly search: string;
  readonly storeId: string;
  readonly roleId: string;
  readonly status: string;
  readonly page: number;
}

/**
 * The users list: search, filters by store, role and status, and paging,
 * all kept in the hash route's query so the browser's back button and a
 * bookmark return to the same list. The hub does the filtering, so the
 * list stays fast with thousands of users.
 */
export class UserList extends PanelElement {
  static override properties = {
    route: { attribute: false },
    result: { state: true },
    busy: { state: true },
    error: { state: true },
  };

  static override styles = [
    sharedStyles,
    dataTableStyles,
    css`
      .search {
        flex: 1 1 16rem;
      }

      .locked {
        color: var(--sf-danger-text);
        font-weight: 600;
      }
    `,
  ];

  declare route: PageRoute | undefined;
  declare result: AdminUserListResponse | undefined;
  declare busy: boolean;
  declare error: unknown;

  /** The URL of the last request, so a response that arrives late is dropped. */
  #requested = "";

  constructor() {
    super();
    this.route = undefined;
    this.result = undefined;
    this.busy = false;
    this.error = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void orgDirectory.load().then(() => this.requestUpdate());
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("route")) {
      void this.#fetch();
    }
  }

  protected override render() {
    const filters = this.#filters();
    return html`<div class="page-head">
        <h1>${i18n.t("users.title")}</h1>
        <a class="button" href="#/users/new" data-testid="create-user"
          >${i18n.t("users.create")}</a
        >
      </div>
      <form
        class="toolbar"
        role="search"
        aria-label=${i18n.t("users.filters")}
        @submit=${this.#submit}
      >
        <div class="field search">
          <label for="user-search">${i18n.t("users.search")}</label>
          <input
            id="user-search"
            class="text-input"
            type="search"
            name="search"
            data-testid="user-search"
            .value=${filters.search}
            aria-describedby="user-search-help"
          />
          <p id="user-search-help" class="help">
            ${i18n.t("users.searchHelp")}
          </p>
        </div>
        <div class="field">
          <label for="filter-store">${i18n.t("users.store")}</label>
          <select
            id="filter-store"
            name="storeId"
            data-testid="filter-store"
            @change=${this.#submitForm}
          >
            <option value="" ?selected=${filters.storeId === ""}>
              ${i18n.t("common.all")}
            </option>
            ${orgDirectory.stores.map(
              (store) =>
                html`<option
                  value=${store.id}
                  ?selected=${filters.storeId === store.id}
                >
                  ${store.name}
                </option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="filter-role">${i18n.t("users.role")}</label>
          <select
            id="filter-role"
            name="roleId"
            data-testid="filter-role"
            @change=${this.#submitForm}
          >
            <option value="" ?selected=${filters.roleId === ""}>
              ${i18n.t("common.all")}
            </option>
            ${orgDirectory.roles.map(
              (role) =>
                html`<option
                  value=${role.id}
                  ?selected=${filters.roleId === role.id}
                >
                  ${role.name}
                </option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="filter-status">${i18n.t("users.status")}</label>
          <select
            id="filter-status"
            name="status"
            data-testid="filter-status"
            @change=${this.#submitForm}
          >
            <option value="" ?selected=${filters.status === ""}>
              ${i18n.t("common.all")}
            </option>
            <option value="active" ?selected=${filters.status === "active"}>
              ${i18n.t("users.status.active")}
            </option>
            <option
              value="deactivated"
              ?selected=${filters.status === "deactivated"}
            >
              ${i18n.t("users.status.deactivated")}
            </option>
            <option value="locked" ?selected=${filters.status === "locked"}>
              ${i18n.t("users.status.locked")}
            </option>
          </select>
        </div>
        <button type="submit" class="button" data-testid="user-search-submit">
          ${i18n.t("common.search")}
        </button>
      </form>
      ${renderErrorNotice(this.error, "users-error")} ${this.#renderResult()}`;
  }

  #renderResult() {
    const result = this.result;
    if (result === undefined) {
      return this.busy
        ? html`<p role="status">${i18n.t("app.loading")}</p>`
        : nothing;
    }
    return html`${renderDataTable<AdminUserRow>({
      caption: i18n.t("users.title"),
      testId: "users-table",
      busy: this.busy,
      rows: result.users,
      rowTestId: (user) => `user-row-${user.employeeNumber}`,
      empty: i18n.t("users.none"),
      columns: [
        {
          header: i18n.t("users.name"),
          rowHeader: true,
          cell: (user) =>
            html`<a
              href=${routeHref("#/users", [user.id])}
              data-testid=${`user-link-${user.employeeNumber}`}
              >${fullName(user)}</a
            >`,
        },
        {
          header: i18n.t("users.employeeNumber"),
          cell: (user) => user.employeeNumber,
        },
        { header: i18n.t("users.role"), cell: (user) => user.role.name },
        {
          header: i18n.t("users.stores"),
          cell: (user) =>
            user.orgWide
              ? i18n.t("users.orgWide")
              : user.effectiveStoreIds
                  .map((id) => orgDirectory.storeName(id))
                  .join(", "),
        },
        {
          header: i18n.t("users.status"),
          cell: (user) =>
            html`<span
              class=${user.lock.kind === "none" ? "" : "locked"}
              data-testid="user-status"
              >${statusText(user)}</span
            >`,
        },
      ],
    })}
    ${renderPager({
      page: result.page,
      pageSize: result.pageSize,
      total: result.total,
      testId: "users-pager",
      onPage: (page) => this.#go({ ...this.#filters(), page }),
    })}`;
  }

  #filters(): UserFilters {
    const query = this.route?.query ?? new URLSearchParams();
    const page = Number.parseInt(query.get("page") ?? "1", 10);
    return {
      search: query.get("search") ?? "",
      storeId: query.get("storeId") ?? "",
      roleId: query.get("roleId") ?? "",
      status: query.get("status") ?? "",
      page: Number.isInteger(page) && page >= 1 ? page : 1,
    };
  }

  async #fetch(): Promise<void> {
    const filters = this.#filters();
    const url = withQuery("/api/admin/users", {
      search: filters.search.trim(),
      storeId: filters.storeId,
      roleId: filters.roleId,
      // "Locked" is a lock state rather than an account status.
      status: filters.status === "locked" ? undefined : filters.status,
      lockState: filters.status === "locked" ? "locked" : undefined,
      page: filters.page,
      pageSize: ADMIN_USER_PAGE_SIZE_DEFAULT,
    });
    this.#requested = url;
    this.busy = true;
    try {
      const result = await adminApi.get(url, AdminUserListResponse);
      if (this.#requested === url) {
        this.result = result;
        this.error = undefined;
      }
    } catch (error) {
      if (this.#requested === url) {
        this.error = error;
      }
    } finally {
      if (this.#requested === url) {
        this.busy = false;
      }
    }
  }

  /** Shows the list for `filters`; the same filters load it again. */
  #go(filters: UserFilters): void {
    const href = routeHref("#/users", [], {
      search: filters.search.trim(),
      storeId: filters.storeId,
      roleId: filters.roleId,
      status: filters.status,
      page: filters.page > 1 ? String(filters.page) : undefined,
    });
    if (window.location.hash === href) {
      void this.#fetch();
    } else {
      navigate(href);
    }
  }

  readonly #submit = (event: SubmitEvent): void => {
    event.preventDefault();
    this.#submitForm();
  };

  /** Applies the form's filters from the first page on. */
  readonly #submitForm = (): void => {
    const form = this.renderRoot.querySelector("form");
    if (form === null) {
      return;
    }
    const data = new FormData(form);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === "string" ? value : "";
    };
    this.#go({
      search: text("search"),
      storeId: text("storeId"),
      roleId: text("roleId"),
      status: text("status"),
      page: 1,
    });
  };
}

customElements.define("sf-user-list", UserList);

declare global {
  interface HTMLElementTagNameMap {
    "sf-user-list": UserList;
  }
}
