package dev.sesbinding.server.components;

import dev.sesbinding.components.ComponentDefinition;
import dev.sesbinding.components.ComponentException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code secretstores.local.env} and {@code secretstores.local.file} components, and the
 * resolution of a component's metadata items: plain values, {@code secretKeyRef} through the store
 * named by {@code auth.secretStore}, and {@code envRef}. Errors name the component and the key,
 * never a value.
 */
public final class SecretStores {
  public static final String LOCAL_ENV = "secretstores.local.env";
  public static final String LOCAL_FILE = "secretstores.local.file";

  /** One store: a function from secret name and key to a value, or null when it has none. */
  private interface Store {
    String get(String name, String key);
  }

  private final Map<String, Store> stores;
  private final Map<String, String> env;

  private SecretStores(Map<String, Store> stores, Map<String, String> env) {
    this.stores = stores;
    this.env = env;
  }

  /** No secret store: resolves plain values and {@code envRef} only. */
  public static SecretStores none(Map<String, String> env) {
    return new SecretStores(Map.of(), env);
  }

  public static boolean isSecretStore(ComponentDefinition definition) {
    return LOCAL_ENV.equals(definition.type()) || LOCAL_FILE.equals(definition.type());
  }

  /** Builds the stores among {@code definitions}, reading each local file store's file once. */
  public static Future<SecretStores> load(
      Vertx vertx, List<ComponentDefinition> definitions, Map<String, String> env) {
    Map<String, Store> stores = new HashMap<>();
    List<Future<?>> reads = new ArrayList<>();
    for (ComponentDefinition definition : definitions) {
      if (LOCAL_ENV.equals(definition.type())) {
        stores.put(definition.name(), (name, key) -> env.get(name));
      } else if (LOCAL_FILE.equals(definition.type())) {
        reads.add(
            fileStore(vertx, definition, env)
                .onSuccess(store -> stores.put(definition.name(), store)));
      }
    }
    return Future.all(reads).map(done -> new SecretStores(Map.copyOf(stores), env));
  }

  private static Future<Store> fileStore(
      Vertx vertx, ComponentDefinition definition, Map<String, String> env) {
    Map<String, String> plain = none(env).resolve(definition);
    String file = plain.getOrDefault("secretsFile", "");
    if (file.isBlank()) {
      return Future.failedFuture(
          new ComponentException(
              "component "
                  + definition.name()
                  + ": metadata key secretsFile is missing (the JSON file that holds the secrets)"));
    }
    String separator = plain.getOrDefault("nestedSeparator", ":");
    boolean multiValued = Boolean.parseBoolean(plain.getOrDefault("multiValued", "false"));
    return vertx
        .fileSystem()
        .readFile(file)
        .recover(
            error ->
                Future.failedFuture(
                    new ComponentException(
                        "component "
                            + definition.name()
                            + ": cannot read secretsFile "
                            + file
                            + ": "
                            + error.getMessage())))
        .map(
            buffer -> {
              JsonObject secrets;
              try {
                secrets = buffer.toJsonObject();
              } catch (RuntimeException e) {
                throw new ComponentException(
                    "component "
                        + definition.name()
                        + ": secretsFile "
                        + file
                        + " is not a JSON object");
              }
              if (multiValued) {
                return (name, key) ->
                    secrets.getValue(name) instanceof JsonObject values
                        ? flatten(values, separator).get(key.isEmpty() ? name : key)
                        : null;
              }
              Map<String, String> flat = flatten(secrets, separator);
              return (name, key) -> flat.get(name);
            });
  }

  private static Map<String, String> flatten(JsonObject object, String separator) {
    Map<String, String> flat = new LinkedHashMap<>();
    object.forEach(
        entry -> {
          if (entry.getValue() instanceof JsonObject nested) {
            flatten(nested, separator)
                .forEach((key, value) -> flat.put(entry.getKey() + separator + key, value));
          } else {
            flat.put(entry.getKey(), entry.getValue() == null ? "" : entry.getValue().toString());
          }
        });
    return flat;
  }

  /** The component's metadata with every reference resolved. */
  public Map<String, String> resolve(ComponentDefinition definition) {
    return definition.resolve(env, this::secret);
  }

  private String secret(
      ComponentDefinition definition, ComponentDefinition.MetadataItem item, String where) {
    if (definition.secretStore().isEmpty()) {
      throw new ComponentException(
          where
              + "secretKeyRef needs auth.secretStore naming a "
              + LOCAL_ENV
              + " or "
              + LOCAL_FILE
              + " component");
    }
    Store store = stores.get(definition.secretStore());
    if (store == null) {
      throw new ComponentException(
          where
              + "secret store "
              + definition.secretStore()
              + " (auth.secretStore) is not a"
              + " "
              + LOCAL_ENV
              + " or "
              + LOCAL_FILE
              + " component in the resources paths");
    }
    String value = store.get(item.secretName(), item.secretKey());
    if (value == null) {
      throw new ComponentException(
          where
              + "secret store "
              + definition.secretStore()
              + " has no secret "
              + item.secretName()
              + (item.secretKey().isEmpty() ? "" : " with key " + item.secretKey()));
    }
    return value;
  }
}
