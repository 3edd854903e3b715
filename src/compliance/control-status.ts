/**
 * A control's verdict, per machine or endpoint and across the fleet. The words are the ones
 * auditors use (and Trivy's compliance reports): they go into JSON as they are.
 */
export const CONTROL_STATUSES = ['FAIL', 'NOT CHECKED', 'PASS', 'NOT APPLICABLE', 'MANUAL'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

export function emptyStatusCounts(): Record<ControlStatus, number> {
  return { FAIL: 0, 'NOT CHECKED': 0, PASS: 0, 'NOT APPLICABLE': 0, MANUAL: 0 };
}

/**
 * One verdict for the fleet from each subject's. A failure anywhere fails the control; then a
 * subject that could not be checked keeps the fleet from passing, since the place nobody saw is
 * where the open daemon may be. Only when every subject is not applicable is the control.
 */
export function fleetStatus(statuses: readonly ControlStatus[], manual: boolean): ControlStatus {
  if (manual) return 'MANUAL';
  if (statuses.includes('FAIL')) return 'FAIL';
  if (statuses.length === 0 || statuses.includes('NOT CHECKED')) return 'NOT CHECKED';
  if (statuses.includes('PASS')) return 'PASS';
  return 'NOT APPLICABLE';
}
