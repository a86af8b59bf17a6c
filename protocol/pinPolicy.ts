import { COMMON_PINS } from "./commonPins";
import { PIN_LENGTH_MAX, PIN_LENGTH_MIN } from "./settings";

/** One reason a PIN is rejected, as a stable code the kiosk can localise. */
export type PinPolicyViolation =
  | "not-digits"
  | "too-short"
  | "too-long"
  | "repeated-digit"
  | "sequence"
  | "employee-number"
  | "common-pin"
  | "recently-used";

export interface PinPolicyInput {
  readonly pin: string;
  /**
   * Shortest PIN allowed by the organisation's settings. A value below the
   * product's minimum of 4 digits is raised to it.
   */
  readonly minLength: number;
  /**
   * The user's employee number. A PIN equal to it, or to its digits alone
   * (`1001` for `E1001`), is rejected.
   */
  readonly employeeNumber?: string;
}

/**
 * Checks a PIN against the rules that need no stored secret and returns every
 * violation, an empty list for an acceptable PIN. The last-3-PINs rule needs
 * the stored hashes, so the hub applies it on top and reports it as
 * `recently-used`.
 */
export function checkPinPolicy(input: PinPolicyInput): PinPolicyViolation[] {
  const { pin, minLength, employeeNumber } = input;

  if (!/^\d+$/.test(pin)) {
    return ["not-digits"];
  }

  const violations: PinPolicyViolation[] = [];
  if (pin.length < Math.max(minLength, PIN_LENGTH_MIN)) {
    violations.push("too-short");
  }
  if (pin.length > PIN_LENGTH_MAX) {
    violations.push("too-long");
  }
  if (isOneRepeatedDigit(pin)) {
    violations.push("repeated-digit");
  } else if (isStraightRun(pin)) {
    violations.push("sequence");
  }
  if (employeeNumber !== undefined && isEmployeeNumber(pin, employeeNumber)) {
    violations.push("employee-number");
  }
  if (COMMON_PINS.has(pin)) {
    violations.push("common-pin");
  }
  return violations;
}

/**
 * Returns true when the PIN is the employee number, or its digits with the
 * letters and separators left out, because badges and rosters show it.
 */
function isEmployeeNumber(pin: string, employeeNumber: string): boolean {
  const trimmed = employeeNumber.trim();
  return pin === trimmed || pin === trimmed.replace(/\D/g, "");
}

function isOneRepeatedDigit(pin: string): boolean {
  return [...pin].every((digit) => digit === pin[0]);
}

/**
 * Whether every digit is one more, or every digit one less, than the one
 * before it, wrapping from 9 to 0 (`123456`, `987654`, `890123`).
 */
function isStraightRun(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = new Set<number>();
  for (let i = 1; i < digits.length; i++) {
    steps.add(((((digits[i] ?? 0) - (digits[i - 1] ?? 0)) % 10) + 10) % 10);
  }
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}
