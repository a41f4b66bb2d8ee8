import "server-only";
import { handlers } from "./index";

export const { GET, POST } = handlers;
