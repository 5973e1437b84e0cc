import { readFileSync } from "node:fs";

export interface SchemaModel {
  name: string;
  table: string;
  /** field name → column name */
  columns: Map<string, string>;
}

/** Reads models, tables and columns out of prisma/schema.prisma (scalar fields only; we have no relations). */
export function readSchemaModels(file = "prisma/schema.prisma"): SchemaModel[] {
  const text = readFileSync(file, "utf8");
  const models: SchemaModel[] = [];
  for (const m of text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const [, name, body] = m as unknown as [string, string, string];
    const columns = new Map<string, string>();
    let table = name;
    for (const raw of body.split("\n")) {
      const line = raw.trim();
      if (line.startsWith("@@map(")) table = /@@map\("([^"]+)"\)/.exec(line)![1]!;
      const field = /^(\w+)\s+\w+[?\[\]]*/.exec(line);
      if (!field || line.startsWith("@@") || line.startsWith("//")) continue;
      columns.set(field[1]!, /@map\("([^"]+)"\)/.exec(line)?.[1] ?? field[1]!);
    }
    models.push({ name, table, columns });
  }
  return models;
}
