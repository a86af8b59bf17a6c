import { randomUUID } from "node:crypto";
import { preparePin, storePin } from "../../hub/services/storePin";
import type { RoleId, StoreId, UserId } from "../../protocol";
import { recordUserChange } from "../../hub/domain/userChanges";
import type { HubContext } from "../../hub/services/hubContext";

/** Ids of what the fixture created, by store code and employee number. */
export interface Fixture {
  readonly stores: Readonly<Record<string, StoreId>>;
  readonly users: Readonly<Record<string, UserId>>;
  /** The PIN of each fixture user, by employee number. */
  readonly pins: Readonly<Record<string, string>>;
}

const STORES = [
  { code: "A", name: "Store A", timeZone: "Europe/Madrid" },
  { code: "B", name: "Store B", timeZone: "Europe/Lisbon" },
];

/** Users of the fixture: employee number, role, stores, contact, PIN. */
const USERS = [
  {
    number: "E1",
    first: "Ana",
    last: "Lima",
    role: "employee",
    stores: ["A"],
    email: "ana@example.com",
    pin: "482619",
  },
  {
    number: "E2",
    first: "Omar",
    last: "Haddad",
    role: "employee",
    stores: ["A"],
    email: null,
    pin: "751938",
  },
  {
    number: "E3",
    first: "Sofía",
    last: "Martínez",
    role: "supervisor",
    stores: ["A"],
    email: null,
    pin: "360417",
  },
  {
    number: "E4",
    first: "Marek",
    last: "Nowak",
    role: "manager",
    stores: ["A"],
    email: "marek@example.com",
    pin: "915273",
  },
  {
    number: "E5",
    first: "Wei",
    last: "Chen",
    role: "manager",
    stores: ["B"],
    email: null,
    pin: "284650",
  },
  {
    number: "E6",
    first: "Yuki",
    last: "Tanaka",
    role: "employee",
    stores: ["A", "B"],
    email: null,
    pin: "593027",
  },
  {
    number: "E7",
    first: "Lena",
    last: "Berg",
    role: "shift-lead",
    stores: ["A"],
    email: null,
    pin: "806142",
  },
  {
    number: "E9",
    first: "Alex",
    last: "Morgan",
    role: "administrator",
    stores: ["A", "B"],
    email: null,
    pin: "640251",
  },
] as const;

/**
 * Creates two stores, a custom "Shift lead" role (level 2, `pin.reset`
 * only) and one user of each kind the tests need, each with a known PIN.
 */
export async function seedFixture(context: HubContext): Promise<Fixture> {
  const { storage } = context;
  const now = context.now();
  const stores: Record<string, StoreId> = {};
  for (const store of STORES) {
    const id = randomUUID() as StoreId;
    await storage.org.createStore({ id, ...store }, now);
    stores[store.code] = id;
  }
  await storage.org.createRole(
    {
      id: "shift-lead" as RoleId,
      name: "Shift lead",
      level: 2,
      permissions: ["pin.reset"],
      builtIn: false,
    },
    now,
  );

  const users: Record<string, UserId> = {};
  const pins: Record<string, string> = {};
  for (const spec of USERS) {
    const id = randomUUID() as UserId;
    const material = await preparePin(context, id, spec.pin);
    await storage.transaction(async (tx) => {
      await tx.users.create(
        {
          id,
          employeeNumber: spec.number,
          firstName: spec.first,
          lastName: spec.last,
          email: spec.email,
          phone: null,
          roleId: spec.role as RoleId,
          orgWide: spec.role === "administrator",
          storeIds: spec.stores.map((code) => stores[code] as StoreId),
          groupIds: [],
        },
        now,
      );
      await storePin(tx, material, {
        temporary: false,
        expiresAt: null,
        now,
      });
      const user = await tx.users.get(id);
      if (user) {
        await recordUserChange(tx, user, now);
      }
    });
    users[spec.number] = id;
    pins[spec.number] = spec.pin;
  }
  return { stores, users, pins };
}
