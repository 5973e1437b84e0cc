import { z } from "zod";

// The error-code dictionary's API shapes: one schema for the page's form, the route and the hook.

export const CodeKindSchema = z.enum(["software", "firmware"], { error: 'must be "software" or "firmware"' });

export const ErrorCodeMeaningInput = z.object({
  kind: CodeKindSchema,
  code: z.string().trim().min(1, "must not be empty").max(256, "must be at most 256 characters"),
  meaning: z.string().trim().min(1, "must not be empty").max(500, "must be at most 500 characters"),
});

export const ErrorCodeKeyQuery = ErrorCodeMeaningInput.pick({ kind: true, code: true });

export interface ErrorCodeEntry {
  kind: "software" | "firmware";
  code: string;
  meaning: string;
  createdAt: string;
  updatedAt: string;
  /** Who set it last: the signed-in operator, or "anonymous (sign-in off)". */
  updatedBy: string;
}

export interface DocumentedCode {
  kind: "software" | "firmware";
  code: string;
  meaning: string;
  source: "huawei_ota" | "lwm2m";
}

export interface ErrorCodeDictionary {
  documented: DocumentedCode[];
  operator: ErrorCodeEntry[];
}
