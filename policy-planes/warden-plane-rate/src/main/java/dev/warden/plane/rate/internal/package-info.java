/** Internals of the rate plane; no compatibility is promised. */
package dev.warden.plane.rate.internal;
