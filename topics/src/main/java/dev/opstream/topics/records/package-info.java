/**
 * The record types on opstream's topics: Java records with a {@code schemaVersion}, validated in
 * their constructors. Reference fields are required unless documented as optional (absent reads as
 * null); primitive fields are marked {@code @JsonProperty(required = true)} because Jackson would
 * otherwise read an absent number as 0. Unknown fields are ignored when read, so two versions of a
 * stage can run side by side; a newer {@code schemaVersion} is refused.
 */
package dev.opstream.topics.records;
