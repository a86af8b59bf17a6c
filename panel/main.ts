import "./app/PanelApp";
import { i18n, matchLocale } from "./i18n";

// The panel's language follows the browser's preferences.
i18n.setLocale(matchLocale(navigator.languages));
document.documentElement.lang = i18n.code;
i18n.subscribe(() => {
  document.documentElement.lang = i18n.code;
});

document.body.append(document.createElement("sf-panel-app"));
