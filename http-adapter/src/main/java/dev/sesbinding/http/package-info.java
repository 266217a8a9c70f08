/** The Dapr bindings HTTP API as a Vert.x server (filled by the http-adapter issue). */
package dev.sesbinding.http;
