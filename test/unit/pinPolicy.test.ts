import { describe, expect, it } from "vitest";
import { COMMON_PINS, checkPinPolicy } from "../../protocol";
import type { PinPolicyInput, PinPolicyViolation } from "../../protocol";

const CASES: PolicyCase[] = [
  // Digits only
  {
    name: "letter",
    input: { pin: "48a915", minLength: 6 },
    expected: ["not-digits"],
  },
  { name: "empty", input: { pin: "", minLength: 6 }, expected: ["not-digits"] },
  {
    name: "space",
    input: { pin: "482 915", minLength: 6 },
    expected: ["not-digits"],
  },
  {
    name: "full-width digits",
    input: { pin: "４８２９１５", minLength: 6 },
    expected: ["not-digits"],
  },
  {
    name: "minus sign",
    input: { pin: "-482915", minLength: 6 },
    expected: ["not-digits"],
  },

  // Length
  {
    name: "below minimum",
    input: { pin: "48291", minLength: 6 },
    expected: ["too-short"],
  },
  {
    name: "at minimum 6",
    input: { pin: "482915", minLength: 6 },
    expected: [],
  },
  { name: "at minimum 4", input: { pin: "4829", minLength: 4 }, expected: [] },
  {
    name: "below minimum 8",
    input: { pin: "4829157", minLength: 8 },
    expected: ["too-short"],
  },
  {
    name: "at maximum 8",
    input: { pin: "48291573", minLength: 6 },
    expected: [],
  },
  {
    name: "above maximum 8",
    input: { pin: "482915736", minLength: 6 },
    expected: ["too-long"],
  },
  {
    name: "minimum below 4 raised",
    input: { pin: "482", minLength: 3 },
    expected: ["too-short"],
  },

  // One repeated digit
  {
    name: "repeated 7",
    input: { pin: "777777", minLength: 6 },
    expected: ["repeated-digit"],
  },
  {
    name: "repeated 0",
    input: { pin: "0000", minLength: 4 },
    expected: ["repeated-digit"],
  },
  {
    name: "almost repeated",
    input: { pin: "777778", minLength: 6 },
    expected: [],
  },

  // Straight runs
  {
    name: "ascending run",
    input: { pin: "123456", minLength: 6 },
    expected: ["sequence"],
  },
  {
    name: "ascending run of 4",
    input: { pin: "3456", minLength: 4 },
    expected: ["sequence"],
  },
  {
    name: "descending common run",
    input: { pin: "987654", minLength: 6 },
    expected: ["sequence", "common-pin"],
  },
  {
    name: "descending run",
    input: { pin: "876543", minLength: 6 },
    expected: ["sequence"],
  },
  {
    name: "ascending run past 9",
    input: { pin: "890123", minLength: 6 },
    expected: ["sequence"],
  },
  {
    name: "descending run past 0",
    input: { pin: "210987", minLength: 6 },
    expected: ["sequence"],
  },
  {
    name: "steps of two",
    input: { pin: "246802", minLength: 6 },
    expected: [],
  },
  {
    name: "run broken once",
    input: { pin: "123457", minLength: 6 },
    expected: [],
  },

  // Employee number
  {
    name: "employee number",
    input: { pin: "730512", minLength: 6, employeeNumber: "730512" },
    expected: ["employee-number"],
  },
  {
    name: "employee number padded",
    input: { pin: "730512", minLength: 6, employeeNumber: " 730512 " },
    expected: ["employee-number"],
  },
  {
    name: "employee number digits",
    input: { pin: "730512", minLength: 6, employeeNumber: "E730512" },
    expected: ["employee-number"],
  },
  {
    name: "employee number separated",
    input: { pin: "730512", minLength: 6, employeeNumber: "HR-730-512" },
    expected: ["employee-number"],
  },
  {
    name: "other employee number",
    input: { pin: "730512", minLength: 6, employeeNumber: "E730513" },
    expected: [],
  },
  {
    name: "no digits in number",
    input: { pin: "730512", minLength: 6, employeeNumber: "ABC" },
    expected: [],
  },

  // Common PINs
  {
    name: "common 4 digits",
    input: { pin: "1212", minLength: 4 },
    expected: ["common-pin"],
  },
  {
    name: "common keypad column",
    input: { pin: "2580", minLength: 4 },
    expected: ["common-pin"],
  },
  {
    name: "common 6 digits",
    input: { pin: "520520", minLength: 6 },
    expected: ["common-pin"],
  },
  {
    name: "common 8 digits",
    input: { pin: "11223344", minLength: 6 },
    expected: ["common-pin"],
  },

  // Several violations at once
  {
    name: "short run",
    input: { pin: "1234", minLength: 6 },
    expected: ["too-short", "sequence"],
  },
  {
    name: "short repeated common",
    input: { pin: "2222", minLength: 6 },
    expected: ["too-short", "repeated-digit", "common-pin"],
  },
  {
    name: "long repeated",
    input: { pin: "111111111", minLength: 6 },
    expected: ["too-long", "repeated-digit"],
  },
  {
    name: "long run",
    input: { pin: "1234567890", minLength: 6 },
    expected: ["too-long", "sequence"],
  },
  {
    name: "common employee number",
    input: { pin: "121212", minLength: 6, employeeNumber: "121212" },
    expected: ["employee-number", "common-pin"],
  },
  {
    name: "common run",
    input: { pin: "12345678", minLength: 6 },
    expected: ["sequence", "common-pin"],
  },

  // Acceptable PINs
  {
    name: "acceptable 6 digits",
    input: { pin: "604817", minLength: 6 },
    expected: [],
  },
  {
    name: "acceptable 7 digits",
    input: { pin: "9051736", minLength: 6 },
    expected: [],
  },
  {
    name: "acceptable leading zero",
    input: { pin: "038271", minLength: 6 },
    expected: [],
  },
];

/** Frequent 4-digit PINs that neither the repeated-digit nor the run rule catches. */
const FREQUENT_PINS = [
  "1212",
  "1004",
  "2000",
  "6969",
  "1122",
  "1313",
  "2001",
  "1010",
  "4321",
];

describe("checkPinPolicy", () => {
  it.each(CASES)("$name", ({ input, expected }) => {
    expect(checkPinPolicy(input)).toEqual(expected);
  });
});

describe("COMMON_PINS", () => {
  const entries = [...COMMON_PINS];

  it("contains at least 100 entries", () => {
    expect(entries.length).toBeGreaterThanOrEqual(100);
  });

  it("contains digits only", () => {
    expect(entries.filter((pin) => !/^\d+$/.test(pin))).toEqual([]);
  });

  it("contains lengths 4 to 8", () => {
    const outside = entries.filter((pin) => pin.length < 4 || pin.length > 8);
    expect(outside).toEqual([]);
  });

  it.each(FREQUENT_PINS)("lists frequent PIN %s", (pin) => {
    expect(COMMON_PINS.has(pin)).toBe(true);
  });
});

interface PolicyCase {
  readonly name: string;
  readonly input: PinPolicyInput;
  readonly expected: PinPolicyViolation[];
}
