package dev.csemu.system;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the host facts come from, and the facts no host has.
 *
 * @param source {@code live} (the machine the emulator runs on) or {@code fixture} (the
 * vendor's documented examples, or what is configured under {@code fixture})
 * @param sampleInterval how often CPU and memory use are sampled for
 * {@code /system/resource}
 * @param product Container Station's own facts (versions, platform, features, GPU,
 * storage driver), the same in both sources
 * @param fixture the host the {@code fixture} source describes; every default is the
 * vendor's example
 */
@ConfigurationProperties("emulator.host")
@Validated
public record HostProperties(@DefaultValue("live") @NotNull Source source,
		@DefaultValue("1s") @DurationMin(millis = 10) Duration sampleInterval, @DefaultValue @Valid Product product,
		@DefaultValue @Valid Fixture fixture) {

	/** Where host facts come from. */
	public enum Source {

		/** The machine the emulator runs on. */
		LIVE,

		/** The vendor's examples, or the configured fixture values. */
		FIXTURE

	}

	/**
	 * Container Station's facts that no host has, served as {@code /system} says them.
	 *
	 * @param features the {@code features} array; the vendor's first element is an empty
	 * string
	 * @param gpu the {@code gpu} object
	 * @param gpuchanged the {@code gpuchanged} flag
	 * @param isDevicemapper the {@code isDevicemapper} flag
	 * @param isSupportOverlay the {@code isSupportOverlay} flag
	 * @param migrationDir the {@code migrationDir} path
	 * @param migrationDmStatus the {@code migrationDmStatus} text
	 * @param needRestart the {@code needRestart} flag (clients assert false)
	 * @param platform the {@code platform}, {@code qts} or {@code quts}
	 * @param status the {@code status} (clients assert {@code running})
	 * @param storageDriver Docker's {@code storageDriver}
	 * @param uncleanFs the {@code uncleanFS} flag
	 * @param version the {@code version} block
	 */
	public record Product(@DefaultValue( {
			"", "net_bridge", "lxd" }) List<String> features, @DefaultValue @Valid Gpu gpu,
			@DefaultValue("false") boolean gpuchanged, @DefaultValue("false") boolean isDevicemapper,
			@DefaultValue("true") boolean isSupportOverlay,
			@DefaultValue("/var/lib/docker/qnap-migration") String migrationDir,
			@DefaultValue("") String migrationDmStatus, @DefaultValue("false") boolean needRestart,
			@DefaultValue("qts") String platform, @DefaultValue("running") String status,
			@DefaultValue("overlay2") String storageDriver, @DefaultValue("false") boolean uncleanFs,
			@DefaultValue @Valid Version version){

		public Product {
			features = (features != null) ? List.copyOf(features) : List.of();
			migrationDir = orEmpty(migrationDir);
			migrationDmStatus = orEmpty(migrationDmStatus);
			platform = orEmpty(platform);
			status = orEmpty(status);
			storageDriver = orEmpty(storageDriver);
		}

	}

	/**
	 * The {@code gpu} object of {@code /system}.
	 *
	 * @param csMode the {@code csMode} flag
	 * @param device the {@code device} array
	 * @param driverInstalled the {@code driverInstalled} flag
	 */
	public record Gpu(@DefaultValue("false") boolean csMode, List<String> device,
			@DefaultValue("false") boolean driverInstalled) {

		public Gpu {
			device = (device != null) ? List.copyOf(device) : List.of();
		}

	}

	/**
	 * The {@code version} block of {@code /system}.
	 *
	 * @param compose Docker Compose's version
	 * @param dockerVersion the Docker engine's version
	 * @param firmware the QTS firmware's version
	 * @param lxc LXC's version
	 * @param lxd LXD's version
	 * @param qpkg Container Station's own version
	 * @param qpkgBuildDate Container Station's build date, {@code yyyy/MM/dd}
	 */
	public record Version(@DefaultValue("1.29.2") String compose, @DefaultValue("20.10.3") String dockerVersion,
			@DefaultValue("4.5.4") String firmware, @DefaultValue("2.0.11-1") String lxc,
			@DefaultValue("4.14") String lxd, @DefaultValue("2.4.0.2316") String qpkg,
			@DefaultValue("2021/07/06") String qpkgBuildDate) {

		public Version {
			compose = orEmpty(compose);
			dockerVersion = orEmpty(dockerVersion);
			firmware = orEmpty(firmware);
			lxc = orEmpty(lxc);
			lxd = orEmpty(lxd);
			qpkg = orEmpty(qpkg);
			qpkgBuildDate = orEmpty(qpkgBuildDate);
		}

	}

	/**
	 * The host the {@code fixture} source describes. Every default is the value of the
	 * vendor's example.
	 *
	 * @param cpuCore {@code /system} {@code cpuCore}
	 * @param cpuThread {@code /system} {@code cpuThread}
	 * @param hostname {@code /system} {@code hostname}
	 * @param processor {@code /system} {@code processor}
	 * @param machine {@code /system} {@code machine}
	 * @param memory {@code /system} {@code memory}, in KiB
	 * @param memoryPageSize {@code /system} {@code memoryPageSize}, in bytes
	 * @param cpuUsage {@code /system/resource} {@code cpu_usage}, in percent
	 * @param memoryUsage {@code /system/resource} {@code memory_usage} figures, in MB
	 * @param usedPorts the ports {@code /system/port} reports as used
	 * @param bridge the adapters {@code /system/bridge} lists
	 */
	public record Fixture(@DefaultValue("4") @Min(1) int cpuCore, @DefaultValue("4") @Min(1) int cpuThread,
			@DefaultValue("SW8-ED-453Bm") @NotBlank String hostname,
			@DefaultValue("Intel(R) Celeron(R) CPU J3455 @ 1.50GHz") String processor,
			@DefaultValue("amd64") String machine, @DefaultValue("7998068") @Min(1) long memory,
			@DefaultValue("4096") @Min(1) int memoryPageSize,
			@DefaultValue("100.0") @DecimalMin("0.0") @DecimalMax("100.0") double cpuUsage,
			@DefaultValue @Valid MemoryUsage memoryUsage, @DefaultValue @Valid UsedPorts usedPorts,
			@DefaultValue @Valid Bridge bridge) {

		public Fixture {
			processor = orEmpty(processor);
			machine = orEmpty(machine);
		}

	}

	/**
	 * The {@code memory_usage} figures of {@code /system/resource}, in MB; the
	 * percentages are derived from them as the vendor does.
	 *
	 * @param total the {@code total}
	 * @param used the {@code used}, excluding buffers and cache
	 * @param buffers the {@code buffers}
	 * @param cached the {@code cached}
	 */
	public record MemoryUsage(@DefaultValue("7810") @Min(1) long total, @DefaultValue("2086") @Min(0) long used,
			@DefaultValue("585") @Min(0) long buffers, @DefaultValue("3336") @Min(0) long cached) {

		@AssertTrue(message = "used + buffers + cached must not exceed total")
		boolean isWithinTotal() {
			return this.used + this.buffers + this.cached <= this.total;
		}

	}

	/**
	 * The ports the fixture reports as used.
	 *
	 * @param tcp TCP ports with a listening socket
	 * @param udp UDP ports with a bound socket
	 */
	public record UsedPorts(@DefaultValue("5000") Set<@Min(1) @Max(65535) Integer> tcp,
			Set<@Min(1) @Max(65535) Integer> udp) {

		public UsedPorts {
			tcp = (tcp != null) ? new TreeSet<>(tcp) : new TreeSet<>();
			udp = (udp != null) ? new TreeSet<>(udp) : new TreeSet<>();
		}

	}

	/**
	 * The adapters of {@code /system/bridge}; by default the vendor's two.
	 *
	 * @param adapters the adapters, in the order listed
	 * @param defaultAdapter the 0-based index of the adapter that carries the default
	 * route ({@code default})
	 */
	public record Bridge(List<@Valid Adapter> adapters, @DefaultValue("1") @Min(0) int defaultAdapter) {

		/** The vendor's example adapters. */
		static final List<Adapter> VENDOR_ADAPTERS = List.of(
				new Adapter("eth0", "192.168.180.68", "255.255.254.0", "192.168.180.254", null, null),
				new Adapter("eth1", "192.168.181.160", "255.255.254.0", "192.168.180.254", null, null));

		public Bridge {
			adapters = (adapters != null) ? List.copyOf(adapters) : VENDOR_ADAPTERS;
		}

		@AssertTrue(message = "default-adapter must be the index of a listed adapter")
		boolean isDefaultAdapterListed() {
			return this.adapters.isEmpty() || this.defaultAdapter < this.adapters.size();
		}

	}

	/**
	 * One adapter of {@code /system/bridge}.
	 *
	 * @param name the interface name, such as {@code eth0}
	 * @param ip its IPv4 address
	 * @param netmask its netmask, dotted
	 * @param gateway the default gateway through it, or empty
	 * @param bridge the bridge it is attached to, or unset for none ({@code null})
	 * @param display the shown name; unset for {@code Adapter N}, N its position + 1
	 */
	public record Adapter(@NotBlank String name, @NotBlank String ip, @NotBlank String netmask,
			@DefaultValue("") String gateway, String bridge, String display) {

		public Adapter {
			gateway = orEmpty(gateway);
		}

	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

}
