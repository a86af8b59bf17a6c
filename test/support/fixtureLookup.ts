import type { StoreId, UserId } from "../../protocol";
import type { Fixture } from "./seedFixture";

/** Returns a fixture user's id and PIN, or throws for an unknown one. */
export function fixtureUser(
  fixture: Fixture,
  employeeNumber: string,
): { id: UserId; pin: string } {
  const id = fixture.users[employeeNumber];
  const pin = fixture.pins[employeeNumber];
  if (!id || !pin) {
    throw new Error(`no user ${employeeNumber} in the fixture`);
  }
  return { id, pin };
}

/** Returns a fixture store's id, or throws for an unknown code. */
export function fixtureStore(fixture: Fixture, code: string): StoreId {
  const id = fixture.stores[code];
  if (!id) {
    throw new Error(`no store ${code} in the fixture`);
  }
  return id;
}
