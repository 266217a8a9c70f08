package dev.sesbinding.http;

import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.serving.ApiOptions;
import dev.sesbinding.serving.ErrorCase;
import dev.sesbinding.serving.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/** The small read-only endpoints: health and metadata. */
final class Endpoints {
  private Endpoints() {}

  /**
   * {@code GET /v1.0/healthz}: 204 when every component is ready, else 500 ERR_HEALTH_NOT_READY.
   */
  static void health(RoutingContext ctx, BooleanSupplier ready) {
    if (ready.getAsBoolean()) {
      ctx.response().setStatusCode(204).end();
    } else {
      ErrorResponses.send(
          ctx, Refusal.of(ErrorCase.NOT_READY, "dapr is not ready: the server is stopping"));
    }
  }

  /**
   * {@code GET /v1.0/metadata}: the app id and every component's name, type and version; never a
   * metadata value.
   */
  static void metadata(RoutingContext ctx, String appId, BindingRegistry bindings) {
    JsonArray components = new JsonArray();
    bindings
        .components()
        .forEach(
            component ->
                components.add(
                    new JsonObject()
                        .put("name", component.name())
                        .put("type", component.type())
                        .put("version", component.version())
                        .put("capabilities", new JsonArray())));
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .end(
            new JsonObject()
                .put("id", appId)
                .put("runtimeVersion", ApiOptions.RUNTIME_VERSION)
                .put("components", components)
                .encode());
  }
}
