/**
 * An app's desired state from its {@code opstream.dev/*} annotations: parsing, validation with
 * precise errors, and the "last good desired state" rule that keeps a typo from deleting anything.
 */
package dev.opstream.planner.desired;
