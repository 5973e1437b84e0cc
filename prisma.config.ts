import { defineConfig } from "prisma/config";

// No datasource URL here: the app connects through driver adapters (lib/db) and applies the SQL
// migrations itself, so the CLI is only used for `prisma generate`.
export default defineConfig({ schema: "prisma/schema.prisma", migrations: { path: "prisma/migrations" } });
