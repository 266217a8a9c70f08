package dev.sesbinding.http;

import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.serving.InvocationFailure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decodes Dapr's output binding request as its runtime does (Go {@code encoding/json}): field names
 * match case-insensitively, unknown fields are ignored, metadata values must be strings, and {@code
 * data} is re-encoded as JSON for the binding.
 */
final class RequestParser {
  private static final String TARGET = "Go value of type http.OutputBindingRequest";

  /** Jackson's nesting limit, in words a caller understands (it names a Jackson class). */
  private static final Pattern TOO_DEEP =
      Pattern.compile("Document nesting depth \\(\\d+\\) exceeds the maximum allowed \\((\\d+),.*");

  private RequestParser() {}

  static InvokeRequest parse(Buffer body) {
    if (body == null || isBlank(body)) {
      throw new MalformedRequest("EOF");
    }
    Object decoded;
    try {
      decoded = Json.decodeValue(body);
    } catch (DecodeException e) {
      if (InvocationFailure.isMemoryPressure(e)) {
        throw e; // the server's trouble, not the caller's: answered 429, never 400
      }
      throw new MalformedRequest("invalid JSON: " + firstLine(e.getMessage()));
    }
    if (!(decoded instanceof JsonObject object)) {
      throw new MalformedRequest("json: cannot unmarshal " + kind(decoded) + " into " + TARGET);
    }
    String operation = "";
    Object data = null;
    Map<String, String> metadata = new LinkedHashMap<>();
    for (String field : object.fieldNames()) {
      Object value = object.getValue(field);
      if (field.equalsIgnoreCase("operation")) {
        if (value != null && !(value instanceof String)) {
          throw new MalformedRequest(
              "json: cannot unmarshal "
                  + kind(value)
                  + " into Go struct field"
                  + " OutputBindingRequest.operation of type string");
        }
        operation = value == null ? "" : (String) value;
      } else if (field.equalsIgnoreCase("data")) {
        data = value;
      } else if (field.equalsIgnoreCase("metadata")) {
        metadata = metadata(value);
      }
    }
    return InvokeRequest.of(
        operation, GoJson.marshal(data).getBytes(StandardCharsets.UTF_8), metadata);
  }

  /** Only JSON white space (or nothing): Go's decoder reports EOF. Reads bytes, decodes nothing. */
  private static boolean isBlank(Buffer body) {
    for (int i = 0; i < body.length(); i++) {
      byte b = body.getByte(i);
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static Map<String, String> metadata(Object value) {
    Map<String, String> metadata = new LinkedHashMap<>();
    if (value == null) {
      return metadata;
    }
    if (!(value instanceof JsonObject object)) {
      throw new MalformedRequest(
          "json: cannot unmarshal "
              + kind(value)
              + " into Go struct field"
              + " OutputBindingRequest.metadata of type map[string]string");
    }
    for (String key : object.fieldNames()) {
      Object item = object.getValue(key);
      if (!(item instanceof String text)) {
        throw new MalformedRequest(
            "json: cannot unmarshal "
                + kind(item)
                + " into Go struct field"
                + " OutputBindingRequest.metadata."
                + key
                + " of type string (metadata values must be strings)");
      }
      metadata.put(key, text);
    }
    return metadata;
  }

  private static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof JsonObject) {
      return "object";
    }
    if (value instanceof JsonArray) {
      return "array";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    return "number";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable body";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    line =
        TOO_DEEP
            .matcher(line.replace("Failed to decode:", ""))
            .replaceAll("nested deeper than $1 levels");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
