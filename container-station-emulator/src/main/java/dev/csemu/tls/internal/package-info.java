/**
 * The certificate authority behind the TLS feature: key pairs, X.509 certificates and
 * PEM. The only place where BouncyCastle is used, and it knows nothing of the feature.
 */
package dev.csemu.tls.internal;
