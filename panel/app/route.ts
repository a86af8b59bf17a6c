/** The hash route of the control panel, such as `#/users/u-1?tab=access`. */
export interface PageRoute {
  /** The first segment as a page path, such as `#/users`; `#/` for none. */
  readonly path: string;
  /** The segments after the first, decoded, such as `["u-1"]`. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
}

/** Parses `location.hash` into the page path, further segments and query. */
export function parseRoute(hash: string): PageRoute {
  const withoutMark = hash.startsWith("#") ? hash.slice(1) : hash;
  const queryStart = withoutMark.indexOf("?");
  const pathPart =
    queryStart === -1 ? withoutMark : withoutMark.slice(0, queryStart);
  const query = new URLSearchParams(
    queryStart === -1 ? "" : withoutMark.slice(queryStart + 1),
  );
  const parts = pathPart
    .split("/")
    .filter((part) => part !== "")
    .map(decodeSegment);
  const [first, ...segments] = parts;
  return {
    path: first === undefined ? "#/" : `#/${first}`,
    segments,
    query,
  };
}

/**
 * Builds a hash route from a page path, further segments and query values;
 * undefined and empty query values are left out.
 */
export function routeHref(
  path: string,
  segments: readonly string[] = [],
  query: Readonly<Record<string, string | undefined>> = {},
): string {
  const tail = segments.map((segment) => `/${encodeURIComponent(segment)}`);
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") {
      params.set(key, value);
    }
  }
  const search = params.toString();
  return `${path}${tail.join("")}${search === "" ? "" : `?${search}`}`;
}

/** Shows another route; the shell redraws on `hashchange`. */
export function navigate(href: string): void {
  if (window.location.hash !== href) {
    window.location.hash = href;
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
