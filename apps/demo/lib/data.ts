// The demo's seed data: teams, a shop and a blog, shaped after the params table of the
// route.js documentation (`/dashboard/[team]`, `/shop/[tag]/[item]`, `/blog/[...slug]`).

/** A team on the dashboard. */
export interface Team {
  id: string;
  name: string;
  members: number;
}

/** A product in the shop. */
export interface Product {
  tag: string;
  item: string;
  name: string;
  price: number;
}

/** A blog post, addressed by its slug path. */
export interface Post {
  slug: string[];
  title: string;
  body: string;
}

/** The teams before anyone adds one. */
export const seedTeams: Team[] = [
  { id: '1', name: 'Platform', members: 4 },
  { id: '2', name: 'Payments', members: 3 },
];

/** The shop's catalogue. */
export const products: Product[] = [
  { tag: 'shoes', item: 'runner', name: 'Trail runner', price: 120 },
  { tag: 'shoes', item: 'boot', name: 'Hiking boot', price: 180 },
  { tag: 'hats', item: 'cap', name: 'Cap', price: 25 },
];

/** The blog's posts. */
export const posts: Post[] = [
  { slug: ['2026', 'hello'], title: 'Hello', body: 'The first post.' },
  {
    slug: ['2026', 'route-handlers', 'params'],
    title: 'Params',
    body: 'Params arrive as a Promise.',
  },
];

/** The documentation pages; the empty path is the index. */
export const docs = new Map<string, string>([
  ['', 'Documentation index: try /docs/routing or /docs/routing/params.'],
  ['routing', 'Folders under app/ become URL segments.'],
  ['routing/params', 'Dynamic segments are passed to handlers as a Promise of params.'],
]);
