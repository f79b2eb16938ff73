/** Errors the library throws that the router answers as values with their code (lib/messages.ts ErrorCode). */
export class NotFound extends Error {
  readonly code = 'not-found' as const;
}

export class Invalid extends Error {
  readonly code = 'invalid' as const;
}
