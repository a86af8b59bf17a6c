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

  "nav.tablets": "Tablets",
  "nav.settings": "Settings",
  "nav.alerts": "Alerts",
  "nav.audit": "Audit log",
  "nav.feed": "Live feed",
  "nav.import": "Roster import",
  "nav.tokens": "Feed API tokens",
  "nav.outbox": "Local outbox",
  "nav.passkeys": "Your passkeys",

  "common.refresh": "Refresh",

  "tablets.enrollTitle": "Enroll a tablet",
  "tablets.enrollHelp":
    "Create a one-time code for a store and type it on the new tablet. The code works once and expires after a few minutes.",
  "tablets.store": "Store",
  "tablets.chooseStore": "Choose a store",
  "tablets.createCode": "Create enrollment code",
  "tablets.enrollProof": "Create a one-time enrollment code for a tablet.",
  "tablets.codeFor": "Enrollment code for {store}:",
  "tablets.codeExpires": "It expires at {time}.",
  "tablets.codeOnce":
    "This code is shown only once. Type it on the tablet now, or create a new one later.",
  "tablets.none": "No tablets are enrolled in your stores yet.",
  "tablets.caption": "Tablets of {store}",
  "tablets.label": "Tablet",
  "tablets.status": "Status",
  "tablets.status.active": "Active",
  "tablets.status.revoked": "Revoked",
  "tablets.status.stolen": "Reported stolen",
  "tablets.online": "Connection",
  "tablets.onlineYes": "Online",
  "tablets.onlineNo": "Offline",
  "tablets.lastSeen": "Last seen",
  "tablets.lastSync": "Last sync",
  "tablets.pending": "Changes still to reach it",
  "tablets.actions": "Actions",
  "tablets.never": "Never",
  "tablets.revokedAt": "Since {time}",
  "tablets.revoke": "Revoke",
  "tablets.revokeNamed": "Revoke {label}",
  "tablets.reportStolen": "Report stolen",
  "tablets.stolenNamed": "Report {label} stolen",
  "tablets.revokeTitle": "Revoke the tablet {label}?",
  "tablets.revokeMessage":
    "The tablet is disconnected at once and cannot reconnect. It wipes its stored data the next time it reaches the hub. To use it again, enroll it with a new code.",
  "tablets.stolenTitle": "Report the tablet {label} stolen?",
  "tablets.stolenMessage":
    "The tablet is revoked and wipes its stored data the next time it reaches the hub. Every user of {store} whose data it held must choose a new PIN at their next sign-in, and head office sees an alert. This cannot be undone.",
  "tablets.revokeDone": "The tablet {label} is revoked.",
  "tablets.stolenDone":
    "The tablet {label} is reported stolen. Its users choose new PINs at their next sign-in.",

  "settings.intro":
    "These settings apply to every store and tablet. Tablets receive a change within a second, or at their next sync.",
  "settings.section.pins": "PINs",
  "settings.section.lockout": "Lockout after wrong PINs",
  "settings.section.tablets": "Tablets",
  "settings.section.log": "Change log",
  "settings.pinMinLength": "Shortest PIN, in digits",
  "settings.pinMinLength.help":
    "From 4 to 8 digits, for PINs chosen from now on.",
  "settings.temporaryPinTtlHours": "Temporary PIN valid for, in hours",
  "settings.temporaryPinTtlHours.help":
    "After a reset, the temporary PIN stops working after this time.",
  "settings.deliveryChannel": "Temporary PINs go first by",
  "settings.deliveryChannel.help":
    "E-mail tries e-mail, then a text message; text message the other way round; in person sends nothing and the manager hands the PIN over.",
  "settings.deliveryChannel.email": "E-mail",
  "settings.deliveryChannel.sms": "Text message",
  "settings.deliveryChannel.in-person": "In person",
  "settings.requirePasskeyForReset": "Require a passkey for every PIN reset",
  "settings.requirePasskeyForReset.help":
    "The manager confirms each reset with a passkey instead of their PIN.",
  "settings.lockoutThreshold": "Wrong PINs before the first timed lock",
  "settings.lockoutThreshold.help": "From 2 to 20 consecutive wrong PINs.",
  "settings.lockoutBaseSeconds": "First timed lock, in seconds",
  "settings.lockoutBaseSeconds.help": "It doubles with each further wrong PIN.",
  "settings.lockoutPermanentAt":
    "Wrong PINs before a lock until someone unlocks",
  "settings.lockoutPermanentAt.help":
    "Must be greater than the number before the first timed lock.",
  "settings.idleTimeoutSeconds": "Idle time before sign-out, in seconds",
  "settings.idleTimeoutSeconds.help":
    "A tablet signs its user out after this time without a touch.",
  "settings.offlineWindowHours": "Offline window, in hours",
  "settings.offlineWindowHours.help":
    "How long a tablet may sign users in from its cache without a sync.",
  "settings.clockSkewSeconds":
    "Allowed clock skew of offline actions, in seconds",
  "settings.clockSkewSeconds.help":
    "How far an offline action's tablet time may lie outside the plausible window.",
  "settings.signInMode": "Sign-in screen shows",
  "settings.signInMode.help":
    "A list of names, or a field for the employee number.",
  "settings.signInMode.user-list": "A list of names",
  "settings.signInMode.employee-number": "An employee number field",
  "settings.retentionDays": "Keep the change log for, in days",
  "settings.retentionDays.help":
    "A tablet or feed consumer away for longer gets a fresh copy instead of the missed changes.",
  "settings.unchanged": "Nothing changed, so nothing was saved.",
  "settings.saveProof":
    "Change the organisation's settings for every store and tablet.",
  "settings.saved_one": "Saved. {count} setting changed.",
  "settings.saved_other": "Saved. {count} settings changed.",

  "alerts.locks": "Locked users",
  "alerts.noLocks": "No user is locked out.",
  "alerts.user": "User",
  "alerts.stores": "Stores",
  "alerts.lock": "Lock",
  "alerts.lockedUntil": "Until {time}",
  "alerts.lockedPermanently": "Until someone unlocks",
  "alerts.failures": "Wrong PINs in a row",
  "alerts.lastFailure": "Last wrong PIN",
  "alerts.tablet": "At tablet",
  "alerts.unlock": "Unlock",
  "alerts.unlockNamed": "Unlock {name}",
  "alerts.unlockProof":
    "Unlock {name}, so they can sign in with their PIN again.",
  "alerts.unlocked": "{name} is unlocked.",
  "alerts.stolen": "Tablets reported stolen",
  "alerts.noStolen": "No tablet was reported stolen.",
  "alerts.reportedAt": "Reported",
  "alerts.delivery": "Temporary PINs not delivered",
  "alerts.deliveryHelp":
    "These users never received their temporary PIN. Reset their PIN again, or hand it over in person.",
  "alerts.noDeliveryFailures": "Every temporary PIN reached its user.",
  "alerts.attempts": "Attempts",
  "alerts.lastError": "Last error",

  "audit.caption": "Audit log entries, newest first",
  "audit.empty": "No entries match the filters.",
  "audit.time": "Time",
  "audit.kind": "Kind",
  "audit.outcome": "Outcome",
  "audit.outcome.success": "Success",
  "audit.outcome.failure": "Failure",
  "audit.actor": "Actor",
  "audit.target": "Concerns",
  "audit.details": "Details",
  "audit.allStores": "All stores",
  "audit.loadMore": "Load older entries",
  "audit.filters": "Filters",
  "audit.filterUser": "User (employee number)",
  "audit.filterActor": "Actor (employee number)",
  "audit.from": "From",
  "audit.to": "Until",
  "audit.filtersHelp":
    "A user matches entries in which they acted or were acted upon. A kind such as tablet.* matches the whole family. Times are in this browser's time zone.",
  "audit.apply": "Apply filters",
  "audit.clear": "Clear filters",
  "audit.export": "Export CSV",
  "audit.unknownUser":
    "No user with employee number {employeeNumber} in your stores. Check the number.",
  "audit.badTime":
    "This is not a valid date and time. Pick one from the calendar.",
  "audit.detail.expiresAt": "Expires",
  "audit.detail.expiredAt": "Expired",
  "audit.detail.lockedUntil": "Locked until",
  "audit.detail.approvedAt": "Approved",
  "audit.detail.clientTime": "Tablet time",
  "audit.detail.earliest": "Earliest accepted",
  "audit.detail.latest": "Latest accepted",
  "audit.detail.via": "Via",
  "audit.detail.label": "Label",
  "audit.detail.method": "Method",
  "audit.detail.cause": "Cause",
  "audit.detail.reason": "Reason",
  "audit.detail.delivery": "Delivery",
  "audit.detail.emailed": "E-mailed",
  "audit.detail.generated": "Generated by the hub",
  "audit.detail.failures": "Failed attempts",
  "audit.detail.attemptsBeforeLock": "Attempts before lock",
  "audit.detail.retryAfterSeconds": "Retry after (seconds)",
  "audit.detail.endedSessions": "Sessions ended",
  "audit.detail.voidedGrants": "Grants voided",
  "audit.detail.temporaryPin": "Temporary PIN",
  "audit.detail.replacedTemporary": "Replaced a temporary PIN",
  "audit.detail.lines": "Lines",
  "audit.detail.users": "Users",
  "audit.detail.violations": "Rules broken",
  "audit.detail.id": "Id",
  "audit.detail.code": "Code",
  "audit.detail.name": "Name",
  "audit.detail.previousName": "Previous name",
  "audit.detail.timeZone": "Time zone",
  "audit.detail.previousTimeZone": "Previous time zone",
  "audit.detail.groupId": "Group",
  "audit.detail.storeIds": "Stores",
  "audit.detail.previousStoreIds": "Previous stores",
  "audit.detail.groupIds": "Groups of stores",
  "audit.detail.previousGroupIds": "Previous groups of stores",
  "audit.detail.employeeNumber": "Employee number",
  "audit.detail.roleId": "Role",
  "audit.detail.previousRoleId": "Previous role",
  "audit.detail.orgWide": "Whole organisation",
  "audit.detail.fields": "Changed",
  "audit.detail.level": "Level",
  "audit.detail.previousLevel": "Previous level",
  "audit.detail.permissions": "Permissions",
  "audit.detail.previousPermissions": "Previous permissions",
  "audit.detail.adminSessions": "Control panel sessions ended",
  "audit.detail.kioskSessions": "Tablet sessions ended",
  "audit.detail.before": "Before",
  "audit.detail.after": "After",
  "audit.detail.previousLock": "Lock before",
  "audit.detail.mode": "Mode",
  "audit.detail.approvingTabletId": "Approving tablet",
  "audit.detail.messageId": "Message",
  "audit.detail.channel": "Sent by",
  "audit.detail.attempts": "Attempts",
  "audit.detail.error": "Error",
  "audit.detail.passkeyId": "Passkey",
  "audit.detail.withGrant": "With a one-time grant",
  "audit.detail.notice": "Notice sent",
  "audit.detail.offline": "While offline",
  "audit.detail.mutationId": "Tablet change",
  "audit.detail.tokenId": "Token",
  "audit.detail.scopes": "Scopes",
  "audit.detail.oldestSeq": "Oldest entry kept",
  "audit.detail.source": "Source",
  "audit.detail.created": "Created",
  "audit.detail.updated": "Updated",
  "audit.detail.deactivated": "Deactivated",
  "audit.detail.unchanged": "Unchanged",

  "feed.intro":
    "Every change and audit event in your stores, as the hub applies it. The newest {limit} entries stay on the page.",
  "feed.connection.connecting": "Connecting…",
  "feed.connection.live": "Live",
  "feed.connection.disconnected": "Disconnected; reconnecting…",
  "feed.connection.ended": "Stopped, because your session ended.",
  "feed.connectFailed":
    "The live feed could not connect to the hub. It keeps trying.",
  "feed.pause": "Pause",
  "feed.resume": "Resume",
  "feed.held_one": "{count} new entry waits until you resume.",
  "feed.held_other": "{count} new entries wait until you resume.",
  "feed.caption": "Live feed, newest first",
  "feed.empty": "No change since this page opened.",
  "feed.category": "Category",
  "feed.category.change": "Change",
  "feed.category.audit": "Audit event",
  "feed.summary": "Concerns",

  "import.intro":
    "Upload the roster file from the HR system. The preview shows every bad row and what the import would change; nothing changes until you apply it.",
  "import.file": "Roster file (CSV)",
  "import.fileHelp":
    "Columns: employee number, first name, last name, e-mail, phone, store (several separated by |), role. Commas or semicolons, as Excel saves it.",
  "import.tooLarge":
    "The file is too large for one import. Split it into smaller files.",
  "import.deactivateMissing": "Deactivate active users missing from the file",
  "import.preview": "Preview",
  "import.previewTitle": "Preview",
  "import.rowsRead_one": "{count} row read: {ready} ready, {bad} with problems",
  "import.rowsRead_other":
    "{count} rows read: {ready} ready, {bad} with problems",
  "import.problems_one": "{count} problem",
  "import.problems_other": "{count} problems",
  "import.rowsReadWithProblems": "{rows} ({problems}).",
  "import.rowsReadClean": "{rows}.",
  "import.planSummary":
    "The import would create {create}, change {update} and deactivate {deactivate} users; {unchanged} stay as they are.",
  "import.badRows_one":
    "{count} row has problems, so nothing can be imported. Fix it and preview again.",
  "import.badRows_other":
    "{count} rows have problems, so nothing can be imported. Fix them and preview again.",
  "import.errorsCaption": "Rows with problems",
  "import.line": "Line",
  "import.employeeNumber": "Employee number",
  "import.column": "Column",
  "import.reason": "Problem",
  "import.create": "Users to create",
  "import.update": "Users to change",
  "import.deactivate": "Users to deactivate",
  "import.none": "None.",
  "import.deactivateOff":
    "None, because users missing from the file are left alone. Tick the box above to deactivate them.",
  "import.name": "Name",
  "import.contact": "E-mail and phone",
  "import.role": "Role",
  "import.changes": "Changes",
  "import.change": "{field}: {from} → {to}",
  "import.apply": "Apply import",
  "import.applyHelp": "Applies exactly this plan, after your password.",
  "import.applyBlocked":
    "Fix the rows with problems and preview the file again first.",
  "import.applyProof":
    "Import the roster: create {create}, change {update} and deactivate {deactivate} users.",
  "import.resultTitle": "Import applied",
  "import.result":
    "{created} users created, {updated} changed, {deactivated} deactivated, {unchanged} unchanged.",
  "import.inPerson":
    "These new users have no e-mail or phone. Hand them their temporary PIN in person; it is shown only once:",

  "tokens.intro":
    "Head-office systems read the feed of changes and audit events with an API token. The hub stores only a hash of each token, so a token is shown once, when it is created.",
  "tokens.listTitle": "Tokens",
  "tokens.empty": "No feed API token exists yet.",
  "tokens.name": "Name",
  "tokens.nameHelp": "What the token is for, such as Payroll export.",
  "tokens.scopes": "Scopes",
  "tokens.scope.feed:read": "read the feed of changes and audit events",
  "tokens.storesHelp":
    "Tick the stores whose entries the token may read. Leave all unticked for the whole organisation.",
  "tokens.expiry": "Expires after, in days",
  "tokens.expiryHelp": "From 1 to {max} days.",
  "tokens.lastUsed": "Last used",
  "tokens.state.active": "Active",
  "tokens.state.expired": "Expired",
  "tokens.state.revoked": "Revoked",
  "tokens.createTitle": "Create a token",
  "tokens.create": "Create token",
  "tokens.createProof": "Create the feed API token {name}.",
  "tokens.createdTitle": "Token {name} created",
  "tokens.createdWarning":
    "Copy the token now and store it in the head-office system. It is not shown again; if it is lost, revoke it and create a new one.",
  "tokens.copy": "Copy token",
  "tokens.copied": "The token is copied to the clipboard.",
  "tokens.createdDone": "I have stored the token",
  "tokens.revokeNamed": "Revoke {name}",
  "tokens.revokeTitle": "Revoke the token {name}?",
  "tokens.revokeMessage":
    "Systems that use this token lose access to the feed at once. This cannot be undone.",
  "tokens.revoked": "The token {name} is revoked.",

  "outbox.intro":
    "Messages the hub would send (temporary PINs, password links and passkey notices), newest first. In the demo the hub sends nothing, so they wait here for whoever plays the recipient.",
  "outbox.empty": "The outbox is empty.",
  "outbox.recipient": "Recipient",
  "outbox.channel": "Channel",
  "outbox.channel.email": "E-mail",
  "outbox.channel.sms": "Text message",
  "outbox.channel.local": "Local outbox",
  "outbox.status": "Status",
  "outbox.status.pending": "Waiting",
  "outbox.status.delivered": "Delivered",
  "outbox.status.failed": "Failed",
  "outbox.status.expired": "Expired before delivery",
  "outbox.status.superseded": "Superseded by a newer PIN",
  "outbox.kind": "Message",
  "outbox.kind.temporary-pin": "Temporary PIN",
  "outbox.kind.password-link": "Password link",
  "outbox.kind.passkey-notice": "Passkey notice",
  "outbox.createdAt": "Created",
  "outbox.expiresAt": "Expires",
  "outbox.pin": "PIN or link",

  "account.menu": "Account",
  "account.signedInAs": "Signed in as {name} ({role})",
  "account.changePassword": "Change password",
  "account.passkeys": "Your passkeys",
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
  "signIn.passkeyTitle": "Or use a passkey",
  "signIn.passkeyHelp":
    "No employee number needed: your browser offers the passkeys it holds for this control panel.",
  "signIn.passkeySubmit": "Sign in with a passkey",

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
  "proof.passkeyTitle": "Confirm with your passkey",
  "proof.passkeyHelp":
    "You have a passkey, so the hub accepts it and not your password. Press the button below, then answer your browser's passkey prompt.",

  "passkeys.title": "Your passkeys",
  "passkeys.intro":
    "A passkey signs you in without a password and confirms sensitive actions. Once you have one, the control panel asks for it instead of your password.",
  "passkeys.caption": "Your passkeys",
  "passkeys.listTitle": "Registered passkeys",
  "passkeys.name": "Name",
  "passkeys.createdAt": "Registered",
  "passkeys.lastUsedAt": "Last used",
  "passkeys.neverUsed": "Never",
  "passkeys.actions": "Actions",
  "passkeys.remove": "Remove",
  "passkeys.removeLabel": "Remove the passkey {passkey}",
  "passkeys.empty": "You have no passkey yet.",
  "passkeys.registerTitle": "Register a passkey",
  "passkeys.nameLabel": "Name of the passkey",
  "passkeys.nameHelp":
    "Something that tells your passkeys apart, such as the device, up to 64 characters.",
  "passkeys.grantLabel": "Registration grant",
  "passkeys.grantHelp":
    "A first passkey needs the 16-character grant an administrator issued for you. Your password confirms the registration.",
  "passkeys.nextHelp": "Your current passkey confirms the registration.",
  "passkeys.register": "Register passkey",
  "passkeys.nameMissing": "Type a name for the passkey.",
  "passkeys.grantMissing":
    "Type the registration grant an administrator gave you.",
  "passkeys.proofRegister": "Register the passkey {passkey}.",
  "passkeys.proofRemove": "Remove your passkey {passkey}.",
  "passkeys.registered": "The passkey {passkey} is registered.",
  "passkeys.removed": "The passkey {passkey} is removed.",
  "passkeys.removedLast":
    "The passkey {passkey} is removed. You have no passkey left, so the control panel asks for your password again.",
  "passkeys.prompt.cancelled":
    "The passkey prompt was closed or timed out, or this device holds no passkey for this control panel. Try again, or use a device that has your passkey.",
  "passkeys.prompt.already-registered":
    "This authenticator already holds a passkey of yours. Use that passkey, or register one on another device.",
  "passkeys.prompt.refused":
    "The browser refused passkeys for this address. Open the control panel at its host name, not an IP address.",
  "passkeys.prompt.unsupported":
    "This browser does not support passkeys. Use a current browser, or sign in with your password.",
  "passkeys.prompt.failed":
    "The passkey prompt failed. Try again; if it keeps failing, try another browser or device.",
  "passkeys.error.ADMIN_PASSKEY_SIGN_IN_FAILED":
    "This passkey is not registered for the control panel, or it was removed. Sign in with your password, or use another passkey.",
  "passkeys.error.PASSKEY_VERIFICATION_FAILED":
    "The hub rejected the passkey's response. Try again with a passkey registered to you.",
  "passkeys.error.PASSKEY_CHALLENGE_INVALID":
    "The passkey request expired or was already used. Try again.",
  "passkeys.error.PASSKEY_PROOF_REQUIRED":
    "You have a passkey, so confirm with it rather than with your password. Nothing was changed.",
  "passkeys.error.PASSKEY_GRANT_REQUIRED":
    "A first passkey needs a one-time registration grant. Ask an administrator for one and type it in.",
  "passkeys.error.PASSKEY_GRANT_INVALID":
    "The registration grant is wrong, used or expired. Ask an administrator for a new one.",
  "passkeys.error.PASSKEY_ALREADY_REGISTERED":
    "This authenticator already holds a registered passkey. Use that passkey, or remove it first.",
  "passkeys.error.PASSKEYS_UNAVAILABLE":
    "Passkeys are unavailable because the hub is reached by an IP address. Ask the hub's operator to give it a host name.",

  "userPasskeys.title": "Passkeys",
  "userPasskeys.caption": "Passkeys of {name}",
  "userPasskeys.empty": "{name} has no passkey.",
  "userPasskeys.grantHint":
    "A registration grant lets {name} register a first passkey, in the control panel or on a tablet. It works once, for 24 hours.",
  "userPasskeys.hasPasskey":
    "{name} has a passkey, so registers further ones with it and needs no grant.",
  "userPasskeys.issueGrant": "Issue a registration grant",
  "userPasskeys.roleCannotRegister":
    "The role of {name} uses no passkeys, so a registration grant would not help. Passkeys are for supervisors and above, and for roles that reset PINs or open the control panel.",
  "userPasskeys.proofGrant": "Issue a passkey registration grant for {name}.",
  "userPasskeys.grantIssued":
    "Pass this registration grant to {name}. It is shown only this once:",
  "userPasskeys.grantExpires": "The grant works once, until {time}.",
  "userPasskeys.grantDone": "Done",
  "userPasskeys.removeLabel": "Remove the passkey {passkey} of {name}",
  "userPasskeys.proofRemove": "Remove the passkey {passkey} of {name}.",
  "userPasskeys.removed": "The passkey {passkey} of {name} is removed.",

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

  "users.title": "Users",
  "users.create": "New user",
  "users.createTitle": "New user",
  "users.createSubmit": "Create user",
  "users.editTitle": "Edit {name}",
  "users.filters": "Find users",
  "users.search": "Search",
  "users.searchHelp":
    "Part of a name, an employee number or an e-mail address.",
  "users.store": "Store",
  "users.role": "Role",
  "users.status": "Status",
  "users.status.active": "Active",
  "users.status.deactivated": "Deactivated",
  "users.status.locked": "Locked",
  "users.name": "Name",
  "users.employeeNumber": "Employee number",
  "users.employeeNumberHelp":
    "Unique in the organisation; the roster import matches users by it. It cannot be changed later.",
  "users.firstName": "First name",
  "users.lastName": "Last name",
  "users.email": "E-mail address",
  "users.emailHelp":
    "Optional. Temporary PINs and password links go here, such as name@example.com.",
  "users.phone": "Phone number",
  "users.phoneHelp":
    "Optional. In international form with + and 7 to 15 digits, such as +15550100.",
  "users.roleHelp":
    "Only roles below your own level are listed. A new user has no PIN until someone resets it.",
  "users.roleHelpEdit":
    "Only roles below your own level are listed. Changing the role asks your password.",
  "users.stores": "Stores",
  "users.groups": "Groups of stores",
  "users.orgWide": "Whole organisation",
  "users.orgWideLabel": "Works for the whole organisation (every store)",
  "users.none": "No user matches these filters.",
  "users.none.value": "None",
  "users.backToList": "Back to the users",
  "users.lockedUntil": "Locked until {time}",
  "users.lockedPermanent": "Locked until someone unlocks the account",
  "users.notLocked": "Not locked",
  "users.pin.none": "No PIN yet",
  "users.pin.chosen": "Chosen by the user",
  "users.pin.temporary": "Temporary; must be replaced at the next sign-in.",
  "users.pinExpires": "It expires at {time}.",
  "users.profile": "Profile",
  "users.kioskAccess": "Access to the kiosk",
  "users.pinState": "PIN",
  "users.lock": "Lock",
  "users.failedAttempts": "Wrong PINs since the last sign-in",
  "users.generateNewPin": "Generate New PIN",
  "users.unlock": "Unlock",
  "users.deactivatedNoAccess":
    "This account is deactivated, so it has no access to the kiosk. Reactivate it first.",
  "users.panelAccess": "Access to the control panel",
  "users.panelAccessYes":
    "The role of {name} opens the control panel with a password.",
  "users.panelAccessNo": "The role of {name} does not open the control panel.",
  "users.issueCode": "Issue a one-time password code",
  "users.codeIssued":
    "Pass this one-time code to {name}. With it they set their password at the control panel's sign-in, under “Set a password with a one-time code”. It is shown only this once:",
  "users.codeExpires": "The code works once, until {time}.",
  "users.codeEmailed": "It was also sent to their e-mail address.",
  "users.signOutEverywhere": "Sign out everywhere",
  "users.sessions": "Sessions",
  "users.sessionsHelp":
    "Signing {name} out everywhere ends their sessions on every tablet and in the control panel.",
  "users.signOutEverywhereTitle": "Sign {name} out everywhere?",
  "users.signOutEverywhereMessage":
    "Every session of {name} ends, on tablets and in the control panel. They can sign in again at once.",
  "users.signedOut_one": "{count} session of {name} was ended.",
  "users.signedOut_other": "{count} sessions of {name} were ended.",
  "users.account": "Account",
  "users.deactivate": "Deactivate",
  "users.deactivateHint":
    "Once deactivated, {name} cannot sign in anywhere and their sessions end. Their history stays.",
  "users.reactivate": "Reactivate",
  "users.reactivateTitle": "Reactivate {name}?",
  "users.reactivateHint":
    "{name} can sign in again with their current PIN and password.",
  "users.proofRole": "Give {name} the role {role}.",
  "users.proofUnlock": "Unlock {name}.",
  "users.proofDeactivate": "Deactivate {name}.",
  "users.proofCode": "Issue a one-time password code for {name}.",
  "users.outcome.saved": "The changes to {name} are saved.",
  "users.outcome.unlocked": "{name} is unlocked and can sign in again.",
  "users.outcome.deactivated": "{name} is deactivated.",
  "users.outcome.reactivated": "{name} is active again.",
  "users.refused.permission-missing":
    "Your role does not allow you to change the access of {name}.",
  "users.refused.self-action":
    "{name} is your own account. Use Change password in the account menu, or Change PIN on a tablet.",
  "users.refused.level-not-higher":
    "Your role's level is not above the level of {name}, so you cannot change their access.",
  "users.refused.out-of-scope": "{name} works in a store outside your scope.",

  "reset.noticeTitle": "Reset the PIN of {name}",
  "reset.noticeEmail":
    "To protect the user's privacy, a temporary PIN will be sent to {name} by e-mail. Nobody else learns it, and {name} must replace it at the next sign-in.",
  "reset.noticeSms":
    "To protect the user's privacy, a temporary PIN will be sent to {name} by text message. Nobody else learns it, and {name} must replace it at the next sign-in.",
  "reset.noticeInPerson":
    "{name} has no e-mail address or phone number, so the temporary PIN will be shown once on this screen for you to hand over in person. {name} must replace it at the next sign-in.",
  "reset.understood": "Understood, reset PIN",
  "reset.temporaryTitle": "Temporary PIN",
  "reset.temporaryLabel": "Type a temporary PIN of {min} to {max} digits",
  "reset.temporaryNext": "Next",
  "reset.or": "or",
  "reset.generateRandom": "Generate a random PIN",
  "reset.notAllowed": "This PIN is not allowed:",
  "reset.saveTitle": "Save the new PIN",
  "reset.summaryTyped": "{name} gets the temporary PIN you typed.",
  "reset.summaryRandom": "{name} gets a random temporary PIN.",
  "reset.saveHint": "Save Changes asks your password once more.",
  "reset.save": "Save Changes",
  "reset.proofAction": "Reset the PIN of {name}.",
  "reset.doneTitle": "{name} now has a new PIN.",
  "reset.doneEmail": "The temporary PIN was sent by e-mail.",
  "reset.doneSms": "The temporary PIN was sent by text message.",
  "reset.doneInPerson":
    "Hand this temporary PIN to {name} in person. It is shown only this once:",
  "reset.doneInPersonTyped":
    "Hand the temporary PIN you typed to {name} in person.",
  "reset.temporaryPinLabel": "Temporary PIN",
  "reset.expires":
    "The temporary PIN expires at {time} and must be replaced at the next sign-in.",
  "reset.finish": "Done",

  "pinPolicy.not-digits": "It must contain digits only.",
  "pinPolicy.too-short": "It must have at least {min} digits.",
  "pinPolicy.too-long": "It must have at most {max} digits.",
  "pinPolicy.repeated-digit": "It repeats a single digit.",
  "pinPolicy.sequence": "It is a run of consecutive digits.",
  "pinPolicy.employee-number": "It is the employee number.",
  "pinPolicy.common-pin": "It is one of the most common PINs.",
  "pinPolicy.recently-used": "It is one of the last 3 PINs.",

  "roles.title": "Roles",
  "roles.create": "New role",
  "roles.createTitle": "New role",
  "roles.createSubmit": "Create role",
  "roles.editTitle": "Edit the role {name}",
  "roles.editNamed": "Edit the role {name}",
  "roles.deleteNamed": "Delete the role {name}",
  "roles.name": "Name",
  "roles.nameHelp": "Such as Shift lead; unique, at most 60 characters.",
  "roles.nameWithLevel": "{name} (level {level})",
  "roles.level": "Level",
  "roles.level.1": "1: employee",
  "roles.level.2": "2: supervisor",
  "roles.level.3": "3: manager",
  "roles.level.4": "4: administrator",
  "roles.levelHelp":
    "A user acts only on users of a lower level. Levels at or above your own cannot be chosen.",
  "roles.levelBuiltIn": "A built-in role keeps its level.",
  "roles.permissions": "Permissions",
  "roles.permissionsHelp":
    "Only permissions your own role holds can be granted or taken away.",
  "roles.noPermissions": "None",
  "roles.users": "Users",
  "roles.actions": "Actions",
  "roles.builtIn": "built-in",
  "roles.none": "No roles.",
  "roles.notFound": "This role does not exist any more.",
  "roles.backToList": "Back to the roles",
  "roles.saved": "The role {name} is saved.",
  "roles.deleted": "The role {name} is deleted.",
  "roles.deleteTitle": "Delete the role {name}?",
  "roles.deleteMessage":
    "The role {name} is deleted for good. A role that users still hold, or a built-in role, cannot be deleted.",

  "permission.pin.reset": "Reset a colleague's PIN",
  "permission.user.unlock": "Unlock a locked colleague",
  "permission.user.manage": "Manage users",
  "permission.role.manage": "Manage roles",
  "permission.store.manage": "Manage stores and groups",
  "permission.kiosk.enroll": "Enroll tablets",
  "permission.audit.read": "Read the audit log",
  "permission.control-panel.access": "Open the control panel",
  "permission.settings.manage": "Change the settings",

  "stores.title": "Stores and groups",
  "stores.stores": "Stores",
  "stores.create": "New store",
  "stores.createTitle": "New store",
  "stores.createSubmit": "Create store",
  "stores.editTitle": "Edit the store {name}",
  "stores.editNamed": "Edit the store {name}",
  "stores.code": "Code",
  "stores.codeHelp":
    "1 to 16 letters, digits, dots, dashes or underscores, as the roster's store column names the store. It cannot be changed later.",
  "stores.name": "Name",
  "stores.timeZone": "Time zone",
  "stores.timeZoneHelp":
    "The store's IANA time zone, such as Europe/Madrid; tablets show times in it.",
  "stores.groups": "Groups",
  "stores.none": "No stores yet.",
  "stores.notFound": "This store or group does not exist any more.",
  "stores.backToList": "Back to the stores and groups",
  "stores.saved": "The store {name} is saved.",

  "groups.title": "Groups of stores",
  "groups.create": "New group",
  "groups.createTitle": "New group of stores",
  "groups.createSubmit": "Create group",
  "groups.editTitle": "Edit the group {name}",
  "groups.editNamed": "Edit the group {name}",
  "groups.name": "Name",
  "groups.stores": "Stores in the group",
  "groups.noStores": "No stores",
  "groups.none": "No groups yet.",
  "groups.saved": "The group {name} is saved.",

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
