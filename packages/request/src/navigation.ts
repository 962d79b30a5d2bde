export {
  redirect,
  permanentRedirect,
  notFound,
  forbidden,
  unauthorized,
  unstable_rethrow,
  RedirectType,
} from './lib/navigation.js';
