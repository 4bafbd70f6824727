/**
 * Generic wrappers for talking to remote sources: {@link io.entangled.chains.rpc.Failover} over
 * several endpoints and {@link io.entangled.chains.rpc.Retrying} with exponential backoff and
 * jitter. They know nothing of a chain family or a transport.
 */
package io.entangled.chains.rpc;
