/**
 * An in-process Kubernetes API server for tests and the demo: fabric8's CRUD mock ({@code
 * kubernetes-server-mock}) behind {@code ApiDispatcher}, which adds what real Helm and kubectl
 * need.
 *
 * <p>Added over the stock mock: discovery ({@code /api}, {@code /api/v1}, {@code /apis}, {@code
 * /apis/<group>[/<version>]}, legacy documents also for aggregated-discovery requests), {@code
 * /version} and health endpoints; server-side apply (create or merge, field manager recorded, no
 * conflicts); strategic merge patch (merge keys of the built-in types, {@code $patch}, {@code
 * $retainKeys}, {@code $setElementOrder}, {@code $deleteFromPrimitiveList}); RFC 7386 merge patch;
 * typed list kinds; protobuf bodies of Secrets, ConfigMaps and Namespaces; implicit namespaces (and
 * deleting a namespace deletes its built-in objects); Secret {@code stringData}; {@code Status}
 * bodies with the reasons clients test for ({@code NotFound}, {@code AlreadyExists}, {@code
 * Conflict}); a 500 {@code Status} instead of a hung request when anything throws; and the web
 * server's request log is discarded so long runs do not grow the heap.
 *
 * <p>Not done: protobuf for other kinds (415), server-side printing (kubectl falls back to its own
 * columns), streaming watches over plain HTTP (answered with a finite stream; fabric8's WebSocket
 * watches and informers work fully), custom resource groups in {@code /apis} (their group version
 * documents are served), OpenAPI documents (404, so use {@code --validate=false} and Helm's {@code
 * disableOpenApiValidation()}), admission, defaulting beyond the few fields above, and anything
 * that runs: no pods, no controllers, no garbage collection.
 */
package dev.opstream.localstack.kube;
