// The part of autocannon 8's API the bench uses (the package ships no types, and @types/autocannon
// lags its major versions). Shapes from node_modules/autocannon/README.md: "API", "Results", "Client API".
declare module "autocannon" {
  namespace autocannon {
    /** `context` is per connection; autocannon resets it whenever a connection wraps around `requests`. */
    type Context = Record<string, unknown>;

    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      /** Returns the request to send (a falsy value restarts from the first request). */
      setupRequest?: (request: Request, context: Context) => Request | undefined;
      onResponse?: (status: number, body: string, context: Context, headers: Record<string, string>) => void;
    }

    interface Client {
      setRequests(requests: Request[]): void;
    }

    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Requests in all; overrides `duration`. */
      amount?: number;
      /** Requests per second over all connections. */
      overallRate?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      requests?: Request[];
      setupClient?: (client: Client) => void;
      /** Called with every response body; a falsy return counts the response in `mismatches`. */
      verifyBody?: (body: string) => boolean;
    }

    /** An hdr-histogram-percentiles-obj summary. */
    interface Histogram {
      min: number;
      max: number;
      average: number;
      stddev: number;
      p50: number;
      p90: number;
      p99: number;
    }

    interface Result {
      requests: Histogram & { total: number };
      latency: Histogram;
      /** Seconds the run took. */
      duration: number;
      /** Connection errors, timeouts included. */
      errors: number;
      timeouts: number;
      non2xx: number;
      /** Responses whose body `verifyBody` refused. */
      mismatches: number;
      statusCodeStats: Record<string, { count: number }>;
    }
  }

  function autocannon(options: autocannon.Options, done: (err: Error | null, result: autocannon.Result) => void): unknown;
  export default autocannon;
}
