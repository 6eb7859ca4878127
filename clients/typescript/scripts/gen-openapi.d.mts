/** Types of scripts/gen-openapi.mjs, for the tests that import it. */
export declare const OPENAPI_JSON: string;
export declare const GENERATED_TS: string;
export declare function generate(openapiJson?: string): Promise<string>;
