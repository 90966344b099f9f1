/**
 * Implementation details of framework-core. <strong>No compatibility is promised</strong> for anything in this
 * package; do not use it from applications or plugins.
 */
package dev.warden.core.internal;
