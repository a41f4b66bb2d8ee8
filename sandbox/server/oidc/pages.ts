import { DEMO_PASSWORD, DEMO_USERS, TENANTS } from "../identities";

/** Policy sent with every page the issuer renders itself: inline styles only, no script at all. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'";

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
  *{box-sizing:border-box}
  body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f5f7;color:#1d2330}
  main{max-width:760px;margin:40px auto;padding:0 16px}
  h1{font-size:1.5rem;margin:0 0 4px}
  p.lead{margin:0 0 24px;color:#4b5563}
  section{background:#fff;border:1px solid #dde1e7;border-radius:10px;padding:20px;margin-bottom:20px}
  h2{font-size:1.05rem;margin:0 0 12px}
  ul.users{list-style:none;margin:0;padding:0;display:grid;gap:8px}
  ul.users button{width:100%;text-align:left;display:grid;grid-template-columns:1fr auto;gap:2px 12px;padding:10px 14px;
    border:1px solid #c9ced6;border-radius:8px;background:#fafbfc;font:inherit;color:inherit;cursor:pointer}
  ul.users button:hover,ul.users button:focus{border-color:#3b5bdb;background:#eef2ff;outline:none}
  .persona{font-weight:600}
  .role{font-family:ui-monospace,monospace;font-size:.85rem;color:#3b5bdb;justify-self:end}
  .email,.tenant{color:#4b5563;font-size:.9rem}
  .tenant{justify-self:end}
  label{display:block;font-weight:600;margin:10px 0 4px}
  input[type=email],input[type=password]{width:100%;padding:8px 10px;border:1px solid #c9ced6;border-radius:6px;font:inherit}
  .submit{margin-top:14px;padding:9px 18px;border:0;border-radius:6px;background:#3b5bdb;color:#fff;font:inherit;font-weight:600;cursor:pointer}
  .error{background:#fff0f0;border:1px solid #f1b5b5;color:#9b1c1c;border-radius:8px;padding:10px 14px;margin-bottom:20px}
  .hint{color:#6b7280;font-size:.9rem;margin-top:10px}
  code{font-family:ui-monospace,monospace}
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

function tenantName(tenantId: string): string {
  return TENANTS.find((t) => t.id === tenantId)?.name ?? tenantId;
}

/** The sign-in page: one-click demo users plus an e-mail/password form posting to `action`. */
export function renderSignInPage(opts: { action: string; clientName: string; error?: string; email?: string }): string {
  const users = DEMO_USERS.map(
    (u) => `<li><button type="submit" name="email" value="${escapeHtml(u.email)}" data-testid="demo-user">
      <span class="persona">${escapeHtml(u.persona)}</span><span class="role">${escapeHtml(u.roles.join(", "))}</span>
      <span class="email">${escapeHtml(u.name)} · ${escapeHtml(u.email)}</span><span class="tenant">${escapeHtml(tenantName(u.tenantId))}</span>
    </button></li>`,
  ).join("\n");
  const error = opts.error ? `<div class="error" role="alert">${escapeHtml(opts.error)}</div>` : "";
  return page(
    "Pegasus sandbox sign-in",
    `<h1>Pegasus sandbox sign-in</h1>
<p class="lead">Signing in to <strong>${escapeHtml(opts.clientName)}</strong>. This is the local sandbox issuer: every account below is a demo user.</p>
${error}
<section aria-labelledby="demo-users">
  <h2 id="demo-users">Demo users</h2>
  <form method="post" action="${escapeHtml(opts.action)}">
    <input type="hidden" name="password" value="${escapeHtml(DEMO_PASSWORD)}">
    <ul class="users">${users}</ul>
  </form>
</section>
<section aria-labelledby="with-password">
  <h2 id="with-password">Sign in with e-mail and password</h2>
  <form method="post" action="${escapeHtml(opts.action)}">
    <label for="email">E-mail</label>
    <input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(opts.email ?? "")}">
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button class="submit" type="submit">Sign in</button>
  </form>
  <p class="hint">Every demo user's password is <code>${escapeHtml(DEMO_PASSWORD)}</code>.</p>
</section>`,
  );
}

/** A plain message page (errors, signed-out confirmation). */
export function renderMessagePage(title: string, lines: string[]): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><section>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("")}</section>`);
}
