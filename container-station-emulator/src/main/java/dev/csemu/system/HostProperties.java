package dev.csemu.system;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * Where the host facts come from, and the facts no host has. The network's fixture
 * settings ({@code emulator.host.fixture.used-ports}, {@code .bridge}) belong to the
 * network feature.
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
public record HostProperties(@DefaultValue("live") Source source, @DefaultValue("1s") Duration sampleInterval,
		@DefaultValue Product product, @DefaultValue Fixture fixture) {

	public HostProperties {
		Assert.isTrue(source != null, "emulator.host.source must be live or fixture");
		Assert.isTrue(sampleInterval != null && sampleInterval.toMillis() >= 10,
				"emulator.host.sample-interval must be at least 10ms");
	}

	/** Where host facts come from; in JSON as configured, in lower case. */
	public enum Source {

		/** The machine the emulator runs on. */
		LIVE,

		/** The vendor's examples, or the configured fixture values. */
		FIXTURE;

		@JsonValue
		String value() {
			return name().toLowerCase(Locale.ROOT);
		}

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
			"", "net_bridge", "lxd" }) List<String> features, @DefaultValue Gpu gpu,
			@DefaultValue("false") boolean gpuchanged, @DefaultValue("false") boolean isDevicemapper,
			@DefaultValue("true") boolean isSupportOverlay,
			@DefaultValue("/var/lib/docker/qnap-migration") String migrationDir,
			@DefaultValue("") String migrationDmStatus, @DefaultValue("false") boolean needRestart,
			@DefaultValue("qts") String platform, @DefaultValue("running") String status,
			@DefaultValue("overlay2") String storageDriver, @DefaultValue("false") boolean uncleanFs,
			@DefaultValue Version version){

		public Product {
			features = (features != null) ? List.copyOf(features) : List.of();
		}

	}

	/**
	 * The {@code gpu} object of {@code /system}, configured and served as is.
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
	 * The {@code version} block of {@code /system}, configured and served as is.
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
	 */
	public record Fixture(@DefaultValue("4") int cpuCore, @DefaultValue("4") int cpuThread,
			@DefaultValue("SW8-ED-453Bm") String hostname,
			@DefaultValue("Intel(R) Celeron(R) CPU J3455 @ 1.50GHz") String processor,
			@DefaultValue("amd64") String machine, @DefaultValue("7998068") long memory,
			@DefaultValue("4096") int memoryPageSize, @DefaultValue("100.0") double cpuUsage,
			@DefaultValue MemoryUsage memoryUsage) {

		public Fixture {
			String prefix = "emulator.host.fixture.";
			Assert.isTrue(cpuCore >= 1, prefix + "cpu-core must be at least 1");
			Assert.isTrue(cpuThread >= 1, prefix + "cpu-thread must be at least 1");
			Assert.isTrue(hostname != null && !hostname.isBlank(), prefix + "hostname must not be blank");
			Assert.isTrue(memory >= 1, prefix + "memory must be at least 1");
			Assert.isTrue(memoryPageSize >= 1, prefix + "memory-page-size must be at least 1");
			Assert.isTrue(cpuUsage >= 0 && cpuUsage <= 100, prefix + "cpu-usage must be from 0 to 100");
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
	public record MemoryUsage(@DefaultValue("7810") long total, @DefaultValue("2086") long used,
			@DefaultValue("585") long buffers, @DefaultValue("3336") long cached) {

		public MemoryUsage {
			Assert.isTrue(total >= 1 && used >= 0 && buffers >= 0 && cached >= 0,
					"emulator.host.fixture.memory-usage figures must not be negative, and total at least 1");
			Assert.isTrue(used + buffers + cached <= total,
					"emulator.host.fixture.memory-usage used + buffers + cached must not exceed total");
		}

	}

}
