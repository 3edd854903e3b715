/**
 * CIS Docker 2.13 wants container logs to leave the host. Whether a log driver keeps them local
 * is a list the user may change (parameter localDrivers, comma-separated): the default names the
 * drivers that write only to this machine (json-file, local, journald) or nowhere (none). Shared
 * by the configuration and the API twins so both judge the same driver alike.
 */
export function isLocalLogDriver(driver: string, localDrivers: string): boolean {
  const local = localDrivers.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  return local.includes(driver.trim().toLowerCase());
}
