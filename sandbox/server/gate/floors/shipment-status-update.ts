/**
 * Floor `shipment_status_update`: a partner's status update on a moving company's service order
 * (order-level service status, coordinator contact, key dates, and the shipments with their
 * weights, load/delivery dates and surveyed costs). Partners differ in native payloads, mappings
 * and rules; they share this canonical shape and its facts.
 */
import { z } from "zod";
import { listFieldPaths } from "../json-schema";
import type { Facts, FactType, JsonObject, OrderAction, TypeFloor } from "../types";

export const SERVICE_STATUSES = [
  "Requested",
  "Accepted",
  "Submitted",
  "Awarded",
  "In Progress",
  "Delivered",
  "Completed",
  "Cancelled",
  "Declined",
] as const;
export const SHIPMENT_STATUSES = ["Under Review", "Booked", "In Transit", "In Storage", "Delivered", "Completed", "Cancelled"] as const;

const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a YYYY-MM-DD date");
const optionalDate = dateOnly.nullish();
const amount = z.number().nullish();
const plannedActual = z.strictObject({ planned: optionalDate, actual: optionalDate }).nullish();

const shipmentSchema = z.strictObject({
  supplierShipmentId: z.string().min(1),
  shipmentStatus: z.enum(SHIPMENT_STATUSES).nullish(),
  netWeight: z.strictObject({ estimated: amount, actual: amount }).nullish(),
  loadDate: plannedActual,
  deliveryDate: plannedActual,
  surveyedStorageCost: amount,
  surveyedThirdPartyCost: amount,
  comments: z.string().nullish(),
});

/** The canonical shipment-status document every mapping on this floor must produce. */
export const shipmentStatusUpdateSchema = z.strictObject({
  serviceOrderNumber: z.string().min(1),
  partnerReference: z.string().nullish(),
  serviceStatus: z.enum(SERVICE_STATUSES),
  supplierContactName: z.string(),
  supplierContactEmail: z.string(),
  contactMadeDate: optionalDate,
  surveyDate: optionalDate,
  estimatedTotalCost: amount,
  shipments: z.array(shipmentSchema),
});

export type ShipmentStatusUpdate = z.infer<typeof shipmentStatusUpdateSchema>;

const factCatalog: Record<string, FactType> = {
  action: "string",
  serviceStatus: "string",
  priorServiceStatus: "string",
  statusChanged: "boolean",
  hasSupplierContactName: "boolean",
  hasSupplierContactEmail: "boolean",
  supplierContactEmailWellFormed: "boolean",
  hasContactMadeDate: "boolean",
  hasSurveyDate: "boolean",
  estimatedTotalCost: "number",
  shipmentCount: "number",
  shipmentsMissingLoadActual: "number",
  shipmentsMissingDeliveryActual: "number",
  shipmentsWithLoadAfterDelivery: "number",
  shipmentsMissingActualWeight: "number",
  totalSurveyedCost: "number",
};

const factDocs: Record<string, string> = {
  action: "What the caller is doing: save, cancel or status-change (the floor default is save).",
  serviceStatus: "The order-level service status being sent.",
  priorServiceStatus: "The service status of the last known state (null when no prior state was given).",
  statusChanged: "True when a prior state was given and its service status differs from the new one.",
  hasSupplierContactName: "True when the coordinator name is non-blank.",
  hasSupplierContactEmail: "True when the coordinator email is non-blank.",
  supplierContactEmailWellFormed: "True when the coordinator email looks like name@domain.tld (false when blank).",
  hasContactMadeDate: "True when the first-contact date is set.",
  hasSurveyDate: "True when the survey date is set.",
  estimatedTotalCost: "The order's estimated total cost (null when not sent).",
  shipmentCount: "Number of shipments on the order.",
  shipmentsMissingLoadActual: "Number of shipments without an actual load date.",
  shipmentsMissingDeliveryActual: "Number of shipments without an actual delivery date.",
  shipmentsWithLoadAfterDelivery: "Number of shipments whose actual load date is later than their own actual delivery date.",
  shipmentsMissingActualWeight: "Number of shipments without an actual net weight.",
  totalSurveyedCost: "Sum of surveyed storage and third-party costs over all shipments (0 when none).",
};

