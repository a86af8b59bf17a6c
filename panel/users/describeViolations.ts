import { PIN_LENGTH_MAX, type PinPolicyViolation } from "../../protocol";
import { i18n, type MessageKey } from "../i18n";

const VIOLATION_MESSAGES = {
  "not-digits": "pinPolicy.not-digits",
  "too-short": "pinPolicy.too-short",
  "too-long": "pinPolicy.too-long",
  "repeated-digit": "pinPolicy.repeated-digit",
  sequence: "pinPolicy.sequence",
  "employee-number": "pinPolicy.employee-number",
  "common-pin": "pinPolicy.common-pin",
  "recently-used": "pinPolicy.recently-used",
} as const satisfies Record<PinPolicyViolation, MessageKey>;

/**
 * Returns one localised sentence for each PIN policy violation, skipping
 * codes this panel does not know.
 */
export function describeViolations(
  violations: readonly string[],
  minLength: number,
): string[] {
  const sentences: string[] = [];
  for (const violation of violations) {
    switch (violation) {
      case "too-short":
        sentences.push(
          i18n.t(VIOLATION_MESSAGES[violation], { min: minLength }),
        );
        break;
      case "too-long":
        sentences.push(
          i18n.t(VIOLATION_MESSAGES[violation], { max: PIN_LENGTH_MAX }),
        );
        break;
      case "not-digits":
      case "repeated-digit":
      case "sequence":
      case "employee-number":
      case "common-pin":
      case "recently-used":
        sentences.push(i18n.t(VIOLATION_MESSAGES[violation]));
        break;
    }
  }
  return sentences;
}
