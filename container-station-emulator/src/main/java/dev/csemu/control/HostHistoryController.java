package dev.csemu.control;

import java.util.List;

import dev.csemu.system.HostProperties;
import dev.csemu.system.HostResources;

import org.springframework.web.bind.annotation.GetMapping;

/**
 * CPU and memory over the last minutes, for the dashboard's chart.
 */
@ControlApi
class HostHistoryController {

	private final HostHistory history;

	private final HostResources resources;

	private final HostProperties.Source source;

	HostHistoryController(HostHistory history, HostResources resources, HostProperties host) {
		this.history = history;
		this.resources = resources;
		this.source = host.source();
	}

	@GetMapping("/host/history")
	History history() {
		return new History(this.source, HostHistory.INTERVAL.toSeconds(), this.resources.overridden().isPresent(),
				this.history.points());
	}

	/**
	 * The recent figures.
	 *
	 * @param source where host facts come from: live or fixture
	 * @param intervalSeconds seconds between two points
	 * @param overridden whether figures set through the control API are in force now
	 * @param points the readings, oldest first
	 */
	record History(HostProperties.Source source, long intervalSeconds, boolean overridden,
			List<HostHistory.Point> points) {
	}

}
