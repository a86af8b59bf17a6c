import { I18n } from "./I18n";

/** The control panel's one localisation layer; `main.ts` sets its language. */
export const i18n = new I18n();
