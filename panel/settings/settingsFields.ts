import type { OrgSettings } from "../../protocol";
import type { PlainMessageKey } from "../i18n";

/** A whole-number setting and how the form labels it. */
export interface NumberSettingField {
  readonly kind: "number";
  readonly name: NumberSettingName;
  readonly labelKey: PlainMessageKey;
  readonly helpKey: PlainMessageKey;
}

/** A setting chosen from a fixed list. */
export interface ChoiceSettingField {
  readonly kind: "choice";
  readonly name: "deliveryChannel" | "signInMode";
  readonly labelKey: PlainMessageKey;
  readonly helpKey: PlainMessageKey;
  readonly options: readonly {
    readonly value: string;
    readonly labelKey: PlainMessageKey;
  }[];
}

/** A yes-or-no setting. */
export interface BooleanSettingField {
  readonly kind: "boolean";
  readonly name: "requirePasskeyForReset";
  readonly labelKey: PlainMessageKey;
  readonly helpKey: PlainMessageKey;
}

export type SettingField =
  NumberSettingField | ChoiceSettingField | BooleanSettingField;

export type NumberSettingName = {
  [Name in keyof OrgSettings]: OrgSettings[Name] extends number ? Name : never;
}[keyof OrgSettings];

/** The settings form's sections and fields, in display order. */
export const SETTING_SECTIONS: readonly {
  readonly titleKey: PlainMessageKey;
  readonly fields: readonly SettingField[];
}[] = [
  {
    titleKey: "settings.section.pins",
    fields: [
      {
        kind: "number",
        name: "pinMinLength",
        labelKey: "settings.pinMinLength",
        helpKey: "settings.pinMinLength.help",
      },
      {
        kind: "number",
        name: "temporaryPinTtlHours",
        labelKey: "settings.temporaryPinTtlHours",
        helpKey: "settings.temporaryPinTtlHours.help",
      },
      {
        kind: "choice",
        name: "deliveryChannel",
        labelKey: "settings.deliveryChannel",
        helpKey: "settings.deliveryChannel.help",
        options: [
          { value: "email", labelKey: "settings.deliveryChannel.email" },
          { value: "sms", labelKey: "settings.deliveryChannel.sms" },
          {
            value: "in-person",
            labelKey: "settings.deliveryChannel.in-person",
          },
        ],
      },
      {
        kind: "boolean",
        name: "requirePasskeyForReset",
        labelKey: "settings.requirePasskeyForReset",
        helpKey: "settings.requirePasskeyForReset.help",
      },
    ],
  },
  {
    titleKey: "settings.section.lockout",
    fields: [
      {
        kind: "number",
        name: "lockoutThreshold",
        labelKey: "settings.lockoutThreshold",
        helpKey: "settings.lockoutThreshold.help",
      },
      {
        kind: "number",
        name: "lockoutBaseSeconds",
        labelKey: "settings.lockoutBaseSeconds",
        helpKey: "settings.lockoutBaseSeconds.help",
      },
      {
        kind: "number",
        name: "lockoutPermanentAt",
        labelKey: "settings.lockoutPermanentAt",
        helpKey: "settings.lockoutPermanentAt.help",
      },
    ],
  },
  {
    titleKey: "settings.section.tablets",
    fields: [
      {
        kind: "number",
        name: "idleTimeoutSeconds",
        labelKey: "settings.idleTimeoutSeconds",
        helpKey: "settings.idleTimeoutSeconds.help",
      },
      {
        kind: "number",
        name: "offlineWindowHours",
        labelKey: "settings.offlineWindowHours",
        helpKey: "settings.offlineWindowHours.help",
      },
      {
        kind: "number",
        name: "clockSkewSeconds",
        labelKey: "settings.clockSkewSeconds",
        helpKey: "settings.clockSkewSeconds.help",
      },
      {
        kind: "choice",
        name: "signInMode",
        labelKey: "settings.signInMode",
        helpKey: "settings.signInMode.help",
        options: [
          { value: "user-list", labelKey: "settings.signInMode.user-list" },
          {
            value: "employee-number",
            labelKey: "settings.signInMode.employee-number",
          },
        ],
      },
    ],
  },
  {
    titleKey: "settings.section.log",
    fields: [
      {
        kind: "number",
        name: "retentionDays",
        labelKey: "settings.retentionDays",
        helpKey: "settings.retentionDays.help",
      },
    ],
  },
];
