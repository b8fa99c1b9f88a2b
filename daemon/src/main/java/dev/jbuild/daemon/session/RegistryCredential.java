package dev.jbuild.daemon.session;

import java.util.Objects;

/**
 * A registry login as the client gave it: a user name and secret (password or access token), or an identity
 * token (an OAuth2 refresh token, docker's {@code identitytoken}). Never logged: {@link #toString} names the
 * user only.
 */
public record RegistryCredential(String username, String secret, String identityToken) {
  public RegistryCredential {
    username = Objects.requireNonNullElse(username, "");
    secret = Objects.requireNonNullElse(secret, "");
    identityToken = Objects.requireNonNullElse(identityToken, "");
  }

  public boolean hasIdentityToken() {
    return !identityToken.isEmpty();
  }

  /** Who is logging in, for messages: {@code user "bob"}, or the identity token. */
  public String describe() {
    return hasIdentityToken() && username.isEmpty() ? "the client's identity token" : "user \"" + username + "\"";
  }

  @Override
  public String toString() {
    return "RegistryCredential[" + describe() + "]";
  }
}
