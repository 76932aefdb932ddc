/** The credential of an `Authorization: Bearer …` header, if there is one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer +([^\s]+)\s*$/i.exec(header) : null;
  return match?.[1];
}
