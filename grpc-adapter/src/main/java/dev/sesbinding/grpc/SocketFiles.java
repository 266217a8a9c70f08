package dev.sesbinding.grpc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** What a file in the socket folder is. */
final class SocketFiles {
  private SocketFiles() {}

  /**
   * Whether {@code path} itself (not what a link points to) is a socket, or another special file.
   */
  static boolean isSocket(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .isOther();
    } catch (IOException e) {
      return false;
    }
  }
}
