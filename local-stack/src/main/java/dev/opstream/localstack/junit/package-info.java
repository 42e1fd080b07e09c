/** JUnit 5 extensions that hand tests the local servers as parameters. */
package dev.opstream.localstack.junit;
