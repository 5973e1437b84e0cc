import autocannon from "autocannon";

export interface LoadResult {
  sent: number;
  durationS: number;
  perSecond: number;
  latencyMs: { p50: number; p90: number; p97_5: number; p99: number; max: number };
  byStatus: Record<string, number>;
  /** What each body got back, by its index in `bodies`. */
  answers: ({ status: number; body: string } | undefined)[];
  errors: number;
}

/**
 * Sends every body once over `connections` keep-alive connections (one request in flight per
 * connection) and records each answer against the body that caused it.
 */
export async function runLoad(url: string, bodies: string[], connections: number): Promise<LoadResult> {
  const answers: LoadResult["answers"] = new Array(bodies.length);
  let next = 0;
  const result = await autocannon({
    url,
    method: "POST",
    connections,
    amount: bodies.length,
    timeout: 20,
    headers: { "content-type": "application/json" },
    requests: [
      {
        setupRequest: (req, context) => {
          const i = next++;
          (context as { i?: number }).i = i;
          return { ...req, body: bodies[i % bodies.length] };
        },
        onResponse: (status, body, context) => {
          answers[(context as { i: number }).i] = { status, body: String(body) };
        },
      },
    ],
  });
  const byStatus: Record<string, number> = {};
  for (const a of answers) if (a) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
  const durationS = result.duration;
  return {
    sent: result.requests.sent,
    durationS,
    perSecond: answers.filter(Boolean).length / durationS,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    byStatus,
    answers,
    errors: result.errors + result.timeouts,
  };
}
