/**
 * Internal wiring of the Warden Quarkus extension: producers, registries and the recorder. No compatibility is
 * promised; applications use {@code dev.warden.quarkus} and the REST API.
 */
package dev.warden.quarkus.runtime;
