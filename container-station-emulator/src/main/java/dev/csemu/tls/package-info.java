/**
 * Container Station's Docker TLS: a private CA with a server and a client certificate,
 * the {@code /tls} routes (dates, expiry warning, extra server names, the client bundle
 * export, rotation) and the mutual-TLS Docker endpoint that proves the bundle works.
 * BouncyCastle stays in {@code tls.internal}, behind
 * {@link dev.csemu.tls.internal.CertificateAuthority}.
 *
 * <h2>The TLS folder</h2>
 * <p>
 * {@code emulator.tls.dir} (owner-only, 0700; private keys 0600 from creation) holds
 * {@code tls-state.json}, the one file that is the truth (every PEM and the state),
 * replaced as a whole through {@link dev.csemu.tls.PrivateFiles}; the PEM files users
 * read ({@code ca.pem}, {@code cert.pem}, {@code key.pem}, ...) derived from it; and
 * {@code .lock}, locked while an emulator uses the folder. See {@code docs/tls.md}.
 *
 * <p>
 * In memory the set is one immutable {@link dev.csemu.tls.TlsGeneration}, written to disk
 * first and then swapped in a single reference assignment, so an export racing a rotation
 * always pairs a certificate with its own key.
 */
package dev.csemu.tls;
