import { randomInt } from "node:crypto";
import { checkPinPolicy } from "../../protocol";

/**
 * Generates a random PIN of `length` digits that passes the PIN policy for
 * the given employee number.
 */
export function generateRandomPin(
  length: number,
  employeeNumber?: string,
): string {
  for (;;) {
    let pin = "";
    for (let i = 0; i < length; i++) {
      pin += String(randomInt(10));
    }
    const violations = checkPinPolicy({
      pin,
      minLength: length,
      employeeNumber,
    });
    if (violations.length === 0) {
      return pin;
    }
  }
}
