/**
 * Demo users with known PINs, as the README lists them. All but the
 * administrator come from the demo roster; their generated temporary PINs are
 * replaced by these.
 */
export const DEMO_USERS = [
  { employeeNumber: "E1001", pin: "482619" },
  { employeeNumber: "E1002", pin: "751938" },
  { employeeNumber: "E1003", pin: "360417" },
  { employeeNumber: "E1004", pin: "915273" },
  { employeeNumber: "E2001", pin: "284650" },
  { employeeNumber: "E0001", pin: "640251" },
] as const;

/**
 * Demo control panel passwords, as the README lists them. Like the PINs,
 * they are public and protect nothing but a demo.
 */
export const DEMO_PANEL_PASSWORDS = [
  { employeeNumber: "E0001", password: "demo-admin-panel-2030" },
  { employeeNumber: "E1004", password: "demo-manager-panel-2030" },
] as const;

/** The demo administrator, created beside the roster with the whole organisation as scope. */
export const DEMO_ADMINISTRATOR = {
  employeeNumber: "E0001",
  firstName: "Alex",
  lastName: "Morgan",
  email: "alex.morgan@example.com",
} as const;

/** The demo stores that the roster's store column refers to by code. */
export const DEMO_STORES = [
  { code: "S01", name: "Downtown", timeZone: "Europe/Madrid" },
  { code: "S02", name: "Harbour", timeZone: "Europe/Lisbon" },
  { code: "S03", name: "Airport", timeZone: "Europe/Madrid" },
] as const;
