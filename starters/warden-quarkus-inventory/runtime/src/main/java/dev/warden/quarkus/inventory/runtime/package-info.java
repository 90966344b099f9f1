/**
 * Internal: how the inventory is registered, refreshed, enforced and served. No compatibility is promised; the public
 * surface is {@code dev.warden.quarkus.inventory} (model, store SPI, configuration, codes) and the REST API.
 */
package dev.warden.quarkus.inventory.runtime;
