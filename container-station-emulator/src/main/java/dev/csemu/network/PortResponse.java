package dev.csemu.network;

/**
 * The {@code /system/port/{protocol}/{port}} body.
 *
 * @param used whether the port is in use
 */
record PortResponse(boolean used) {

	static final PortResponse USED = new PortResponse(true);

	static final PortResponse FREE = new PortResponse(false);

}
