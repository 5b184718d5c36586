/**
 * Container Station's Docker TLS: a private CA with a server and a client certificate,
 * the {@code /tls} routes (dates, expiry warning, extra server names, the client bundle
 * export, rotation) and the mutual-TLS Docker endpoint that proves the bundle works.
 * BouncyCastle stays in {@code tls.internal}, behind
 * {@link dev.csemu.tls.internal.CertificateAuthority}.
 *
 * <h2>The TLS folder and its atomicity</h2>
 * <p>
 * {@code emulator.tls.dir} (owner-only, 0700; private keys 0600 from creation) holds:
 *
 * <pre>
 * .lock                       locked while an emulator uses the folder
 * current -&gt; generations/g7   the one pointer to the complete current set
 * generations/g7/             ca.pem ca-key.pem server-cert.pem server-key.pem
 *                             cert.pem key.pem state.json
 * ca.pem -&gt; current/ca.pem    (and so on for every file: stable names for users)
 * snapshots/&lt;name&gt;/           the same layout, one per named snapshot
 * </pre>
 *
 * A change never touches the current generation. The next one, {@code g8}, is written
 * file by file into a new folder, each file forced to disk, the folder synced; then a new
 * link {@code .current.new -> generations/g8} is renamed over {@code current} in one
 * atomic {@code rename(2)} and the parent folder synced; then {@code g7} is removed. A
 * crash (kill -9, power loss after the syncs) before the rename leaves {@code current} on
 * the complete {@code g7}, after it on the complete {@code g8}; never a mix. The next
 * start sweeps unreferenced generations and a staged pointer. Where symbolic links are
 * not available, {@code current} is a one-line file naming the generation, replaced by
 * the same atomic rename, and the per-file links are omitted.
 *
 * <p>
 * In memory the set is one immutable {@link dev.csemu.tls.TlsGeneration}, written to disk
 * first and then swapped in a single reference assignment, so an export racing a rotation
 * always pairs a certificate with its own key.
 */
package dev.csemu.tls;
