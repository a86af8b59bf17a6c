import type { LocaleDefinition } from "../Dictionary";

/**
 * The English dictionary, which defines the keys and placeholders every other
 * language must provide. `{name}` marks a placeholder. A pair of keys ending
 * in `_one` and `_other` is a plural: the I18n class picks the form for the
 * `{count}` with the language's plural rules.
 */
export const messages = {
  "app.name": "Storefloor",
  "app.loading": "Starting…",
  "app.update": "This tablet needs an update to work with the hub.",
  "app.reload": "Reload to update",
  "app.updateAvailable": "A new version of Storefloor is ready.",
  "app.installUpdate": "Reload to update",
  "app.insecureTitle": "This page cannot run the kiosk",
  "app.insecure":
    "The kiosk needs a secure connection to the hub: open it over https, or at localhost on the hub's own machine.",
  "app.storageFailedTitle": "The tablet's storage cannot be opened",
  "app.storageFailed":
    "The browser refuses the kiosk its storage, as private windows do. Open the kiosk in a normal window.",
  "app.waitingForHub": "Waiting for the hub…",

  "enroll.title": "Enroll this tablet",
  "enroll.hint":
    "A manager issues a one-time code for the store under Settings on a tablet that is already enrolled, or head office with the hub's command line. A code works once, for 10 minutes.",
  "enroll.codeLabel": "Enrollment code",
  "enroll.codeHelp": "12 characters, like 7KQ2-M9XD-4HTP.",
  "enroll.nameLabel": "Name of this tablet (optional)",
  "enroll.nameHelp":
    "Tells tablets apart in the list of tablets, such as Counter left.",
  "enroll.submit": "Enroll",
  "enroll.codeInvalid":
    "Type the 12-character code as it was shown, like 7KQ2-M9XD-4HTP.",
  "enroll.nameTooLong": "The name may have at most 60 characters.",
  "enroll.revoked":
    "This tablet was revoked, so everything it stored was deleted. Enroll it again with a new code.",
  "enroll.unknown":
    "The hub does not know this tablet, so everything it stored was deleted. Enroll it again with a new code.",

  "rejected.title": "The hub rejected an offline action",
  "rejected.sign-in.failure":
    "A wrong PIN of {name}, typed offline, was not counted. {reason}",
  "rejected.sign-in.success":
    "The offline sign-in of {name} was not accepted. {reason}",
  "rejected.pin.change":
    "The PIN change of {name}, made offline, was undone: the previous PIN works again. {reason}",
  "rejected.pin.reset":
    "The PIN reset of {name}, made offline, was undone: the previous PIN works again. {reason}",
  "rejected.someone": "a user",
  "rejected.dismiss": "Dismiss",

  "status.label": "Tablet status",
  "status.online": "Online",
  "status.offline": "Offline",
  "status.connecting": "Connecting…",
  "status.lastSync": "Last sync {time}",
  "status.neverSynced": "Not synced yet",
  "status.pendingNone": "Nothing waiting to be sent",
  "status.pending_one": "{count} change waiting to be sent",
  "status.pending_other": "{count} changes waiting to be sent",
  "status.storageNotPersistent":
    "The browser may delete this tablet's offline data when space runs low.",
  "status.offlineSession": "Signed in offline",

  "topBar.signedInAs": "Signed in: {name}",
  "topBar.switchUser": "Switch user",

  "signIn.title": "Who is signing in?",
  "signIn.searchLabel": "Search by name or employee number",
  "signIn.noMatch": "No one matches “{query}”.",
  "signIn.noUsers": "This store has no users yet.",
  "signIn.networkNeededTitle": "This tablet needs the network once",
  "signIn.networkMissing":
    "It holds no offline data yet. Connect it to the store's network; after its first sync, sign-in works offline too.",
  "signIn.networkExpired":
    "Its offline data is older than {hours} hours. Connect it to the store's network to refresh it.",
  "signIn.networkClock":
    "Its clock went back in time, so its offline data no longer counts. Connect it to the store's network to refresh it.",
  "signIn.employeeNumberTitle": "Sign in with your employee number",
  "signIn.employeeNumberLabel": "Employee number",
  "signIn.employeeNumberInvalid":
    "Enter your employee number: letters, digits, dots, dashes or underscores.",
  "signIn.next": "Next",
  "signIn.pinFor": "PIN for {name}",
  "signIn.pinForNumber": "PIN for employee number {number}",
  "signIn.submit": "Sign in",
  "signIn.lockedUntil":
    "{name} is locked until {time} after too many wrong PINs. Wait, or ask a manager to unlock.",
  "signIn.lockedPermanent":
    "{name} is locked after too many wrong PINs. A manager or head office must unlock the account.",

  "userTile.locked": "Locked",
  "userTile.label": "{name}, {role}",
  "userTile.labelLocked": "{name}, {role}, locked",

  "pinPad.clear": "Clear",
  "pinPad.delete": "Delete last digit",
  "pinPad.back": "Back",
  "pinPad.ok": "OK",

  "changePin.title": "Change PIN",
  "changePin.forcedTitle": "Choose your own PIN",
  "changePin.forcedHint":
    "You signed in with a temporary PIN. Choose a new PIN that only you know.",
  "changePin.current": "Enter your current PIN",
  "changePin.new": "Enter a new PIN of {min} to {max} digits",
  "changePin.confirm": "Enter the new PIN again",
  "changePin.rules":
    "Avoid repeated digits, runs such as 123456, your employee number and common PINs.",
  "changePin.mismatch": "The two new PINs differ. Enter the new PIN again.",
  "changePin.notAllowed": "This PIN is not allowed:",
  "changePin.next": "Next",
  "changePin.save": "Save PIN",
  "changePin.cancel": "Cancel",
  "changePin.done": "Your PIN is changed.",
  "changePin.doneOffline":
    "Your PIN is changed on this tablet and goes to the hub when the network returns. Until then, other tablets still take the previous PIN.",
  "changePin.continue": "Continue",

  "pinPolicy.not-digits": "It must contain digits only.",
  "pinPolicy.too-short": "It must have at least {min} digits.",
  "pinPolicy.too-long": "It must have at most {max} digits.",
  "pinPolicy.repeated-digit": "It repeats a single digit.",
  "pinPolicy.sequence": "It is a run of consecutive digits.",
  "pinPolicy.employee-number": "It is the employee number.",
  "pinPolicy.common-pin": "It is one of the most common PINs.",
  "pinPolicy.recently-used": "It is one of the last 3 PINs.",

  "home.title": "Hello, {name}",
  "home.role": "Role: {role}",
  "home.store": "Store: {store}",
  "home.changePin": "Change PIN",
  "home.signOut": "Sign out",
  "home.settings": "Settings",

  "manager.settingsTitle": "Settings",
  "manager.users": "Users",
  "manager.back": "Back",
  "manager.usersTitle": "Users",
  "manager.usersHint": "Select the user who needs a new PIN.",
  "manager.employeeNumberLabel": "Employee number",
  "manager.roleLabel": "Role",
  "manager.statusLabel": "Status",
  "manager.accessTitle": "Access to the kiosk",
  "manager.generateNewPin": "Generate New PIN",
  "manager.unlock": "Unlock",
  "manager.lockedUntil": "Locked until {time}.",
  "manager.lockedPermanent": "Locked until someone unlocks the account.",
  "manager.notLocked": "Not locked.",
  "manager.failedAttempts_one": "{count} wrong PIN since the last sign-in.",
  "manager.failedAttempts_other": "{count} wrong PINs since the last sign-in.",
  "manager.temporaryPin":
    "Has a temporary PIN and must replace it at the next sign-in.",
  "manager.reason.permission-missing":
    "Your role does not allow you to change the access of {name}.",
  "manager.reason.self-action":
    "This is your own account. Use Change PIN on the home screen instead.",
  "manager.reason.level-not-higher":
    "Your role's level is not above the level of {name}, so you cannot change their access.",
  "manager.reason.out-of-scope": "{name} works in a store outside your scope.",
  "manager.unlockOffline":
    "Unlocking needs the hub, and this session is offline. Sign in again once the tablet is online.",

  "reset.noticeTitle": "Reset the PIN of {name}",
  "reset.noticeEmail":
    "To protect the user's privacy, a temporary PIN will be sent to {name} by e-mail. Nobody else learns it, and {name} must replace it at the next sign-in.",
  "reset.noticeSms":
    "To protect the user's privacy, a temporary PIN will be sent to {name} by text message. Nobody else learns it, and {name} must replace it at the next sign-in.",
  "reset.noticeInPerson":
    "{name} has no e-mail address or phone number, so the temporary PIN will be shown once on this screen for you to hand over in person. {name} must replace it at the next sign-in.",
  "reset.noticeOffline":
    "The tablet is offline, so the temporary PIN cannot be sent. It will be shown once on this screen for you to hand over to {name} in person. {name} must replace it at the next sign-in.",
  "reset.understood": "Understood, reset PIN",
  "reset.cancel": "Cancel",
  "reset.temporaryTitle": "Temporary PIN",
  "reset.temporaryLabel": "Type a temporary PIN of {min} to {max} digits",
  "reset.temporaryNext": "Next",
  "reset.or": "or",
  "reset.generateRandom": "Generate a random PIN",
  "reset.letEmployeeChoose": "Let the employee choose",
  "reset.letEmployeeChooseHint":
    "{name} types a new PIN on this tablet, and nobody else learns it. You approve with your own PIN and are signed out, then hand the tablet to {name}.",
  "reset.employeeChoiceOffline":
    "Letting {name} choose needs the hub right now, and this tablet cannot reach it. Type a temporary PIN or generate a random one instead: both work offline.",
  "reset.proofTitle": "Confirm that it is you",
  "reset.proofLabel": "Enter your own PIN",
  "reset.summaryTyped": "{name} gets the temporary PIN you typed.",
  "reset.summaryRandom": "{name} gets a random temporary PIN.",
  "reset.summaryChoice":
    "{name} chooses a new PIN on this tablet. Once you approve, you are signed out: hand the tablet to {name}.",
  "reset.save": "Save Changes",
  "reset.approve": "Approve and hand over",
  "reset.doneTitle": "{name} now has a new PIN.",
  "reset.doneEmail": "The temporary PIN was sent by e-mail.",
  "reset.doneSms": "The temporary PIN was sent by text message.",
  "reset.doneInPerson":
    "Hand this temporary PIN to {name} in person. It is shown only this once:",
  "reset.doneInPersonTyped":
    "Hand the temporary PIN you typed to {name} in person.",
  "reset.doneOffline":
    "The tablet is offline: hand this temporary PIN to {name} in person. It is shown only this once:",
  "reset.sentLater":
    "The reset goes to the hub when the network returns. If the hub rejects it, this tablet undoes it and says why.",
  "reset.temporaryPinLabel": "Temporary PIN",
  "reset.expires":
    "The temporary PIN expires at {time} and must be replaced at the next sign-in.",
  "reset.finish": "Done",

  "pinChoice.title": "{name}, choose your new PIN",
  "pinChoice.intro":
    "{manager} approved that you choose a new PIN and is signed out. Type a PIN that only you know, then type it again. The approval ends at {time}.",
  "pinChoice.save": "Save my PIN",
  "pinChoice.cancel": "Cancel, keep my current PIN",
  "pinChoice.doneTitle": "Your new PIN is saved, {name}.",
  "pinChoice.doneHint":
    "Sign in with it now. Other tablets of your stores take it as soon as they are online.",
  "pinChoice.failedTitle": "Your PIN was not changed",
  "pinChoice.finish": "Go to sign-in",

  "unlock.title": "Unlock {name}",
  "unlock.proofLabel": "Enter your own PIN to unlock {name}",
  "unlock.submit": "Unlock",
  "unlock.done": "{name} is unlocked and can sign in again.",
  "unlock.finish": "Done",

  "passkey.proofHint":
    "Confirm with your passkey: your device asks for your fingerprint, face, screen lock or security key.",
  "passkey.confirm": "Confirm with passkey",
  "passkey.requiredForReset":
    "The organisation requires a passkey to reset a PIN, and you have none yet. Register a passkey first under Settings, Passkeys.",

  "passkeys.open": "Passkeys",
  "passkeys.title": "Your passkeys",
  "passkeys.hint":
    "A passkey proves that it is you when you reset a PIN, unlock a colleague or enroll a tablet, so a PIN seen over your shoulder is not enough.",
  "passkeys.loading": "Loading your passkeys…",
  "passkeys.none": "You have no passkey yet.",
  "passkeys.offline":
    "Passkeys need the hub, and the tablet is offline. Try again once it is online.",
  "passkeys.added": "Added {date}",
  "passkeys.remove": "Remove",
  "passkeys.removeTitle": "Remove the passkey {name}",
  "passkeys.removeConfirm": "Remove passkey",
  "passkeys.removeProofLabel": "Enter your own PIN to remove the passkey",
  "passkeys.removed": "The passkey {name} was removed.",
  "passkeys.register": "Register a passkey",
  "passkeys.registerTitle": "Register a passkey",
  "passkeys.nameLabel": "Name of the passkey",
  "passkeys.nameHelp": "Tells your passkeys apart, such as Phone or Blue key.",
  "passkeys.grantLabel": "Registration grant",
  "passkeys.grantHelp":
    "16 characters from an administrator. Your first passkey needs one.",
  "passkeys.registerSubmit": "Register",
  "passkeys.registerProofLabel": "Enter your own PIN to register the passkey",
  "passkeys.registered":
    "The passkey {name} is registered. From now on you confirm with it.",
  "passkeys.nameMissing": "Give the passkey a name of at most 64 characters.",
  "passkeys.grantMissing":
    "Type the registration grant an administrator gave you.",

  "enrollTablet.open": "Enroll a tablet",
  "enrollTablet.title": "Enroll a new tablet for {store}",
  "enrollTablet.proofLabel": "Enter your own PIN to issue an enrollment code",
  "enrollTablet.submit": "Issue code",
  "enrollTablet.codeTitle": "Enrollment code",
  "enrollTablet.codeHint":
    "Type this code on the new tablet. It works once, until {time}, and only for {store}.",
  "enrollTablet.finish": "Done",

  "error.INVALID_INPUT":
    "The tablet sent invalid data. Try again, and reload the page if it happens again.",
  "error.UNAUTHENTICATED": "The session ended. Sign in again with your PIN.",
  "error.PIN_INCORRECT": "Wrong PIN.",
  "error.PIN_INCORRECT.remaining_one":
    "Wrong PIN. {count} more wrong PIN locks the account.",
  "error.PIN_INCORRECT.remaining_other":
    "Wrong PIN. {count} more wrong PINs lock the account.",
  "error.USER_LOCKED":
    "The account is locked after too many wrong PINs. Wait, or ask a manager to unlock it.",
  "error.USER_LOCKED.until":
    "The account is locked until {time} after too many wrong PINs. Wait, or ask a manager to unlock it.",
  "error.USER_LOCKED_PERMANENT":
    "The account is locked after too many wrong PINs. A manager or head office must unlock it.",
  "error.TEMPORARY_PIN_EXPIRED":
    "The temporary PIN has expired. Ask a manager to reset the PIN again.",
  "error.PIN_NOT_SET": "The account has no PIN yet. Ask a manager to reset it.",
  "error.PIN_CHANGE_REQUIRED":
    "The current PIN is temporary. Choose a new PIN first.",
  "error.PIN_POLICY_VIOLATION": "This PIN is not allowed. Choose another PIN.",
  "error.USER_NOT_FOUND":
    "No active user with these details in this store. Check the employee number.",
  "error.USER_INACTIVE":
    "The account is deactivated. Head office can reactivate it.",
  "error.STORE_NOT_FOUND":
    "The hub does not know this tablet's store. Ask head office to check the store.",
  "error.PERMISSION_MISSING":
    "Your role does not allow this. Ask head office for a role that does.",
  "error.LEVEL_NOT_HIGHER":
    "Your role's level is not above this user's level. Ask someone with a higher role.",
  "error.OUT_OF_SCOPE": "This user works in a store outside your scope.",
  "error.SELF_ACTION":
    "You cannot do this to your own account. Use Change PIN instead.",
  "error.PROOF_FAILED": "Your PIN is incorrect. Nothing was changed.",
  "error.NOT_LOCKED": "This user is not locked, so there is nothing to unlock.",
  "error.PROTOCOL_MISMATCH":
    "This tablet needs an update to work with the hub. Reload the page.",
  "error.RATE_LIMITED":
    "Too many attempts from this tablet. Wait a moment and try again.",
  "error.RATE_LIMITED.wait_one":
    "Too many attempts from this tablet. Wait {count} second and try again.",
  "error.RATE_LIMITED.wait_other":
    "Too many attempts from this tablet. Wait {count} seconds and try again.",
  "error.DEMO_ONLY": "This works only on a hub in demo mode.",
  "error.NOT_FOUND":
    "The hub does not offer this function. The tablet may need an update.",
  "error.INTERNAL": "The hub failed to handle the request. Try again.",
  "error.PIN_CHOICE_GRANT_INVALID":
    "This approval is not valid for this user. Ask a manager to approve the PIN choice again.",
  "error.PIN_CHOICE_GRANT_EXPIRED":
    "The manager's approval has expired. Ask a manager to approve the PIN choice again.",
  "error.PIN_CHOICE_GRANT_USED":
    "The manager's approval was already used or replaced. Ask a manager to approve the PIN choice again.",
  "error.PIN_CHOICE_GRANT_OTHER_TABLET":
    "The manager approved this on another tablet. Choose the PIN on that tablet.",
  "error.ENROLLMENT_CODE_INVALID":
    "The code is unknown, used or expired. Ask a manager for a new code.",
  "error.TABLET_CHALLENGE_INVALID":
    "The tablet could not prove its identity to the hub. It tries again by itself.",
  "error.TABLET_UNKNOWN":
    "The hub does not know this tablet. Enroll it again with a code from a manager.",
  "error.TABLET_REVOKED":
    "This tablet was revoked. Enroll it again with a code from a manager.",
  "error.TABLET_NOT_ENROLLED":
    "The tablet could not prove its identity to the hub. Try again.",
  "error.CLAIM_TIME_IMPLAUSIBLE":
    "The tablet's clock was wrong when it happened.",
  "error.CONFLICT_SUPERSEDED":
    "A change at the hub that tightens access came first.",
  "error.SEALED_SECRET_INVALID":
    "The hub could not read the PIN the tablet sent, because its key changed. Do it again.",
  "error.CURSOR_EXPIRED":
    "The tablet's copy of the data was too old. It loads a fresh copy by itself.",
  "error.OFFLINE_UNAVAILABLE":
    "The tablet cannot sign anyone in offline: it needs the network once.",
  "error.OFFLINE_NO_VERIFIER":
    "The tablet cannot check this PIN offline yet. Try again once it is online.",
  "error.OFFLINE_CHECK_FAILED":
    "This tablet failed to check the PIN offline, so nothing was counted. Try again once it is online, and call support if it happens again.",
  "error.OFFLINE_PASSKEY_UNAVAILABLE":
    "This tablet has no copy of your passkey's public key yet, so it cannot check the passkey offline. Nothing was changed; try again once the tablet is online.",
  "error.OFFLINE_PASSKEY_UNAVAILABLE.algorithm":
    "Your passkey uses a type of key that this tablet can check only online. Nothing was changed; try again once the tablet is online.",
  "error.PASSKEY_CANCELLED":
    "The passkey prompt closed without an answer. Try again with a passkey registered for you.",
  "error.PASSKEY_REQUIRED":
    "The organisation requires a passkey to reset a PIN. Register a passkey first under Settings, Passkeys.",
  "error.PASSKEY_PROOF_REQUIRED":
    "You have a passkey, so confirm with it rather than with your PIN.",
  "error.PASSKEY_VERIFICATION_FAILED":
    "The passkey's response was rejected. Nothing was changed; try again with a passkey registered for you.",
  "error.PASSKEY_CHALLENGE_INVALID": "The passkey request expired. Try again.",
  "error.PASSKEY_COUNTER_REPLAYED":
    "The passkey's counter went back, so it may have been copied. Use another passkey, or ask an administrator to remove this one.",
  "error.PASSKEY_GRANT_REQUIRED":
    "Your first passkey needs a registration grant from an administrator.",
  "error.PASSKEY_GRANT_INVALID":
    "The registration grant is unknown, used or expired. Ask an administrator for a new one.",
  "error.PASSKEY_ALREADY_REGISTERED":
    "This device already holds one of your passkeys. Use it, or remove it first.",
  "error.PASSKEY_NOT_FOUND":
    "That passkey no longer exists. The list shows your passkeys now.",
  "error.ONLINE_ONLY":
    "This needs the hub, and the tablet is offline. Try again once it is online.",
  "error.OUTBOX_FULL":
    "Too many offline actions wait to be sent. Connect the tablet to the network first.",
  "error.STORAGE_FAILED":
    "The tablet could not read or save its data. Reload the page.",
  "error.INSECURE_CONTEXT":
    "The kiosk needs a secure connection to the hub (https).",
  "error.NETWORK":
    "The hub cannot be reached. Check the network and try again.",
  "error.BAD_RESPONSE":
    "The hub sent a response this tablet cannot read. Reload the page, and call support if it happens again.",
} as const satisfies Readonly<Record<string, string>>;

export const locale: LocaleDefinition = {
  code: "en",
  name: "English",
  messages,
};
