// The `profile` query parameter of the revalidation routes: absent → the one-argument form,
// `expire0` → `{ expire: 0 }`, `expire5` → `{ expire: 5 }`, anything else → that profile name.
export function profileOf(url: URL): string | { expire: number } | undefined {
  const profile = url.searchParams.get('profile');
  if (profile === null || profile === '') return undefined;
  if (profile.startsWith('expire')) return { expire: Number(profile.slice('expire'.length)) };
  return profile;
}

export function describeError(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: typeof error, message: String(error) };
}
