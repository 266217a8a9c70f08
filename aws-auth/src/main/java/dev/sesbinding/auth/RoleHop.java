package dev.sesbinding.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * One role of a chain, assumed through STS {@code AssumeRole} with the credentials of the hop
 * before it. The external id is {@code ""} when none is sent (it is only sent on the first hop).
 */
public record RoleHop(String roleArn, String sessionName, String externalId, Duration duration) {

  public RoleHop {
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(sessionName, "sessionName");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(duration, "duration");
  }

  @Override
  public String toString() {
    return "RoleHop["
        + roleArn
        + ", session="
        + sessionName
        + ", duration="
        + duration.toSeconds()
        + "s"
        + (externalId.isEmpty() ? "" : ", externalId=***")
        + "]";
  }
}
