/** The observe stage: Kubernetes informers on Deployments, published to opstream.deployments. */
package dev.opstream.watcher;
