-- Operators' own meanings of device result codes (per upgrade kind), shown next to each code and
-- overriding the documented ones (lib/error-codes/documented.ts). Who changed an entry and when is
-- kept on the row itself (there is no audit trail table yet).
-- CreateTable
CREATE TABLE "error_code_meanings" (
    "kind" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "meaning" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" TEXT NOT NULL,

    CONSTRAINT "error_code_meanings_pkey" PRIMARY KEY ("kind","code")
);
