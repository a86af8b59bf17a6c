import {
  TABLET_TOKEN_HEADER,
  type StoreId,
  type TabletId,
} from "../../protocol";
import { registerTablet, type HubHandle, type TestTablet } from "./testTablet";

/** Which test tablet a request comes from: a fixture store and a name. */
export interface TabletChoice {
  /** Code of the fixture store the tablet serves; `A` by default. */
  readonly store?: string;
  /**
   * Name of the tablet within the test; `tablet-a1` for store A,
   * `tablet-b1` for store B and so on by default. Each name is a separate
   * enrolled tablet, made on first use.
   */
  readonly tablet?: string;
}

/** The hub's data a tablet choice needs: fixture store ids by code. */
export interface TabletHub extends HubHandle {
  readonly fixture: { readonly stores: Record<string, StoreId> };
}

interface CachedToken {
  readonly tabletToken: string;
  readonly expiresAt: number;
}

/** The enrolled tablets and tokens of one hub, by store and name. */
interface HubTablets {
  readonly tablets: Map<string, Promise<TestTablet>>;
  readonly tokens: Map<TabletId, Promise<CachedToken>>;
}

const tabletsByHub = new WeakMap<TabletHub, HubTablets>();

/** Returns the enrolled test tablet of a choice, enrolling it on first use. */
export function tabletOf(
  hub: TabletHub,
  choice: TabletChoice = {},
): Promise<TestTablet> {
  const store = choice.store ?? "A";
  const name = choice.tablet ?? `tablet-${store.toLowerCase()}1`;
  const key = `${store}/${name}`;
  const state = stateOf(hub);
  let tablet = state.tablets.get(key);
  if (tablet === undefined) {
    const storeId = hub.fixture.stores[store];
    if (storeId === undefined) {
      throw new Error(`the fixture has no store ${store}`);
    }
    tablet = registerTablet(hub, storeId, name);
    state.tablets.set(key, tablet);
  }
  return tablet;
}

/** Returns the hub's id of a test tablet, for checks of audit entries. */
export async function tabletIdOf(
  hub: TabletHub,
  choice: TabletChoice = {},
): Promise<TabletId> {
  return (await tabletOf(hub, choice)).tabletId;
}

/**
 * Returns a valid tablet token of a test tablet. The token is kept until the
 * hub's clock, which tests may move, reaches its expiry.
 */
export async function tabletTokenOf(
  hub: TabletHub,
  choice: TabletChoice = {},
): Promise<string> {
  const tablet = await tabletOf(hub, choice);
  const { tokens } = stateOf(hub);
  let cached = tokens.get(tablet.tabletId);
  if (cached === undefined || (await cached).expiresAt <= hub.context.now()) {
    cached = tablet.proveKey();
    tokens.set(tablet.tabletId, cached);
  }
  return (await cached).tabletToken;
}

/** Returns the tablet token header of a test tablet's REST requests. */
export async function tabletHeader(
  hub: TabletHub,
  choice: TabletChoice = {},
): Promise<Record<string, string>> {
  return { [TABLET_TOKEN_HEADER]: await tabletTokenOf(hub, choice) };
}

function stateOf(hub: TabletHub): HubTablets {
  let state = tabletsByHub.get(hub);
  if (state === undefined) {
    state = { tablets: new Map(), tokens: new Map() };
    tabletsByHub.set(hub, state);
  }
  return state;
}
