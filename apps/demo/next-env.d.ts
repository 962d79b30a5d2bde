// Route files import from next/*; approute types those imports with @approute/request, and
// RouteContext<route> comes from the route types `approute typegen` writes (dev and build too).
/// <reference types="approute/next-env" />
/// <reference path="./.approute/types/routes.d.ts" />
