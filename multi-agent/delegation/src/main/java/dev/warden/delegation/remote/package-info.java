/** Public API: remote delegation over HTTP ({@code POST /v1/delegations}), client and framework-neutral receiver. */
package dev.warden.delegation.remote;
