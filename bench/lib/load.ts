import autocannon from "autocannon";

// One autocannon run against a loopback URL, keeping every response time (autocannon's own
// histogram has no p95).

export type LoadResult = {
  url: string;
  requestsPerSecond: number;
  latencies: number[];
  responses: number;
  non2xx: number;
  errors: number;
  timeouts: number;
};

export function runLoad(options: {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** paths each connection asks for in turn (a page view: the HTML, then its JSON); default the url's */
  sequence?: string[];
}): Promise<LoadResult> {
  const host = new URL(options.url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) throw new Error(`The bench only loads loopback addresses, not ${host}`);
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        headers: options.headers,
        timeout: 10,
        ...(options.sequence ? { requests: options.sequence.map((path) => ({ method: "GET" as const, path })) } : {}),
      },
      (error, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        resolve({
          url: options.url,
          requestsPerSecond: result.requests.average,
          latencies,
          responses: result.requests.total,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}
