/** Dapr-style conformance tests for {@code bindings.aws.ses}, against every adapter (filled by the conformance issue). */
package dev.sesbinding.conformance;
