/** Idempotent creation and verification of the catalogue's topics on a broker. */
package dev.opstream.topics.admin;
