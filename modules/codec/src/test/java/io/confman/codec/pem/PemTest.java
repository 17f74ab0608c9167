package io.confman.codec.pem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PEM certificates and PKCS#8 keys as openssl and the JDK write them, and the refusals for other forms. */
class PemTest {
    /** A CA certificate made with openssl (its key is gone). */
    private static final String CA_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBnjCCAUWgAwIBAgIUKH17cp6lFPPQ8tbDCoY6uQUTjfEwCgYIKoZIzj0EAwIw
            HTEbMBkGA1UEAwwSQ29uZm1hbiBjbHVzdGVyIENBMB4XDTI2MTIwMTA2MTY1MVoX
            DTMxMTEzMDA2MTY1MVowHTEbMBkGA1UEAwwSQ29uZm1hbiBjbHVzdGVyIENBMFkw
            EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYKZiWrr9DL30vt9q/lHUXUHBNt9jlpqg
            46mv+1iLIJ6PwSishajZr44T0yDf/dNs8ImoARv2WnG4uSaXfuvrMaNjMGEwHQYD
            VR0OBBYEFFEks4eSXC+Zq1fM+9RuF4OJDWSKMB8GA1UdIwQYMBaAFFEks4eSXC+Z
            q1fM+9RuF4OJDWSKMA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgEGMAoG
            CCqGSM49BAMCA0cAMEQCIBhdJXiwDUjIJ6CSFJNowMFYoGAd5gZhcS6LzTKNAb+U
            AiAg0NLaSQFEwCJ7wLi+t8fclFJGEprcPxoB/6xIR80Ckg==
            -----END CERTIFICATE-----
            """;

    @Test
    void readsEveryCertificateOfAFile() throws Exception {
        List<X509Certificate> certificates = Pem.certificates(text("# a comment before\n" + CA_PEM + CA_PEM));
        assertEquals(2, certificates.size());
        assertEquals("CN=Confman cluster CA", certificates.get(0).getSubjectX500Principal().getName());
    }

    @Test
    void aFileWithoutACertificateIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pem.certificates(text("hello")));
        assertTrue(e.getMessage().contains("no \"-----BEGIN CERTIFICATE-----\" block"), e.getMessage());
    }

    @Test
    void aPkcs8KeyRoundTripsThroughEncode() throws Exception {
        for (String algorithm : List.of("EC", "RSA")) {
            KeyPair pair = KeyPairGenerator.getInstance(algorithm).generateKeyPair();
            PrivateKey read = Pem.privateKey(text(Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded())));
            assertEquals(algorithm, read.getAlgorithm());
            assertArrayEquals(pair.getPrivate().getEncoded(), read.getEncoded());
        }
    }

    @Test
    void olderAndEncryptedKeyFormsAreRefusedWithWhatToDo() {
        String sec1 = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n";
        IllegalArgumentException old = assertThrows(IllegalArgumentException.class, () -> Pem.privateKey(text(sec1)));
        assertTrue(old.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), old.getMessage());
        String encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n";
        IllegalArgumentException locked = assertThrows(IllegalArgumentException.class,
                () -> Pem.privateKey(text(encrypted)));
        assertTrue(locked.getMessage().contains("it is encrypted"), locked.getMessage());
    }

    private static InputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }
}
