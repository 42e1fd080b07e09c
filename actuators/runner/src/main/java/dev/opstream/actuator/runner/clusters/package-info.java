/** Access to the clusters an actuator acts in: kubeconfig contexts and the in-cluster config. */
package dev.opstream.actuator.runner.clusters;
