export { revalidatePath } from './lib/cache-apis.js';
