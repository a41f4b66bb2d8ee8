import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { errors } from "oidc-provider";
import { z } from "zod";
import { CONSOLE_CLIENT } from "../identities";
import { SUPPORTED_SCOPES, authenticate } from "./accounts";
import { PAGE_CSP, renderMessagePage, renderSignInPage } from "./pages";

const MAX_FORM_BYTES = 16 * 1024;

const loginFormSchema = z.object({
  email: z.string().trim().max(320).default(""),
  password: z.string().max(256).default(""),
});

/** Paths (relative to the mount) that this module answers instead of oidc-provider. */
export const INTERACTION_PATH = /^\/interaction\/([A-Za-z0-9_-]{1,128})(\/login)?$/;

class FormTooLargeError extends Error {}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_FORM_BYTES) throw new FormTooLargeError("form too large");
    chunks.push(buf);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Content-Security-Policy", PAGE_CSP);
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.end(html);
}

function clientLabel(clientId: unknown): string {
  return clientId === CONSOLE_CLIENT.clientId ? "the Pegasus Console" : String(clientId ?? "an application");
}

/**
 * Serves `<mount>/interaction/:uid` (sign-in page, consent granted without a page) and
 * `<mount>/interaction/:uid/login` (form POST). The interaction cookie set by oidc-provider binds
 * the uid to this browser, so a stolen uid alone cannot complete someone else's sign-in.
 */
export async function handleInteraction(
  provider: Provider,
  mountPath: string,
  uid: string,
  isLoginPost: boolean,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (err) {
    if (err instanceof errors.SessionNotFound || err instanceof errors.InvalidRequest) {
      sendHtml(
        res,
        400,
        renderMessagePage("Sign-in expired", [
          "This sign-in request is no longer valid (it expired or was started in another browser).",
          "Go back to the console and sign in again.",
        ]),
      );
      return;
    }
    throw err;
  }
  if (details.uid !== uid) {
    sendHtml(
      res,
      400,
      renderMessagePage("Sign-in expired", ["This sign-in request does not belong to this browser. Start again from the console."]),
    );
    return;
  }

  const action = `${mountPath}/interaction/${uid}/login`;
  const clientName = clientLabel(details.params.client_id);
  const prompt = details.prompt.name;

  if (!isLoginPost && req.method === "GET") {
    if (prompt === "login") {
      sendHtml(res, 200, renderSignInPage({ action, clientName }));
      return;
    }
    if (prompt === "consent") {
      // First-party sandbox client: consent is implied, so grant what was asked and move on.
      const accountId = details.session?.accountId;
      const clientId = details.params.client_id;
      if (clientId !== CONSOLE_CLIENT.clientId) {
        sendHtml(res, 403, renderMessagePage("Sign-in failed", ["Only the Pegasus Console can sign in with the sandbox issuer."]));
        return;
      }
      if (typeof accountId !== "string") {
        sendHtml(res, 400, renderMessagePage("Sign-in failed", ["No signed-in user for this request. Start again from the console."]));
        return;
      }
      const grant = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
      const target = grant ?? new provider.Grant({ accountId, clientId });
      target.addOIDCScope([...SUPPORTED_SCOPES]);
      const grantId = await target.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    sendHtml(res, 400, renderMessagePage("Sign-in failed", [`Unsupported prompt "${prompt}".`]));
    return;
  }

  if (!isLoginPost || req.method !== "POST") {
    res.statusCode = 405;
    res.setHeader("Allow", isLoginPost ? "POST" : "GET");
    res.end();
    return;
  }
  if (prompt !== "login") {
    sendHtml(res, 400, renderMessagePage("Sign-in failed", ["This request does not expect a sign-in. Start again from the console."]));
    return;
  }

  let form: URLSearchParams;
  try {
    form = await readForm(req);
  } catch (err) {
    if (err instanceof FormTooLargeError) {
      sendHtml(res, 413, renderMessagePage("Sign-in failed", ["The form was too large."]));
      return;
    }
    throw err;
  }
  const parsed = loginFormSchema.safeParse({ email: form.get("email") ?? undefined, password: form.get("password") ?? undefined });
  const email = parsed.success ? parsed.data.email : "";
  const user = parsed.success ? authenticate(parsed.data.email, parsed.data.password) : undefined;
  if (!user) {
    sendHtml(res, 401, renderSignInPage({ action, clientName, email, error: "Wrong e-mail or password." }));
    return;
  }
  await provider.interactionFinished(req, res, { login: { accountId: user.sub, remember: true } }, { mergeWithLastSubmission: false });
}
