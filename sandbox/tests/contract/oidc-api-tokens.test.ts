/**
 * The issuer and the API agree: tokens from the shared sandbox's issuer (global setup) are accepted
 * by the API as the contract says (§1.1), and the tokens it must refuse are refused.
 */
import { describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { DEMO_USERS } from "../../server/identities";
import { getIdToken, mintExpiredIdToken, mintForgedIdToken } from "../support/tokens";

const permissionsSchema = z.object({ data: z.object({ roles: z.array(z.string()), permissions: z.array(z.string()) }) });
const errorSchema = z.object({ error: z.string(), code: z.string() });

const apiUrl = inject("apiUrl");
const issuer = inject("issuer");
const stateDir = inject("stateDir");

async function permissions(token: string): Promise<Response> {
  return fetch(`${apiUrl}/me/permissions`, { headers: { authorization: `Bearer ${token}` } });
}

describe("issuer tokens at the API", () => {
  it("every demo user's ID token is accepted with that user's roles", async () => {
    for (const user of DEMO_USERS) {
      const { idToken } = await getIdToken(issuer, user.email);
      const res = await permissions(idToken);
      expect(res.status).toBe(200);
      expect(permissionsSchema.parse(await res.json()).data.roles).toEqual(user.roles);
    }
  });

  it("an access token is refused as a bearer credential", async () => {
    const { accessToken } = await getIdToken(issuer, "admin@atlas.example");
    const res = await permissions(accessToken);
    expect(res.status).toBe(401);
    expect(errorSchema.parse(await res.json()).code).toBe("UNAUTHORIZED");
  });

  it("an expired ID token signed with the real key gets TOKEN_EXPIRED", async () => {
    const res = await permissions(await mintExpiredIdToken(stateDir, issuer, "admin@atlas.example"));
    expect(res.status).toBe(401);
    expect(errorSchema.parse(await res.json()).code).toBe("TOKEN_EXPIRED");
  });

  it("an ID token signed with an unknown key is refused", async () => {
    const res = await permissions(await mintForgedIdToken(issuer, "admin@atlas.example"));
    expect(res.status).toBe(401);
    expect(errorSchema.parse(await res.json()).code).toBe("UNAUTHORIZED");
  });
});
