package dev.sesbinding.core.ses;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;

/**
 * The body of one SES Query call ({@code application/x-www-form-urlencoded}): {@code Action},
 * {@code Version}, then every field the SDK request sets, named as AWS's Query protocol names them
 * ({@code Destination.ToAddresses.member.1}, {@code RawMessage.Data} in base64). The requests are
 * {@link SendEmailRequests}'s, so both transports send the same fields; only strings, structures,
 * lists and bytes occur in SES's send calls, and anything else is refused.
 */
final class QueryForm {
  static final String VERSION = "2010-12-01";
  static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private byte[] bytes;
  private int size;

  private QueryForm(int capacity) {
    this.bytes = new byte[capacity];
  }

  /** The form of {@code action} with the fields of {@code request} ({@code null}: none). */
  static byte[] of(String action, SdkPojo request) {
    QueryForm form = new QueryForm(512);
    form.pair("Action", action);
    form.pair("Version", VERSION);
    if (request != null) {
      form.fields("", request);
    }
    return form.size == form.bytes.length ? form.bytes : Arrays.copyOf(form.bytes, form.size);
  }

  private void fields(String prefix, SdkPojo pojo) {
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      if (value != null) {
        value(prefix + field.locationName(), field, value);
      }
    }
  }

  private void value(String name, SdkField<?> field, Object value) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.STRING) {
      pair(name, (String) value);
    } else if (type == MarshallingType.SDK_POJO) {
      fields(name + ".", (SdkPojo) value);
    } else if (type == MarshallingType.LIST) {
      list(name, field.getTrait(ListTrait.class), (List<?>) value);
    } else if (type == MarshallingType.SDK_BYTES) {
      pairBytes(name, Base64.getEncoder().encode(((SdkBytes) value).asByteArrayUnsafe()));
    } else {
      throw new IllegalArgumentException(
          "SES Query form: field " + name + " of type " + type + " is not supported");
    }
  }

  /** An empty list is left out, as the SDK leaves out a list that was never set. */
  private void list(String name, ListTrait trait, List<?> list) {
    if (list.isEmpty() || list instanceof SdkAutoConstructList) {
      return;
    }
    String member =
        trait.isFlattened()
            ? name + "."
            : name
                + "."
                + (trait.memberLocationName() == null ? "member" : trait.memberLocationName())
                + ".";
    for (int i = 0; i < list.size(); i++) {
      value(member + (i + 1), trait.memberFieldInfo(), list.get(i));
    }
  }

  private void pair(String name, String value) {
    pairBytes(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Grows by exactly what the pair takes: a raw email's data is most of the form. */
  private void pairBytes(String name, byte[] value) {
    byte[] encodedName = name.getBytes(StandardCharsets.UTF_8);
    ensure(2 + encodedLength(encodedName) + encodedLength(value));
    if (size > 0) {
      bytes[size++] = '&';
    }
    encode(encodedName);
    bytes[size++] = '=';
    encode(value);
  }

  private static boolean unreserved(byte b) {
    return (b >= 'A' && b <= 'Z')
        || (b >= 'a' && b <= 'z')
        || (b >= '0' && b <= '9')
        || b == '-'
        || b == '_'
        || b == '.'
        || b == '~';
  }

  private static int encodedLength(byte[] raw) {
    int length = raw.length;
    for (byte b : raw) {
      if (!unreserved(b)) {
        length += 2;
      }
    }
    return length;
  }

  /** RFC 3986 percent-encoding, as SigV4 and the SDK's form encoder write it. */
  private void encode(byte[] raw) {
    for (byte b : raw) {
      if (unreserved(b)) {
        bytes[size++] = b;
      } else {
        bytes[size++] = '%';
        bytes[size++] = HEX[(b >> 4) & 0xF];
        bytes[size++] = HEX[b & 0xF];
      }
    }
  }

  /** Doubles while small; a large pair (a raw email) gets exactly its room, not twice it. */
  private void ensure(int more) {
    if (size + more > bytes.length) {
      int doubled = bytes.length * 2;
      bytes = Arrays.copyOf(bytes, size + more <= doubled ? doubled : size + more + 1024);
    }
  }
}
