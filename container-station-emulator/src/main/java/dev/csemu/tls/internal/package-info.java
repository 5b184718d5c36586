/**
 * The certificate authority behind the TLS feature: key pairs, X.509 certificates and PEM
 * encoding. The only place where BouncyCastle is used; the feature sees it through
 * {@link dev.csemu.tls.internal.CertificateAuthority}.
 */
package dev.csemu.tls.internal;
