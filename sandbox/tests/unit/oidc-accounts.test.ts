import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../server/identities";
import { SCOPE_CLAIMS, authenticate, findUserByEmail, findUserBySub, userClaims } from "../../server/oidc/accounts";

describe("demo accounts", () => {
  it("authenticates every demo user with the demo password, e-mail case-insensitively", () => {
    for (const user of DEMO_USERS) {
      expect(authenticate(user.email, DEMO_PASSWORD)?.sub).toBe(user.sub);
      expect(authenticate(`  ${user.email.toUpperCase()} `, DEMO_PASSWORD)?.sub).toBe(user.sub);
    }
  });

  it("rejects a wrong password, an unknown user and empty input", () => {
    expect(authenticate("admin@atlas.example", "pegasus-demo ")).toBeUndefined();
    expect(authenticate("admin@atlas.example", "")).toBeUndefined();
    expect(authenticate("nobody@atlas.example", DEMO_PASSWORD)).toBeUndefined();
    expect(authenticate("", DEMO_PASSWORD)).toBeUndefined();
  });

  it("finds users by sub and e-mail", () => {
    const admin = DEMO_USERS.find((u) => u.roles.includes("tenant_admin"));
    expect(admin).toBeDefined();
    expect(findUserBySub(admin?.sub ?? "")?.email).toBe(admin?.email);
    expect(findUserByEmail(admin?.email ?? "")?.sub).toBe(admin?.sub);
    expect(findUserBySub("a1000000-0000-4000-8000-00000000ffff")).toBeUndefined();
  });

  it("builds Cognito-style claims with roles as a JSON-encoded string array", () => {
    const user = DEMO_USERS[0];
    if (!user) throw new Error("no demo users");
    const claims = userClaims(user);
    expect(claims).toMatchObject({ sub: user.sub, email: user.email, name: user.name, "custom:tenantId": user.tenantId });
    expect(typeof claims["custom:roles"]).toBe("string");
    expect(JSON.parse(String(claims["custom:roles"]))).toEqual(user.roles);
  });

  it("maps every claim an ID token must carry to a scope", () => {
    const mapped = Object.values(SCOPE_CLAIMS).flat();
    for (const claim of ["sub", "email", "name", "custom:tenantId", "custom:roles", "token_use"]) expect(mapped).toContain(claim);
    expect(SCOPE_CLAIMS.openid).toEqual(expect.arrayContaining(["token_use", "custom:tenantId", "custom:roles"]));
  });
});
