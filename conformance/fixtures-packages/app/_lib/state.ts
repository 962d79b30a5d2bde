// Events shared by the routes of one server process, kept on globalThis because a bundler may
// give each route its own copy of this module.
export function events(): Map<string, string[]> {
  const g = globalThis as { __approutePackagesState?: Map<string, string[]> };
  g.__approutePackagesState ??= new Map();
  return g.__approutePackagesState;
}

/** Appends an event to the log of `id`. */
export function record(id: string, event: string): void {
  events().set(id, [...(events().get(id) ?? []), event]);
}
