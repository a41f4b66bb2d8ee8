import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../server/identities";
import { PAGE_CSP, escapeHtml, renderMessagePage, renderSignInPage } from "../../server/oidc/pages";

describe("issuer pages", () => {
  it("escapes HTML metacharacters", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe("&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#96;");
  });

  it("renders the sign-in page with a one-click button per demo user and no script", () => {
    const html = renderSignInPage({ action: "/oidc/interaction/abc/login", clientName: "the Pegasus Console" });
    expect(html).toContain("<title>Pegasus sandbox sign-in</title>");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html.match(/data-testid="demo-user"/g)).toHaveLength(DEMO_USERS.length);
    for (const u of DEMO_USERS) {
      expect(html).toContain(`name="email" value="${u.email}"`);
      expect(html).toContain(escapeHtml(u.persona));
    }
    // Both forms post to the interaction's login route; the one-click form carries the demo password.
    expect(html.match(/<form method="post" action="\/oidc\/interaction\/abc\/login">/g)).toHaveLength(2);
    expect(html).toContain(`<input type="hidden" name="password" value="${DEMO_PASSWORD}">`);
    expect(html).not.toContain('role="alert"');
  });

  it("shows an error and keeps the typed e-mail, escaped", () => {
    const html = renderSignInPage({ action: "/x", clientName: "c", error: "Wrong e-mail or password.", email: '"><script>x</script>' });
    expect(html).toContain('<div class="error" role="alert">Wrong e-mail or password.</div>');
    expect(html).not.toContain("<script>x</script>");
    expect(html).toContain("&#34;&#62;&#60;script&#62;");
  });

  it("renders message pages escaped, under a policy without script sources", () => {
    const html = renderMessagePage("Signed <out>", ["a & b"]);
    expect(html).toContain("<h1>Signed &#60;out&#62;</h1>");
    expect(html).toContain("<p>a &#38; b</p>");
    expect(PAGE_CSP).toContain("default-src 'none'");
    expect(PAGE_CSP).not.toMatch(/script-src|unsafe-eval/);
  });
});
