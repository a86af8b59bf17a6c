import { checkPinPolicy } from "../../protocol";

/**
 * Generates a random PIN of `length` digits that passes the PIN policy for
 * the employee number, from the browser's cryptographic random source.
 * Bytes of 250 and above are drawn again, so each digit is uniform.
 */
export function generateRandomPin(
  length: number,
  employeeNumber: string,
): string {
  for (;;) {
    let pin = "";
    while (pin.length < length) {
      for (const byte of crypto.getRandomValues(new Uint8Array(length))) {
        if (byte < 250 && pin.length < length) {
          pin += String(byte % 10);
        }
      }
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
