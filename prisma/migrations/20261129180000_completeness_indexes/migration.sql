-- Completeness (issue 13): the task page counts a task's lost pushes (results reconciled from the
-- platform's API, source = 'api') on every refresh. notifications has no index by task, and lost
-- pushes are rare, so a small partial index answers that count without reading the task's pushes.
CREATE INDEX "notifications_operation_id_api_idx" ON "notifications"("operation_id") WHERE "source" = 'api';
