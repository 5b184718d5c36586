package dev.csemu.network;

/**
 * The adapters {@code /system/bridge} lists: the machine's, or the fixture's.
 */
public interface Bridges {

	/**
	 * The adapters now.
	 * @return the {@code /system/bridge} body
	 */
	BridgeResponse current();

}
