import { bffRoute } from "@/lib/api";
import { getMappingSchema } from "@/lib/pegasus/integrations";
import { jsonSchemaDocumentSchema } from "@/lib/schemas/floor";

// GET /api/integrations/mapping-schema — the API's JSON Schema of the mapping DSL, checked against as you type
export const GET = bffRoute({ output: jsonSchemaDocumentSchema }, ({ pegasus }) => getMappingSchema(pegasus));
