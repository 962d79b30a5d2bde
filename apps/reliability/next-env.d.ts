// Route files import from next/*; approute types those imports with @approute/request.
/// <reference types="approute/next-env" />
