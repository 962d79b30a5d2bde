/// <reference types="approute/next-env" />
/// <reference path="./.approute/types/routes.d.ts" />

// Written by approute: the types of next/* imports and of RouteContext<route>.
