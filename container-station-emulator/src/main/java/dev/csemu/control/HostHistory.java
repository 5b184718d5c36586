package dev.csemu.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import dev.csemu.system.HostResources;
import dev.csemu.system.ResourceFigures;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * The last minutes of {@code /system/resource} figures, as the background sampler (or an
 * override) gave them: a bounded ring read at a fixed interval, for the dashboard's
 * chart.
 */
final class HostHistory {

	/** How often a point is taken. */
	static final Duration INTERVAL = Duration.ofSeconds(5);

	/** How many points are kept: 15 minutes. */
	static final int CAPACITY = 180;

	private final HostResources resources;

	private final Clock realTime;

	private final ArrayDeque<Point> points = new ArrayDeque<>(CAPACITY);

	HostHistory(HostResources resources, Clock realTime) {
		this.resources = resources;
		this.realTime = realTime;
	}

	@Scheduled(fixedRateString = "PT5S", initialDelayString = "PT5S")
	void take() {
		ResourceFigures figures = this.resources.figures();
		Point point = new Point(this.realTime.instant(), figures.cpuUsage(), figures.usedMb(), figures.totalMb(),
				this.resources.overridden().isPresent());
		synchronized (this.points) {
			if (this.points.size() == CAPACITY) {
				this.points.removeFirst();
			}
			this.points.addLast(point);
		}
	}

	/**
	 * The kept points, oldest first.
	 * @return a copy
	 */
	List<Point> points() {
		synchronized (this.points) {
			if (!this.points.isEmpty()) {
				return new ArrayList<>(this.points);
			}
		}
		// The first reading is taken when somebody first looks, not during start-up,
		// where it would wait for the host probe.
		take();
		return points();
	}

	/**
	 * One reading.
	 *
	 * @param time when it was taken (real time)
	 * @param cpuUsage CPU use in percent
	 * @param usedMb memory in use, excluding buffers and cache, in MB
	 * @param totalMb all memory, in MB
	 * @param overridden whether the figures were set through the control API
	 */
	record Point(Instant time, double cpuUsage, long usedMb, long totalMb, boolean overridden) {
	}

}
