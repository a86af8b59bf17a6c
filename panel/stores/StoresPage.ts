import { html, nothing } from "lit";
import {
  AdminGroupListResponse,
  AdminStoreListResponse,
  type AdminGroup,
  type AdminStore,
} from "../../protocol";
import { adminApi } from "../api/adminApi";
import { orgDirectory } from "../app/OrgDirectory";
import { navigate, routeHref, type PageRoute } from "../app/route";
import { i18n } from "../i18n";
import { dataTableStyles, renderDataTable } from "../ui/dataTable";
import { renderErrorNotice } from "../ui/fieldErrors";
import { PanelElement } from "../ui/PanelElement";
import { sharedStyles } from "../ui/sharedStyles";
import "./GroupForm";
import "./StoreForm";

/**
 * The Stores and groups page, which lists both at `#/stores`. A store is
 * created at `#/stores/new` and edited at `#/stores/<id>`. A group and its
 * stores are created at `#/stores/groups/new` and edited at
 * `#/stores/groups/<id>`.
 */
export class StoresPage extends PanelElement {
  static override properties = {
    route: { attribute: false },
    stores: { state: true },
    groups: { state: true },
    error: { state: true },
    notice: { state: true },
  };

  static override styles = [sharedStyles, dataTableStyles];

  declare route: PageRoute | undefined;
  declare stores: readonly AdminStore[] | undefined;
  declare groups: readonly AdminGroup[] | undefined;
  declare error: unknown;
  declare notice: string | undefined;

  constructor() {
    super();
    this.route = undefined;
    this.stores = undefined;
    this.groups = undefined;
    this.error = undefined;
    this.notice = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  protected override render() {
    const [first, second] = this.route?.segments ?? [];
    if (first === "groups" && second !== undefined) {
      return this.#renderGroupForm(second);
    }
    if (first !== undefined) {
      return this.#renderStoreForm(first);
    }
    return html`<h1>${i18n.t("stores.title")}</h1>
      ${
        this.notice === undefined
          ? nothing
          : html`<p class="success" role="status" data-testid="stores-notice">
              ${this.notice}
            </p>`
      }
      ${renderErrorNotice(this.error, "stores-error")}
      <section aria-labelledby="stores-title">
        <div class="page-head">
          <h2 id="stores-title">${i18n.t("stores.stores")}</h2>
          <a class="button" href="#/stores/new" data-testid="create-store"
            >${i18n.t("stores.create")}</a
          >
        </div>
        ${this.#renderStores()}
      </section>
      <section aria-labelledby="groups-title">
        <div class="page-head">
          <h2 id="groups-title">${i18n.t("groups.title")}</h2>
          <a
            class="button"
            href="#/stores/groups/new"
            data-testid="create-group"
            >${i18n.t("groups.create")}</a
          >
        </div>
        ${this.#renderGroups()}
      </section>`;
  }

  #renderStores() {
    const stores = this.stores;
    if (stores === undefined) {
      return html`<p role="status">${i18n.t("app.loading")}</p>`;
    }
    return renderDataTable<AdminStore>({
      caption: i18n.t("stores.stores"),
      testId: "stores-table",
      rows: stores,
      rowTestId: (store) => `store-row-${store.code}`,
      empty: i18n.t("stores.none"),
      columns: [
        { header: i18n.t("stores.code"), cell: (store) => store.code },
        {
          header: i18n.t("stores.name"),
          rowHeader: true,
          cell: (store) => store.name,
        },
        { header: i18n.t("stores.timeZone"), cell: (store) => store.timeZone },
        {
          header: i18n.t("stores.groups"),
          cell: (store) =>
            store.groupIds.map((id) => this.#groupName(id)).join(", "),
        },
        {
          header: i18n.t("roles.actions"),
          cell: (store) =>
            html`<a
              class="button secondary"
              href=${routeHref("#/stores", [store.id])}
              data-testid=${`edit-store-${store.code}`}
              aria-label=${i18n.t("stores.editNamed", { name: store.name })}
              >${i18n.t("common.edit")}</a
            >`,
        },
      ],
    });
  }

  #renderGroups() {
    const groups = this.groups;
    if (groups === undefined) {
      return html`<p role="status">${i18n.t("app.loading")}</p>`;
    }
    return renderDataTable<AdminGroup>({
      caption: i18n.t("groups.title"),
      testId: "groups-table",
      rows: groups,
      rowTestId: (group) => `group-row-${group.id}`,
      empty: i18n.t("groups.none"),
      columns: [
        {
          header: i18n.t("groups.name"),
          rowHeader: true,
          cell: (group) => group.name,
        },
        {
          header: i18n.t("groups.stores"),
          cell: (group) =>
            group.storeIds.map((id) => this.#storeName(id)).join(", ") ||
            i18n.t("groups.noStores"),
        },
        {
          header: i18n.t("roles.actions"),
          cell: (group) =>
            html`<a
              class="button secondary"
              href=${routeHref("#/stores", ["groups", group.id])}
              data-testid=${`edit-group-${group.id}`}
              aria-label=${i18n.t("groups.editNamed", { name: group.name })}
              >${i18n.t("common.edit")}</a
            >`,
        },
      ],
    });
  }

  #renderStoreForm(id: string) {
    const store =
      id === "new" ? undefined : this.stores?.find((item) => item.id === id);
    if (id !== "new" && store === undefined) {
      return this.#renderMissing();
    }
    return html`${this.#renderBack()}
      <h1>${i18n.t("stores.title")}</h1>
      <div class="card">
        <sf-store-form
          .store=${store}
          @store-saved=${(event: CustomEvent<AdminStore>) =>
            this.#saved(i18n.t("stores.saved", { name: event.detail.name }))}
          @store-form-cancel=${() => navigate("#/stores")}
        ></sf-store-form>
      </div>`;
  }

