/** An embedded S3-compatible server (S3Proxy) for tests and the local stack. */
package dev.opstream.localstack.s3;
