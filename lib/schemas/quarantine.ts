import { z } from "zod";
import { cursorParam, pageLimit } from "./common";

export const QuarantineQuerySchema = z.object({ cursor: cursorParam, limit: pageLimit });
export type QuarantineQuery = z.infer<typeof QuarantineQuerySchema>;
