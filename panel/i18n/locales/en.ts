import type { LocaleDefinition } from "../Dictionary";

/**
 * The control panel's English dictionary, which defines the keys and
 * placeholders every other language must provide. `{name}` marks a
 * placeholder. A pair of keys ending in `_one` and `_other` is a plural.
 * Keys are grouped by the page or part that shows them.
 */
export const messages = {
  "app.name": "Storefloor",
  "app.title": "Control panel",
  "app.loading": "Loading…",
  "app.hubUnreachable":
    "The hub cannot be reached. Check the network and reload the page.",
  "app.retry": "Try again",
  "app.skipToContent": "Skip to content",
  "app.pageNotFound": "This page does not exist. Choose a page from the menu.",
  "app.noPages":
    "Your role opens no page of the control panel. Ask head office for a role with more permissions.",
  "app.pageLoadFailed":
    "This page could not be loaded. Reload the control panel to try again.",

  "nav.label": "Control panel",
  "nav.users": "Users",
  "nav.roles": "Roles",
  "nav.stores": "Stores and groups",

  "account.menu": "Account",
  "account.signedInAs": "Signed in as {name} ({role})",
  "account.changePassword": "Change password",
  "account.signOut": "Sign out",
  "account.signOutEverywhere": "Sign out everywhere",
  "account.signOutEverywhereTitle": "Sign out on every device?",
  "account.signOutEverywhereMessage":
    "Every control panel session of yours ends, this one too. Sign in again afterwards.",

  "signIn.title": "Sign in to the control panel",
  "signIn.employeeNumber": "Employee number",
  "signIn.password": "Password",
  "signIn.passwordHelp":
    "Your control panel password, at least {min} characters. A tablet PIN does not open the control panel.",
  "signIn.submit": "Sign in",
  "signIn.expired":
    "Your session ended because it was idle or signed out elsewhere. Sign in again.",
  "signIn.signedOut": "You are signed out.",
  "signIn.missing": "Type your employee number and password.",
  "signIn.setPasswordLink": "Set a password with a one-time code",

  "setPassword.title": "Set your control panel password",
  "setPassword.intro":
    "Use the one-time code from the e-mail or from an administrator. The code works once.",
  "setPassword.employeeNumber": "Employee number",
  "setPassword.code": "One-time code",
  "setPassword.password": "New password",
  "setPassword.confirm": "New password again",
  "setPassword.help":
    "At least {min} characters. A long sentence that only you know is easy to remember.",
  "setPassword.submit": "Set password",
  "setPassword.mismatch":
    "The two passwords differ. Type the same password twice.",
  "setPassword.tooShort": "The password needs at least {min} characters.",
  "setPassword.done": "Your password is set. Sign in with it now.",
  "setPassword.toSignIn": "Go to sign-in",

  "changePassword.title": "Change your password",
  "changePassword.current": "Current password",
  "changePassword.new": "New password",
  "changePassword.confirm": "New password again",
  "changePassword.submit": "Change password",
  "changePassword.done": "Your password is changed.",

  "proof.title": "Confirm with your password",
  "proof.passwordLabel": "Your password",
  "proof.help": "For this action the hub asks your password again.",
  "proof.confirm": "Confirm",

  "common.cancel": "Cancel",
  "common.close": "Close",
  "common.save": "Save",
  "common.edit": "Edit",
  "common.create": "Create",
  "common.delete": "Delete",
  "common.back": "Back",
  "common.search": "Search",
  "common.all": "All",
  "common.saved": "Saved.",
  "common.yes": "Yes",
  "common.no": "No",

  "table.pagination": "Pages",
  "table.range": "{first}–{last} of {total}",
  "table.page": "Page {page} of {pages}",
  "table.previous": "Previous page",
  "table.next": "Next page",

  "error.INVALID_INPUT": "Some fields are invalid. Fix them and try again.",
  "error.ADMIN_SESSION_REQUIRED":
    "Your session ended. Sign in to the control panel again.",
  "error.ADMIN_CSRF_REJECTED":
    "The request was rejected as not coming from this page. Reload the control panel and try again.",
  "error.CONTROL_PANEL_ACCESS_MISSING":
    "Your role does not open the control panel. Ask head office for a role with control panel access.",
  "error.ADMIN_SIGN_IN_FAILED":
    "The employee number or password is incorrect, or no password is set for this account yet. A tablet PIN does not open the control panel.",
  "error.ADMIN_PASSWORD_LOCKED.until":
    "Password sign-in is locked until {time} after repeated wrong passwords. Wait, or set a new password with a one-time code.",
  "error.ADMIN_PROOF_FAILED":
    "The password is incorrect. Nothing was changed; type it again.",
  "error.PASSWORD_CODE_INVALID":
    "The one-time code is unknown, used or expired, or belongs to another employee number. Ask an administrator for a new code.",
  "error.PERMISSION_MISSING":
    "Your role lacks the permission for this action. Ask head office for a role that has it.",
  "error.LEVEL_NOT_HIGHER":
    "You can only act on users whose role level is below yours.",
  "error.OUT_OF_SCOPE":
    "This user works in a store outside your stores, so you cannot act on them.",
  "error.SELF_ACTION":
    "You cannot do this to your own account. Use Change password or Change PIN instead.",
  "error.RATE_LIMITED": "Too many requests. Wait a moment and try again.",
  "error.INTERNAL":
    "The hub failed to handle the request. Try again; if it keeps failing, check the hub's log.",
  "error.NETWORK":
    "The hub cannot be reached. Check the network and try again.",
  "error.BAD_RESPONSE":
    "The hub sent an answer this control panel does not understand. Reload the page; the hub may have been updated.",
  "error.unexpected":
    "Something went wrong in the control panel. Reload the page and try again.",
} as const;

export const locale: LocaleDefinition = {
  code: "en",
  name: "English",
  messages,
};
