import { z } from "zod";

/** The shortest and longest PIN the product accepts, whatever the settings. */
export const PIN_LENGTH_MIN = 4;
export const PIN_LENGTH_MAX = 8;

/**
 * Organisation-wide settings that tablets and hub apply alike. Every field has
 * a default, so `OrgSettings.parse({})` yields the factory settings.
 */
export const OrgSettingsFields = z.object({
  /** Shortest PIN a user may choose, in digits. */
  pinMinLength: z
    .number()
    .int()
    .min(PIN_LENGTH_MIN)
    .max(PIN_LENGTH_MAX)
    .default(6),
  /** Consecutive failures that start the timed lock. */
  lockoutThreshold: z.number().int().min(2).max(20).default(5),
  /** Length of the first timed lock, in seconds; it doubles with each further failure. */
  lockoutBaseSeconds: z.number().int().min(1).max(3600).default(30),
  /** Consecutive failures that lock the user until someone unlocks them. */
  lockoutPermanentAt: z.number().int().min(3).max(50).default(10),
  /** Idle time before a tablet signs the user out, in seconds. */
  idleTimeoutSeconds: z.number().int().min(15).max(3600).default(60),
  /** How long a temporary PIN stays valid, in hours. */
  temporaryPinTtlHours: z.number().int().min(1).max(720).default(24),
  /**
   * Sign-in screen mode: a list of names or an employee number field.
   */
  signInMode: z.enum(["user-list", "employee-number"]).default("user-list"),
  /** How long a tablet may work from its cache without a sync, in hours. */
  offlineWindowHours: z.number().int().min(1).max(720).default(72),
  /** How long the change log keeps entries, in days. */
  retentionDays: z.number().int().min(1).max(3650).default(30),
  /**
   * How far an offline action's tablet time may lie outside the plausible
   * window (after the tablet's last sync, before its arrival), in seconds.
   */
  clockSkewSeconds: z.number().int().min(0).max(86_400).default(300),
  /** Whether every PIN reset needs a passkey as the actor's fresh proof. */
  requirePasskeyForReset: z.boolean().default(false),
  /**
   * Channel a temporary PIN tries first. `email` tries e-mail, then a text
   * message, and `sms` the other way round. With `in-person`, nothing is
   * sent and the person who set the PIN hands it over.
   */
  deliveryChannel: z.enum(["email", "sms", "in-person"]).default("email"),
});

/** Every setting is valid, and a permanent lock comes after the first timed one. */
export const OrgSettings = OrgSettingsFields.refine(
  (settings) => settings.lockoutPermanentAt > settings.lockoutThreshold,
  {
    message: "lockoutPermanentAt must be greater than lockoutThreshold",
    path: ["lockoutPermanentAt"],
  },
);
export type OrgSettings = z.infer<typeof OrgSettings>;

export const DEFAULT_SETTINGS: OrgSettings = OrgSettings.parse({});

type SettingsShape = typeof OrgSettingsFields.shape;

/**
 * Some settings to change, each checked by the same rule as in
 * `OrgSettings`, without defaults: a field left out keeps its value. Unknown
 * fields are rejected, so a misspelt setting does not pass unnoticed.
 */
export const OrgSettingsPatch = z.strictObject(
  Object.fromEntries(
    Object.entries(OrgSettingsFields.shape).map(([key, field]) => [
      key,
      field.unwrap().optional(),
    ]),
  ) as {
    [Key in keyof SettingsShape]: z.ZodOptional<
      ReturnType<SettingsShape[Key]["unwrap"]>
    >;
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `has unknown settings ${issue.keys.join(", ")}. Known settings: ${Object.keys(OrgSettingsFields.shape).join(", ")}`
        : undefined,
  },
);
export type OrgSettingsPatch = z.infer<typeof OrgSettingsPatch>;
