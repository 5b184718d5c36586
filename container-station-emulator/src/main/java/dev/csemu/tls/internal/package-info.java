/**
 * The certificate authority behind the TLS feature: the kinds of key pair (made by the
 * JDK) and the building and signing of X.509 certificates, the only place where
 * BouncyCastle is used. It knows nothing of the feature.
 */
package dev.csemu.tls.internal;
