import "./app/KioskApp";
import { KioskController } from "./app/KioskController";
import { i18n, matchLocale } from "./i18n";
import { consoleSink, createLogger } from "./log/Logger";
import { AppUpdates } from "./pwa/AppUpdates";
import { storedLogLevel, TabletStorage } from "./tablet/tabletStorage";

const localStorage = openLocalStorage();
const logger = createLogger({
  level:
    storedLogLevel(localStorage) ?? (import.meta.env.DEV ? "debug" : "info"),
  sink: consoleSink(),
});

const storage = new TabletStorage(
  localStorage,
  logger.child({ module: "storage" }),
);
storage.forgetStoreChoice();

// The tablet's language: its own setting, else the browser's preference.
const storedLocale = storage.locale();
i18n.setLocale(
  matchLocale(
    storedLocale === undefined
      ? navigator.languages
      : [storedLocale, ...navigator.languages],
  ),
);
document.documentElement.lang = i18n.code;
i18n.subscribe(() => {
  document.documentElement.lang = i18n.code;
});

const updates = new AppUpdates(logger.child({ module: "updates" }));
updates.register();

const app = document.createElement("sf-kiosk-app");
app.controller = new KioskController({ logger, updates });
document.body.append(app);
logger.info({ locale: i18n.code }, "kiosk started");

/** Returns localStorage, or undefined where the browser blocks it. */
function openLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    // The tablet runs on in-memory settings for this page load.
    return undefined;
  }
}
