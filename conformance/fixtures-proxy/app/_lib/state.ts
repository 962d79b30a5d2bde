// State shared by the proxy and the routes of one server process, kept on globalThis because
// the proxy and each route may be bundled with their own copy of this module.
interface ProxyFixtureState {
  events: Map<string, string[]>;
}

function state(): ProxyFixtureState {
  const g = globalThis as { __approuteProxyFixture?: ProxyFixtureState };
  g.__approuteProxyFixture ??= { events: new Map() };
  return g.__approuteProxyFixture;
}

/** Appends an event to the log of `id`. */
export function record(id: string, event: string): void {
  const events = state().events.get(id) ?? [];
  events.push(event);
  state().events.set(id, events);
}

/** The events recorded under `id`. */
export function events(id: string): string[] {
  return state().events.get(id) ?? [];
}
