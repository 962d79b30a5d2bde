// Type-level reading of a route id: `/shop/[tag]/[item]` → `{ tag: string; item: string }`.

type SegmentParams<Segment extends string> = Segment extends `[[...${infer Name}]]`
  ? Partial<Record<Name, string[]>>
  : Segment extends `[...${infer Name}]`
    ? Record<Name, string[]>
    : Segment extends `[${infer Name}]`
      ? Record<Name, string>
      : unknown;

type PathParams<Path extends string> = Path extends `${infer Head}/${infer Rest}`
  ? SegmentParams<Head> & PathParams<Rest>
  : SegmentParams<Path>;

type Simplify<T> = { [Key in keyof T]: T[Key] } & {};

/**
 * The params of a route id: `string` for `[x]`, `string[]` for `[...x]`, an optional
 * `string[]` for `[[...x]]`.
 * @typeParam Route the route id, e.g. `'/shop/[tag]/[item]'`
 */
export type RouteParams<Route extends string> = Simplify<PathParams<Route>>;

/**
 * The second argument of a route handler for a route id: `{ params: Promise<…> }` for a
 * dynamic route, `{ params: undefined }` for a static one.
 * @typeParam Route the route id, e.g. `'/shop/[tag]/[item]'`
 */
export type RouteContext<Route extends string> = string extends Route
  ? { params: Promise<Record<string, string | string[]>> | undefined }
  : keyof RouteParams<Route> extends never
    ? { params: undefined }
    : { params: Promise<RouteParams<Route>> };
