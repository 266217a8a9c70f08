/**
 * AWS credentials, region and endpoint from Dapr component metadata, for every AWS client a
 * component builds. Plain Java: no Vert.x, and no dependency on the binding itself.
 */
package dev.sesbinding.auth;
