import { describe, expect, it } from "vitest";
import { hasSentence, messageFor } from "./messages";

describe("messageFor", () => {
  it("reads the concurrency limit one way whatever the action", () => {
    const run = messageFor("CONCURRENCY_LIMIT", "x", "run");
    expect(run).toMatch(/limit is 5/);
    expect(messageFor("CONCURRENCY_LIMIT", "x", "retry")).toBe(run);
    expect(messageFor("CONCURRENCY_LIMIT", "x")).toBe(run);
  });
  it("says what NOT_FOUND means for the action at hand", () => {
    expect(messageFor("NOT_FOUND", "x", "cancel")).toBe("This run no longer exists.");
    expect(messageFor("NOT_FOUND", "x", "run")).toMatch(/workflow version no longer exists/);
    expect(messageFor("NOT_FOUND", "Workflow not found")).toBe("Workflow not found");
  });
  it("keeps the server's detail where the sentence needs it", () => {
    expect(messageFor("EXECUTION_NOT_RETRYABLE", "status is RUNNING", "retry")).toContain("status is RUNNING");
  });
  it("falls back to the server's message for a code it does not know", () => {
    expect(messageFor("SOMETHING_NEW", "server says")).toBe("server says");
    expect(hasSentence("SOMETHING_NEW")).toBe(false);
    expect(hasSentence("NOT_FOUND")).toBe(false);
    expect(hasSentence("NOT_FOUND", "cancel")).toBe(true);
  });
});

describe("integration sentences", () => {
  it("counts the dependents from the envelope's extras", () => {
    expect(messageFor("DEPENDENTS_EXIST", "x", "integration", { dependents: 1 })).toMatch(/^1 tenant still overlay/);
    expect(messageFor("DEPENDENTS_EXIST", "x", "integration", {})).toMatch(/^Some tenants/);
  });
  it("reads CONFLICT as the existing own config only when publishing", () => {
    expect(messageFor("CONFLICT", "x", "integration")).toMatch(/already has its own config/);
    expect(messageFor("CONFLICT", "x")).toBe("x");
  });
});
