import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

/** One message the receiver accepted, as it came over the wire. */
export interface ReceivedMail {
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  /** The user that authenticated, if any. */
  readonly user: string | undefined;
  readonly subject: string;
  /** The body with its transfer encoding (quoted-printable or 7bit) undone. */
  readonly body: string;
  readonly raw: string;
}

/** Behaviour of the test receiver. */
export interface SmtpReceiverOptions {
  /** Offer STARTTLS (with smtp-server's built-in certificate); off by default. */
  readonly offerStartTls?: boolean;
  /** Require AUTH with this user name and password. */
  readonly credentials?: { readonly user: string; readonly password: string };
  /** Reject RCPT TO with this SMTP reply code and text, e.g. 550. */
  readonly rejectRecipient?: { readonly code: number; readonly text: string };
  /** Reject the message at the end of DATA with this reply, e.g. 554. */
  readonly rejectData?: { readonly code: number; readonly text: string };
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives. */
export interface SmtpReceiver {
  readonly port: number;
  readonly messages: readonly ReceivedMail[];
  /** Number of connections that sent a command after the greeting. */
  readonly sessions: number;
  close(): Promise<void>;
}

/** Starts an SMTP server for tests on a free port of 127.0.0.1. */
export async function startSmtpReceiver(
  options: SmtpReceiverOptions = {},
): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  let sessions = 0;
  const serverOptions: SMTPServerOptions = {
    secure: false,
    logger: false,
    disabledCommands: [
      ...(options.offerStartTls ? [] : ["STARTTLS"]),
      ...(options.credentials ? [] : ["AUTH"]),
    ],
    authOptional: !options.credentials,
    allowInsecureAuth: true,
    onConnect(_session, callback) {
      sessions += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      const expected = options.credentials;
      if (
        expected &&
        auth.username === expected.user &&
        auth.password === expected.password
      ) {
        callback(null, { user: auth.username });
        return;
      }
      callback(smtpError(535, "authentication failed"));
    },
    onRcptTo(_address, _session, callback) {
      const rejection = options.rejectRecipient;
      callback(rejection ? smtpError(rejection.code, rejection.text) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const rejection = options.rejectData;
        if (rejection) {
          callback(smtpError(rejection.code, rejection.text));
          return;
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const { mailFrom, rcptTo } = session.envelope;
        messages.push({
          mailFrom: mailFrom ? mailFrom.address : "",
          rcptTo: rcptTo.map((address) => address.address),
          user: session.user,
          ...parseMail(raw),
          raw,
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve()),
  );
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    messages,
    get sessions() {
      return sessions;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

/** Splits a plain-text message into its subject and decoded body. */
function parseMail(raw: string): { subject: string; body: string } {
  const separator = raw.indexOf("\r\n\r\n");
  const headerText = raw.slice(0, separator).replace(/\r\n[ \t]+/g, " ");
  const encodedBody = raw.slice(separator + 4);
  const header = (name: string) =>
    new RegExp(`^${name}: (.*)$`, "im").exec(headerText)?.[1] ?? "";
  const quotedPrintable = /quoted-printable/i.test(
    header("Content-Transfer-Encoding"),
  );
  return {
    subject: header("Subject"),
    body: quotedPrintable ? decodeQuotedPrintable(encodedBody) : encodedBody,
  };
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  return Buffer.from(bytes, "latin1").toString("utf8");
}
