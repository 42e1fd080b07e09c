/**
 * The planner's pure core: {@link dev.opstream.planner.core.Planner#plan} turns an app's desired
 * state (from its annotations) and what has been observed of it (from results, drift checks and
 * timers) into decisions: the actions to emit, the timers to set, and the app's new status. No I/O,
 * no clock of its own: the caller passes {@code now}, so the same input always gives the same
 * decisions.
 */
package dev.opstream.planner.core;
