import type { Endpoint, HttpMethod } from './endpoint';

interface CompiledRoute {
  endpoint: Endpoint;
  pattern: RegExp;
  names: string[];
}

export type RouteMatch =
  | { kind: 'found'; endpoint: Endpoint; pathParams: Record<string, string> }
  | { kind: 'wrong-method'; allowed: HttpMethod[] }
  | { kind: 'none' };

function compile(endpoint: Endpoint): CompiledRoute {
  const names: string[] = [];
  const source = endpoint.path
    .split('/')
    .map((segment) => {
      const greedy = /^\{(\w+)\.\.\.\}$/.exec(segment);
      if (greedy) {
        names.push(greedy[1]);
        return '(.*)';
      }
      const single = /^\{(\w+)\}$/.exec(segment);
      if (single) {
        names.push(single[1]);
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { endpoint, pattern: new RegExp(`^/api/${endpoint.version}\\.0${source}$`), names };
}

/** Matches `/api/<v>.0/...` paths (ajax paths are rewritten to /api first) against the table. */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(endpoints: Endpoint[]) {
    this.routes = endpoints.map(compile);
  }

  match(method: string, path: string): RouteMatch {
    const allowed: HttpMethod[] = [];
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      if (route.endpoint.method !== method) {
        allowed.push(route.endpoint.method);
        continue;
      }
      const pathParams: Record<string, string> = {};
      route.names.forEach((name, i) => {
        pathParams[name] = m[i + 1];
      });
      return { kind: 'found', endpoint: route.endpoint, pathParams };
    }
    return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' };
  }
}
