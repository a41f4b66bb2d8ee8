import { describe, expect, it } from "vitest";
import {
  deriveShipmentFacts,
  floorView,
  getBuiltIn,
  getFloor,
  listBuiltIns,
  listFloors,
  shipmentStatusUpdateFloor as floor,
} from "../../server/gate";

const canonical = (over: Record<string, unknown> = {}) => ({
  serviceOrderNumber: "SO-1",
  serviceStatus: "Delivered",
  supplierContactName: "Sam",
  supplierContactEmail: "sam@partner.example",
  contactMadeDate: "2026-05-01",
  surveyDate: null,
  estimatedTotalCost: 900,
  shipments: [
    {
      supplierShipmentId: "1",
      netWeight: { estimated: 100, actual: 110 },
      loadDate: { actual: "2026-06-02" },
      deliveryDate: { actual: "2026-06-01" },
      surveyedStorageCost: 50,
      surveyedThirdPartyCost: 25,
    },
    {
      supplierShipmentId: "2",
      netWeight: null,
      loadDate: null,
      deliveryDate: { actual: null },
      surveyedStorageCost: null,
      surveyedThirdPartyCost: 10,
    },
  ],
  ...over,
});

describe("floor registry", () => {
  it("registers shipment_status_update and the demo_partner built-in bound to it", () => {
    expect(listFloors().map((f) => f.floor)).toEqual(["shipment_status_update"]);
    expect(getFloor("nope")).toBeUndefined();
    expect(listBuiltIns().map((b) => b.id)).toEqual(["demo_partner"]);
    expect(getBuiltIn("demo_partner")).toMatchObject({ displayName: "Demo Partner", floor: "shipment_status_update" });
  });

  it("exposes a JSON-safe view with every contract field", () => {
    const view = floorView(floor);
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    expect(Object.keys(view).sort()).toEqual([
      "canonicalFields",
      "defaultAction",
      "factCatalog",
      "factDocs",
      "floor",
      "inputFieldRoots",
      "projection",
      "requiredCanonicalFields",
    ]);
    expect(view.projection).toEqual({ entityType: "order", localEntityType: "order" });
    expect(view.defaultAction).toBe("save");
  });

  it("keys the projection cache by service order number", () => {
    expect(floor.projectionKey?.(canonical())).toBe("SO-1");
    expect(floor.projectionKey?.({ serviceOrderNumber: "" })).toBeNull();
    expect(floor.projectionKey?.(null)).toBeNull();
  });

  it("lists canonical fields from the contract, array elements marked []", () => {
    expect(floor.canonicalFields).toContain("shipments[].loadDate.actual");
    expect(floor.canonicalFields).toContain("serviceStatus");
    for (const required of floor.requiredCanonicalFields) expect(floor.canonicalFields).toContain(required);
  });

  it("documents every fact, and only facts", () => {
    expect(Object.keys(floor.factDocs).sort()).toEqual(Object.keys(floor.factCatalog).sort());
  });

  it("accepts a minimal document with only the required fields", () => {
    const minimal = {
      serviceOrderNumber: "SO-1",
      serviceStatus: "Accepted",
      supplierContactName: "",
      supplierContactEmail: "",
      shipments: [{ supplierShipmentId: "1" }],
    };
    expect(floor.structuralContract.safeParse(minimal).success).toBe(true);
    const { serviceStatus: _dropped, ...withoutStatus } = minimal;
    expect(floor.structuralContract.safeParse(withoutStatus).success).toBe(false);
    expect(floor.structuralContract.safeParse({ ...minimal, extra: 1 }).success).toBe(false);
    expect(floor.structuralContract.safeParse({ ...minimal, surveyDate: "05/01/2026" }).success).toBe(false);
  });
});

describe("deriveFacts", () => {
  it("derives every catalogued fact with its declared type (or null)", () => {
    const facts = deriveShipmentFacts(canonical());
    expect(Object.keys(facts).sort()).toEqual(Object.keys(floor.factCatalog).sort());
    for (const [name, type] of Object.entries(floor.factCatalog)) {
      const value = facts[name];
      if (value !== null) expect(typeof value, name).toBe(type);
    }
  });

  it("counts shipments per condition", () => {
    expect(deriveShipmentFacts(canonical())).toMatchObject({
      action: "save",
      serviceStatus: "Delivered",
      priorServiceStatus: null,
      statusChanged: false,
      hasSupplierContactEmail: true,
      supplierContactEmailWellFormed: true,
      hasContactMadeDate: true,
      hasSurveyDate: false,
      estimatedTotalCost: 900,
      shipmentCount: 2,
      shipmentsMissingLoadActual: 1,
      shipmentsMissingDeliveryActual: 1,
      shipmentsWithLoadAfterDelivery: 1,
      shipmentsMissingActualWeight: 1,
      totalSurveyedCost: 85,
    });
  });

  it("uses the prior state and the action", () => {
    const facts = deriveShipmentFacts(canonical(), canonical({ serviceStatus: "Completed" }), "cancel");
    expect(facts).toMatchObject({ action: "cancel", priorServiceStatus: "Completed", statusChanged: true });
    expect(deriveShipmentFacts(canonical(), canonical(), "status-change")).toMatchObject({
      statusChanged: false,
      priorServiceStatus: "Delivered",
    });
  });

  it("judges the email's shape and blankness", () => {
    expect(deriveShipmentFacts(canonical({ supplierContactEmail: "  " }))).toMatchObject({
      hasSupplierContactEmail: false,
      supplierContactEmailWellFormed: false,
    });
    expect(deriveShipmentFacts(canonical({ supplierContactEmail: "sam at x" }))).toMatchObject({
      hasSupplierContactEmail: true,
      supplierContactEmailWellFormed: false,
    });
    for (const bad of ["@x.io", "a@b", "a@b.", "a@.b", "a@b@c.io", "a b@c.io"])
      expect(deriveShipmentFacts(canonical({ supplierContactEmail: bad })).supplierContactEmailWellFormed, bad).toBe(false);
    expect(deriveShipmentFacts(canonical({ supplierContactEmail: " a.b@c.d.io " })).supplierContactEmailWellFormed).toBe(true);
    // Hostile input stays fast (no regex backtracking).
    const started = performance.now();
    deriveShipmentFacts(canonical({ supplierContactEmail: `x@${".".repeat(200_000)} ` }));
    expect(performance.now() - started).toBeLessThan(200);
  });

  it("refuses a document that breaks the contract", () => {
    expect(() => deriveShipmentFacts({ serviceStatus: "Nope" })).toThrow(/contract/);
  });
});
