/** What every local server shares: free ports, temporary directories, the exception type. */
package dev.opstream.localstack.support;
