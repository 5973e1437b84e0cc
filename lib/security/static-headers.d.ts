export declare const NON_DOCUMENT_CSP: string;
export declare const BASE_SECURITY_HEADERS: ReadonlyArray<readonly [string, string]>;
export declare const NON_DOCUMENT_HEADERS: ReadonlyArray<readonly [string, string]>;
