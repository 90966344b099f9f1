/** Internals of the external decision plane (AuthZEN wire format); no compatibility is promised. */
package dev.warden.plane.external.internal;
