import { bffRoute } from "@/lib/api";
import { peopleQuerySchema, peopleSchema } from "@/lib/people/schemas";
import { resolvePeople, storeDb } from "@/lib/store";

// GET /api/people?ids=a,b — names of people of the caller's tenant by sub or API user id (at most 100 ids);
// an id nobody is known by comes back with name null. Names come only from the console's own store.
export const GET = bffRoute({ query: peopleQuerySchema, output: peopleSchema }, async ({ query, session, actor }) => {
  const people = await resolvePeople(await storeDb(), session.user.tenantId, query.ids);
  return {
    items: people.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      you: actor.sub !== "" && (p.sub === actor.sub || p.id === actor.sub),
    })),
  };
});
