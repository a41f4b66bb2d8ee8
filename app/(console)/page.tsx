import { redirect } from "next/navigation";

// The console has no dashboard yet; Workflows is home.
export default function ConsoleHome() {
  redirect("/workflows");
}
