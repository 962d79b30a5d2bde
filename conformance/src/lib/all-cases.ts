import { appRouteCases } from '../../cases/app-routes.js';
import { cachingCases } from '../../cases/caching.js';
import { cookieCases } from '../../cases/cookies.js';
import { errorCases } from '../../cases/errors.js';
import { fileCases } from '../../cases/files.js';
import { methodCases } from '../../cases/methods.js';
import { ogCases } from '../../cases/og.js';
import { paramCases } from '../../cases/params.js';
import { precedenceCases } from '../../cases/precedence.js';
import { requestCases } from '../../cases/request.js';
import { responseCases } from '../../cases/responses.js';
import { serverCases } from '../../cases/server.js';
import { streamingCases } from '../../cases/streaming.js';
import { urlCases } from '../../cases/urls.js';
import type { ConformanceCase } from './case.js';

/** Every case of the suite, in report order. */
export const allCases: readonly ConformanceCase[] = [
  ...fileCases,
  ...precedenceCases,
  ...paramCases,
  ...urlCases,
  ...methodCases,
  ...errorCases,
  ...requestCases,
  ...cookieCases,
  ...responseCases,
  ...cachingCases,
  ...streamingCases,
  ...serverCases,
  ...ogCases,
  ...appRouteCases,
];
