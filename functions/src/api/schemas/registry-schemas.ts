// The answers of GET /registry and below, for /openapi.json. The xRegistry
// specification defines their shapes (core/spec.md, core/http.md); its JSON
// Schemas are not in the OpenAPI 3.0 subset, so this only names them.
export const registrySchemas = {
  XRegistryAnswer: {
    type: 'object',
    description:
      'An xRegistry entity (registry, group, resource, meta, version), a collection of them (id → entity), the model, the capabilities, or a schema document; see the xRegistry core specification 1.0-rc4 and its HTTP binding.',
    additionalProperties: true,
  },
} as const;

export type RegistrySchemaName = keyof typeof registrySchemas;
