import type { UserId } from "../../protocol";
import type { TestHub } from "./startTestHub";

/** Returns the fixture PIN of `employeeNumber`, or throws for an unknown one. */
export function fixturePin(hub: TestHub, employeeNumber: string): string {
  const pin = hub.fixture.pins[employeeNumber];
  if (pin === undefined) {
    throw new Error(`The fixture has no PIN for ${employeeNumber}.`);
  }
  return pin;
}

/** Returns the id of fixture user `employeeNumber`, or throws. */
export function fixtureUserId(hub: TestHub, employeeNumber: string): UserId {
  const id = hub.fixture.users[employeeNumber];
  if (id === undefined) {
    throw new Error(`The fixture has no user ${employeeNumber}.`);
  }
  return id;
}
