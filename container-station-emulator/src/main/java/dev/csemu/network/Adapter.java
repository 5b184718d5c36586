package dev.csemu.network;

/**
 * One adapter of {@code /system/bridge}.
 *
 * @param bridge the Linux bridge the adapter is enslaved to, or null
 * @param display {@code Adapter N}, N its position + 1
 * @param gateway the default route's gateway through the adapter, or empty
 * @param ip its IPv4 address
 * @param name the interface name, such as {@code eth0}
 * @param netmask its IPv4 netmask, dotted
 */
public record Adapter(String bridge, String display, String gateway, String ip, String name, String netmask) {

}
