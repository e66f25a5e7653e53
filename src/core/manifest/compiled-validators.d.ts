/**
 * Types of the validators that scripts/compile-schemas.mjs generates from schemas/*.json at build
 * time (ajv standalone code, written to dist/src/core/manifest/compiled-validators.js).
 */

/** One ajv error object, as the generated code produces it (messages are off: we write our own). */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  propertyName?: string;
}

export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

export declare const validateDeploymentSchema: CompiledValidator;
export declare const validateTemplateSchema: CompiledValidator;
export declare const validateLayeredSchema: CompiledValidator;
export declare const validateModuleJsonSchema: CompiledValidator;
export declare const validateDevicesSchema: CompiledValidator;
