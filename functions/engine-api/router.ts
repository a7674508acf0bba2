import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { HttpProblem } from '../../shared/middleware/http-problems';
import type { Route } from './http';

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

/** `/v1/customers/{customerId}` as a pattern: each `{name}` takes one non-empty path segment. */
function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split(/(\{[A-Za-z]+\})/)
    .map((part) => {
      const name = /^\{([A-Za-z]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  return { route, pattern: new RegExp(`^${source}$`), names };
}

/**
 * Answers a request from a table of routes (each route group is a module in `routes/`, so a new
 * group is one more module and one more spread in the handler): 405 with `Allow` when the path
 * is known but not the method, 404 when no route has the path.
 */
export function createRouter(routes: readonly Route[]): (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2> {
  const compiled = routes.map(compile);
  return async (event) => {
    const { method } = event.requestContext.http;
    const matching = compiled.flatMap((candidate) => {
      const found = candidate.pattern.exec(event.rawPath);
      return found ? [{ candidate, found }] : [];
    });
    if (matching.length === 0) throw new HttpProblem(404, 'Not Found', `No route for ${method} ${event.rawPath}.`);
    const chosen = matching.find(({ candidate }) => candidate.route.method === method);
    if (!chosen) {
      throw new HttpProblem(405, 'Method Not Allowed', undefined, undefined, { allow: [...new Set(matching.map(({ candidate }) => candidate.route.method))].join(', ') });
    }
    const params = Object.fromEntries(chosen.candidate.names.map((name, index) => [name, chosen.found[index + 1]!]));
    return chosen.candidate.route.handle({ event, params });
  };
}
