package dev.jbuild.daemon.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** The X.509 certificates of a PEM file (one or more BEGIN CERTIFICATE blocks), read when the daemon starts. */
final class CaCertificates {
  private CaCertificates() {}

  /** @throws IllegalArgumentException saying why the file gives no certificate */
  static List<X509Certificate> read(Path pem) {
    List<X509Certificate> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(pem)) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        out.add((X509Certificate) c);
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("cannot read " + pem + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + pem + ": " + e.getMessage());
    } catch (CertificateException e) {
      throw new IllegalArgumentException(pem + " is not a PEM certificate file: " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(pem + " holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)");
    }
    return out;
  }
}