  #renderGroupForm(id: string) {
    const group =
      id === "new" ? undefined : this.groups?.find((item) => item.id === id);
    if (id !== "new" && group === undefined) {
      return this.#renderMissing();
    }
    return html`${this.#renderBack()}
      <h1>${i18n.t("stores.title")}</h1>
      <div class="card">
        <sf-group-form
          .group=${group}
          .stores=${this.stores ?? []}
          @group-saved=${(event: CustomEvent<AdminGroup>) =>
            this.#saved(i18n.t("groups.saved", { name: event.detail.name }))}
          @group-form-cancel=${() => navigate("#/stores")}
        ></sf-group-form>
      </div>`;
  }

  #renderBack() {
    return html`<p>
      <a class="back" href="#/stores" data-testid="back-to-stores"
        >${i18n.t("stores.backToList")}</a
      >
    </p>`;
  }

  #renderMissing() {
    if (this.stores === undefined || this.groups === undefined) {
      return html`<p role="status">${i18n.t("app.loading")}</p>`;
    }
    return html`${this.#renderBack()}
      <p class="error" role="alert">${i18n.t("stores.notFound")}</p>`;
  }

  #storeName(id: string): string {
    return this.stores?.find((store) => store.id === id)?.name ?? id;
  }

  #groupName(id: string): string {
    return this.groups?.find((group) => group.id === id)?.name ?? id;
  }

  #saved(notice: string): void {
    this.notice = notice;
    void this.#load();
    void orgDirectory.load(true);
    navigate("#/stores");
  }

  async #load(): Promise<void> {
    try {
      const [stores, groups] = await Promise.all([
        adminApi.get("/api/admin/stores", AdminStoreListResponse),
        adminApi.get("/api/admin/groups", AdminGroupListResponse),
      ]);
      this.stores = [...stores.stores].sort((a, b) =>
        a.name.localeCompare(b.name),
      );
      this.groups = [...groups.groups].sort((a, b) =>
        a.name.localeCompare(b.name),
      );
    } catch (error) {
      this.error = error;
    }
  }
}

customElements.define("sf-stores-page", StoresPage);

declare global {
  interface HTMLElementTagNameMap {
    "sf-stores-page": StoresPage;
  }
}
