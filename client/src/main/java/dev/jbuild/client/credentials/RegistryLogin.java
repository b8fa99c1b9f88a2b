package dev.jbuild.client.credentials;

import java.util.Objects;

/**
 * A login for one registry, as docker keeps it: a user name and a secret (password or access token), or an
 * identity token (an OAuth2 refresh token, {@code identitytoken}). {@link #toString} never shows a secret.
 */
public record RegistryLogin(String username, String secret, String identityToken) {
  public RegistryLogin {
    username = Objects.requireNonNullElse(username, "");
    secret = Objects.requireNonNullElse(secret, "");
    identityToken = Objects.requireNonNullElse(identityToken, "");
  }

  @Override
  public String toString() {
    return "RegistryLogin[user " + username + (identityToken.isEmpty() ? "" : ", identity token") + "]";
  }
}
