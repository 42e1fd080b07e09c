/** redis-server processes for tests and the local stack. */
package dev.opstream.localstack.redis;
