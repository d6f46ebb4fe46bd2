/**
 * Encryption of Temporal payloads. Every client and worker of the platform (the worker, the API, the
 * {@code ivr} command) converts with {@link org.openivr.workflows.payload.PayloadEncryption#dataConverter()}, so
 * workflow and activity inputs and results, signals (ACS events with the keys a caller typed, audio signals),
 * query results, memo and the state a call continues as new with are AES-256-GCM encrypted before they reach
 * Temporal. Search attributes are never encoded by Temporal; the workflow puts no caller input in them.
 * Configured with {@code ivr.temporal.payload-keys} ({@code id=base64,...}; the first key encrypts, all decrypt).
 * Nothing here runs in workflow code: the SDK applies the codec outside the interpreter's deterministic path.
 */
package org.openivr.workflows.payload;
