// The api function: the tenant-facing REST API (CONTRACT.md). This file only
// wires: the configuration is parsed once at cold start (a bad value stops the
// instance, naming the variable) and the api is built by createApi.
import { parseApiConfig } from '../config/api-config';
import { MAX_BODY_BYTES } from './check-body';
import { createApi } from './create-api';
import { tolerateMalformedJson } from './tolerate-malformed-json';

// Before the Functions Framework builds its express app, which happens after it loads this module.
tolerateMalformedJson(MAX_BODY_BYTES);

/** The Functions Framework entry point (Terraform's entry_point). */
export const api = createApi(parseApiConfig());
