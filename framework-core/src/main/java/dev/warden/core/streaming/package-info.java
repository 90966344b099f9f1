/**
 * Governed streaming (decision 0035): the hold-back window through which a streamed answer reaches its reader, and the
 * screens it consults. Public API: the agent loop and integrations use it; see {@code docs/streaming.md}.
 */
package dev.warden.core.streaming;
