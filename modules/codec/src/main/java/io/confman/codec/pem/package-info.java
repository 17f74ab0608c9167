/**
 * PEM, the text form of X.509 certificates and PKCS#8 private keys that TLS files are kept in, and
 * the client-side TLS context that trusts a cluster's CA: shared by the node, {@code ctl} and the
 * monitor so that every one of them reads a CA file the same way. Reads from streams the caller
 * owns; opens no file.
 */
package io.confman.codec.pem;
