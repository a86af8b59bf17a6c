import type { RoleId, StoreId } from "../../protocol";

/** How many known stores or roles a message lists before it shortens. */
const LISTED_MAX = 10;

/**
 * Indexes the organisation's stores and roles for matching roster cells.
 * A store matches by code first, then by name, and a role by name, all
 * ignoring case and surrounding spaces. Each failure message continues a
 * sentence that starts with the column name and the cell's value.
 */
export function indexRosterLookup(lookup: RosterLookup): RosterLookupIndex {
  const storesByCode = groupBy(lookup.stores, (store) => store.code);
  const storesByName = groupBy(lookup.stores, (store) => store.name);
  const rolesByName = groupBy(lookup.roles, (role) => role.name);

  const storeList = describeList(
    lookup.stores.map((store) => `${store.code} (${store.name})`),
  );
  const roleList = describeList(lookup.roles.map((role) => role.name));
  const unknownStore =
    lookup.stores.length === 0
      ? "is not a known store, because the organisation has no stores yet. " +
        "Create them in the control panel first."
      : `is not a known store. Use a store code or name: ${storeList}.`;
  const unknownRole =
    lookup.roles.length === 0
      ? "is not a known role, because the organisation has no roles yet. " +
        "Create them in the control panel first."
      : `is not a known role. Use one of: ${roleList}.`;

  return {
    resolveStore(value) {
      const key = matchKey(value);
      const byCode = storesByCode.get(key) ?? [];
      const candidates = byCode.length > 0 ? byCode : storesByName.get(key);
      const [first, second] = candidates ?? [];
      if (first === undefined) {
        return { ok: false, message: unknownStore };
      }
      if (second !== undefined) {
        const codes = (candidates ?? []).map((store) => store.code);
        return {
          ok: false,
          message: `is the name of ${codes.length} stores. Use the store code instead: ${codes.join(", ")}.`,
        };
      }
      return { ok: true, id: first.id };
    },

    resolveRole(value) {
      const candidates = rolesByName.get(matchKey(value)) ?? [];
      const [first, second] = candidates;
      if (first === undefined) {
        return { ok: false, message: unknownRole };
      }
      if (second !== undefined) {
        return {
          ok: false,
          message: `is the name of ${candidates.length} roles. Rename all but one in the control panel.`,
        };
      }
      return { ok: true, id: first.id };
    },
  };
}

/** Reduces a code or name to the form compared when matching. */
function matchKey(value: string): string {
  return value.normalize("NFC").trim().toLowerCase();
}

function groupBy<Item>(
  items: readonly Item[],
  keyOf: (item: Item) => string,
): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const key = matchKey(keyOf(item));
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, [item]);
    } else {
      group.push(item);
    }
  }
  return groups;
}

/** Lists up to `LISTED_MAX` entries and counts the rest. */
function describeList(entries: readonly string[]): string {
  const listed = entries.slice(0, LISTED_MAX).join(", ");
  const rest = entries.length - LISTED_MAX;
  return rest > 0 ? `${listed} and ${rest} more` : listed;
}

/** The organisation's stores and roles that roster cells may name. */
export interface RosterLookup {
  readonly stores: readonly {
    readonly id: StoreId;
    readonly code: string;
    readonly name: string;
  }[];
  readonly roles: readonly {
    readonly id: RoleId;
    readonly name: string;
    readonly level: number;
  }[];
}

export interface RosterLookupIndex {
  resolveStore(value: string): LookupResult<StoreId>;
  resolveRole(value: string): LookupResult<RoleId>;
}

export type LookupResult<Id> =
  | { readonly ok: true; readonly id: Id }
  | { readonly ok: false; readonly message: string };
