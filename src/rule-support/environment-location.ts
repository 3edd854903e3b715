/** Where a finding about the scanner's own environment (DOCKER_HOST, DOCKER_TLS…) points: no file, no line. */
export const ENVIRONMENT_LOCATION = { path: '(environment)', systemPath: '(environment)', line: null } as const;