/** name@domain.tld, checked without a backtracking regex (partner input is untrusted). */
function looksLikeEmail(value: string): boolean {
  if (value.length > 320 || /\s/.test(value)) return false;
  const at = value.indexOf("@");
  if (at < 1 || at !== value.lastIndexOf("@")) return false;
  const domain = value.slice(at + 1);
  const dot = domain.lastIndexOf(".");
  return dot > 0 && dot < domain.length - 1;
}
const blank = (v: string | null | undefined): boolean => v === null || v === undefined || v.trim() === "";

function asCanonical(value: unknown): ShipmentStatusUpdate | null {
  const parsed = shipmentStatusUpdateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Derives the floor's facts; a document that breaks the contract derives from what is readable. */
export function deriveShipmentFacts(canonical: unknown, prior?: unknown, action?: OrderAction): Facts {
  const order = asCanonical(canonical);
  if (!order) throw new Error("canonical document does not satisfy the shipment_status_update contract");
  const before = prior === undefined || prior === null ? null : asCanonical(prior);
  const shipments = order.shipments;
  const sum = (pick: (s: (typeof shipments)[number]) => number | null | undefined): number =>
    shipments.reduce((total, s) => total + (pick(s) ?? 0), 0);
  return {
    action: action ?? "save",
    serviceStatus: order.serviceStatus,
    priorServiceStatus: before?.serviceStatus ?? null,
    statusChanged: before !== null && before.serviceStatus !== order.serviceStatus,
    hasSupplierContactName: !blank(order.supplierContactName),
    hasSupplierContactEmail: !blank(order.supplierContactEmail),
    supplierContactEmailWellFormed: looksLikeEmail(order.supplierContactEmail.trim()),
    hasContactMadeDate: !blank(order.contactMadeDate),
    hasSurveyDate: !blank(order.surveyDate),
    estimatedTotalCost: order.estimatedTotalCost ?? null,
    shipmentCount: shipments.length,
    shipmentsMissingLoadActual: shipments.filter((s) => blank(s.loadDate?.actual)).length,
    shipmentsMissingDeliveryActual: shipments.filter((s) => blank(s.deliveryDate?.actual)).length,
    shipmentsWithLoadAfterDelivery: shipments.filter((s) => {
      const load = s.loadDate?.actual;
      const delivery = s.deliveryDate?.actual;
      return !blank(load) && !blank(delivery) && (load ?? "") > (delivery ?? "");
    }).length,
    shipmentsMissingActualWeight: shipments.filter((s) => s.netWeight?.actual === null || s.netWeight?.actual === undefined).length,
    totalSurveyedCost: sum((s) => s.surveyedStorageCost) + sum((s) => s.surveyedThirdPartyCost),
  };
}

const canonicalJsonSchema = z.toJSONSchema(shipmentStatusUpdateSchema, { io: "input" }) as JsonObject;

export const shipmentStatusUpdateFloor: TypeFloor = {
  floor: "shipment_status_update",
  description: "A partner's status update on a service order and its shipments.",
  structuralContract: shipmentStatusUpdateSchema,
  canonicalJsonSchema,
  canonicalFields: listFieldPaths(canonicalJsonSchema).map((p) => p),
  requiredCanonicalFields: [
    "serviceOrderNumber",
    "serviceStatus",
    "supplierContactName",
    "supplierContactEmail",
    "shipments",
    "shipments[].supplierShipmentId",
  ],
  factCatalog,
  factDocs,
  inputFieldRoots: [
    "Id",
    "ServiceOrder",
    "Status",
    "Coordinator",
    "KeyDates",
    "DocumentationDates",
    "Financials",
    "Shipments",
    "Legacy.survey_received",
  ],
  defaultAction: "save",
  projection: { entityType: "order", localEntityType: "order" },
  // An order is cached under its service order number, so its last-known state can serve as `prior`.
  projectionKey: (canonical) => {
    const value = (canonical as { serviceOrderNumber?: unknown } | null)?.serviceOrderNumber;
    return typeof value === "string" && value !== "" ? value : null;
  },
  deriveFacts: deriveShipmentFacts,
};
