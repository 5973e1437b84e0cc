import { z } from "zod";
import { cursorParam, pageLimit } from "./common";

// PUT /api/tasks/{operationId}/label and the paged lists under a task (expected devices, disagreements).

export const MAX_TASK_LABEL_LENGTH = 80;

/** `{ "label": "…" }`: trimmed, at most 80 characters, no control characters; "" removes the label. */
export const TaskLabelInputSchema = z.object({
  label: z
    .string({ error: (iss) => (iss.input === undefined ? "is required" : "must be a string") })
    .trim()
    .max(MAX_TASK_LABEL_LENGTH, `must be at most ${MAX_TASK_LABEL_LENGTH} characters`)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "must not contain control characters"),
});
export type TaskLabelInput = z.infer<typeof TaskLabelInputSchema>;

export const TaskSubListQuerySchema = z.object({ cursor: cursorParam, limit: pageLimit });
export type TaskSubListQuery = z.infer<typeof TaskSubListQuerySchema>;
