package dev.sesbinding.http;

import dev.sesbinding.core.internal.JsonStrings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.TreeSet;

/**
 * Re-encodes a decoded JSON value as Go's {@code json.Marshal} does, which is what Dapr's runtime
 * hands a binding as {@code data}: strings with {@code <}, {@code >}, {@code &}, U+2028 and U+2029
 * escaped, object keys sorted, numbers as float64 (shortest form, integral values without a
 * fraction).
 */
final class GoJson {
  private GoJson() {}

  static String marshal(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      quote(text, out);
    } else if (value instanceof Boolean bool) {
      out.append(bool);
    } else if (value instanceof Number number) {
      out.append(number(number));
    } else if (value instanceof JsonObject object) {
      out.append('{');
      boolean first = true;
      for (String name : new TreeSet<>(object.fieldNames())) {
        if (!first) {
          out.append(',');
        }
        first = false;
        quote(name, out);
        out.append(':');
        write(object.getValue(name), out);
      }
      out.append('}');
    } else if (value instanceof JsonArray array) {
      out.append('[');
      for (int i = 0; i < array.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(array.getValue(i), out);
      }
      out.append(']');
    } else {
      quote(value.toString(), out);
    }
  }

  private static String number(Number number) {
    double value = number.doubleValue();
    if (value == Math.rint(value) && Math.abs(value) < 1e21) {
      return new BigDecimal(value).toBigInteger().toString();
    }
    return Double.toString(value);
  }

  private static void quote(String text, StringBuilder out) {
    JsonStrings.quote(text, true, out);
  }
}
