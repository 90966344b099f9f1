/**
 * Agent2Agent (A2A) interoperability, governed (decision 0036): {@link dev.warden.a2a.A2aCodes} and the {@link dev.warden.a2a.A2aMetadata} keys shared by both sides.
 */
package dev.warden.a2a;
