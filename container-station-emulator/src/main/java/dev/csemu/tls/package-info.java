/**
 * Container Station's Docker TLS: a private CA with a server and a client certificate,
 * the {@code /tls} routes (dates, expiry warning, extra server names, the client bundle
 * export, rotation), the NAS web certificate of the HTTPS port, and the mutual-TLS Docker
 * endpoint that proves the bundle works. BouncyCastle stays in {@code tls.internal}.
 *
 * <p>
 * The TLS folder ({@code emulator.tls.dir}, owner-only) holds {@code tls-state.json}, the
 * one file that is the truth, replaced as a whole through
 * {@link dev.csemu.tls.PrivateFiles}; the PEM files users read, derived from it; and
 * {@code .lock}, locked while an emulator uses the folder. In memory the set is one
 * immutable {@link dev.csemu.tls.TlsGeneration}, written to disk first and then swapped
 * in one assignment, so an export racing a rotation always pairs a certificate with its
 * own key. See {@code docs/tls.md}.
 */
package dev.csemu.tls;
