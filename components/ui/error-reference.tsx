/** The code and request id of a failed call, in the small type users quote to support. */
export function ErrorReference({
  code,
  requestId,
  className = "mt-1",
}: {
  code?: string | null;
  requestId?: string | null;
  className?: string;
}) {
  if (!code && !requestId) return null;
  return (
    <p className={`${className} font-mono text-xs opacity-80`}>
      {code ? `code ${code}` : null}
      {code && requestId ? " · " : null}
      {requestId ? `request ${requestId}` : null}
    </p>
  );
}
